import type { TStaffRole } from '@sagsgang/contracts';
import { useT, type Translate } from '../i18n/i18n.js';
import { Link, useIsRouted } from '../router/router.js';
import { activeRoles, unitName, useSession } from '../session/session.js';
import { ROLE_STARTS, type RoleStart } from './capabilities.js';
import { MyRoles } from './my-roles.js';

function RoleSection(props: { start: RoleStart; t: Translate }) {
  const { start, t } = props;
  const isRouted = useIsRouted();
  const available = start.capabilities.filter((c) => isRouted(c.path));
  const coming = start.capabilities.filter((c) => !isRouted(c.path));
  const headingId = `role-${start.role}`;
  return (
    <section className="bo-role" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(start.titleKey)}</h2>
      <p>{t(start.introKey)}</p>
      {available.length > 0 && (
        <ul className="bo-cards">
          {available.map((c) => (
            <li key={c.id}>
              <Link className="card" href={c.path}>
                <div className="card-content">
                  <h3 className="card-heading">{t(c.titleKey)}</h3>
                  <p>{t(c.textKey)}</p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {coming.length > 0 && (
        <div className="bo-coming">
          <h3 className="h5">{t('comingHeading')}</h3>
          <p className="bo-muted">{t('comingText')}</p>
          <ul>
            {coming.map((c) => (
              <li key={c.id} data-coming={c.id}>
                <strong>{t(c.titleKey)}</strong> – {t(c.textKey)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The start page: one section per role the person holds in the chosen unit, each with its ways in. */
export function StartPage() {
  const { me } = useSession();
  const { t, locale } = useT();
  const roles = activeRoles(me);
  const starts = ROLE_STARTS.filter((s) => roles.has(s.role as TStaffRole));
  const activeUnit = me.units.find((u) => u.id === me.activeUnitId);
  return (
    <>
      <h1>{t('startTitle', { name: me.user.displayName })}</h1>
      <p className="font-lead">
        {activeUnit ? t('startIntroUnit', { unit: unitName(activeUnit, locale) }) : t('startIntroAll')}
      </p>
      {starts.length === 0 && <p>{t('startNoRoles')}</p>}
      {starts.map((s) => (
        <RoleSection key={s.role} start={s} t={t} />
      ))}
      <MyRoles />
    </>
  );
}
