import type { ModuleDescriptor } from '../../platform/context.js';
import { orgRoutes } from './org.routes.js';

/** Units, staff users and unit-scoped roles. Other modules use the reach helpers to know whom an admin administers. */
export const orgModule: ModuleDescriptor = { name: 'org', routes: orgRoutes };

export { adminReach, assertReachesUser, reachesUser, type AdminReach } from './admin-reach.js';
export { unitTree, rootUnitIds, countUnits } from './units.service.js';
export {
  importOrganisation,
  addMissingUnits,
  unitIdByCode,
  firstAuthorityId,
  caseworkersOf,
  type ImportedUnit,
  type ImportedAccount,
} from './organisation-import.js';
export { ensureAdministrator, type AdministratorInput } from './first-administrator.js';
