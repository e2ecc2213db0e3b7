import type { TStaffRole } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { unitName, useSession } from '../../session/session.js';
import { unitsInTreeOrder } from '../../shell/unit-switcher.js';

/**
 * A unit picker for list filters, offered only to people who hold the page's roles on more than one unit; empty
 * means all of them. The server checks the unit again (a unit outside the person's scope is refused).
 */
export function UnitFilter(props: {
  id: string;
  roles: readonly TStaffRole[];
  value: string;
  onChange: (unitId: string) => void;
}) {
  const { me } = useSession();
  const { t, locale } = useT();
  const units = unitsInTreeOrder(me.units.filter((u) => u.roles.some((r) => props.roles.includes(r))));
  if (units.length < 2) return null;
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={props.id}>
        {t('cases:unitFilter')}
      </label>
      <select
        className="form-select"
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t('cases:allMyUnits')}</option>
        {units.map(({ unit, depth }) => (
          <option key={unit.id} value={unit.id}>
            {'\u00a0\u00a0'.repeat(depth)}
            {unitName(unit, locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
