/** Units, staff users and unit-scoped roles. Other modules use the reach helpers to know whom an admin administers. */
export { orgRoutes } from './org.routes.js';
export { adminReach, assertReachesUser, reachesUser, type AdminReach } from './admin-reach.js';
export { unitTree, rootUnitIds, countUnits } from './units.service.js';
