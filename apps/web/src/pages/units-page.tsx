import { useT } from '../i18n/i18n.js';
import { unitName, useSession } from '../session/session.js';
import { unitsInTreeOrder } from '../shell/unit-switcher.js';
import { ROLE_STARTS } from '../start/capabilities.js';

const KIND_KEYS: Record<string, string> = {
  authority: 'backOffice:unitKindAuthority',
  centre: 'backOffice:unitKindCentre',
  team: 'backOffice:unitKindTeam',
};

/** The units in the person's scope as a tree, with the roles that apply in each. */
export function UnitsPage() {
  const { me } = useSession();
  const { t, locale } = useT();
  const roleName = (role: string) => t(ROLE_STARTS.find((s) => s.role === role)?.titleKey ?? role);
  return (
    <>
      <h1>{t('unitsTitle')}</h1>
      <p className="font-lead">{t('unitsIntro')}</p>
      <div className="table--responsive-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('unitColumnName')}</th>
              <th scope="col">{t('unitColumnKind')}</th>
              <th scope="col">{t('unitColumnCode')}</th>
              <th scope="col">{t('unitColumnRoles')}</th>
            </tr>
          </thead>
          <tbody>
            {unitsInTreeOrder(me.units).map(({ unit, depth }) => (
              <tr key={unit.id}>
                <td style={{ paddingLeft: `${1.6 + depth * 2.4}rem` }}>{unitName(unit, locale)}</td>
                <td>{t(KIND_KEYS[unit.kind] ?? unit.kind)}</td>
                <td>{unit.code}</td>
                <td>{unit.roles.map(roleName).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
