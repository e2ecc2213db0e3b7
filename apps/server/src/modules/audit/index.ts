import type { ModuleDescriptor } from '../../platform/context.js';
import { auditRoutes } from './audit.routes.js';

/** Reading the audit log: admin search and a data subject's access log export. Writing is platform/audit. */
export const auditModule: ModuleDescriptor = { name: 'audit', routes: auditRoutes };
