import type { ModuleDescriptor } from '../../platform/context.js';
import { healthRoutes } from './health.routes.js';

/** Liveness and the database check, for load balancers and operators. */
export const healthModule: ModuleDescriptor = { name: 'health', routes: healthRoutes, operational: true };
