import type { TStaffRole } from '@sagsgang/contracts';
import { useT } from '../i18n/i18n.js';
import { unitName, useSession } from '../session/session.js';
import { ROLE_STARTS } from './capabilities.js';

/** The person's roles as granted: which unit, which roles. Read straight from the session. */
export function MyRoles() {
  const { me } = useSession();
  const { t, locale } = useT();
  const titleKey = (role: string) => ROLE_STARTS.find((s) => s.role === (role as TStaffRole))?.titleKey ?? role;
  const grants = me.roles.filter((r) => r.unitId !== null);
  if (grants.length === 0) return null;
  const byUnit = new Map<string, string[]>();
  for (const g of grants) byUnit.set(g.unitId!, [...(byUnit.get(g.unitId!) ?? []), t(titleKey(g.role))]);
  return (
    <section className="bo-my-roles" aria-labelledby="my-roles-heading">
      <h2 id="my-roles-heading">{t('myRolesHeading')}</h2>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('myRolesUnit')}</th>
            <th scope="col">{t('myRolesRoles')}</th>
          </tr>
        </thead>
        <tbody>
          {[...byUnit].map(([unitId, roles]) => {
            const unit = me.units.find((u) => u.id === unitId);
            return (
              <tr key={unitId}>
                <td>{unit ? unitName(unit, locale) : unitId}</td>
                <td>{roles.join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
