import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../session/session.js';
import { adminApi } from './admin-api.js';
import { flattenUnits, grantableUnits, type UnitChoice } from './unit-choices.js';

/**
 * The organisation's units for naming a grant's unit (any unit), and those the signed-in admin may give roles on.
 * Whether they administer the whole authority decides if citizens can be listed too.
 */
export function useUnits() {
  const { me } = useSession();
  const [all, setAll] = useState<UnitChoice[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    adminApi.units(ctl.signal).then(
      (tree) => setAll(flattenUnits(tree)),
      () => undefined,
    );
    return () => ctl.abort();
  }, []);
  return useMemo(() => {
    const administered = new Set(me.units.filter((u) => u.roles.includes('admin')).map((u) => u.id));
    return {
      all,
      byId: new Map(all.map((u) => [u.id, u])),
      grantable: grantableUnits(all, administered),
      authorityWide: me.units.some((u) => u.parentId === null && u.roles.includes('admin')),
    };
  }, [all, me.units]);
}
