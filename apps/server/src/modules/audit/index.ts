/** Reading the audit log: admin search and a data subject's access log export. Writing is platform/audit. */
export { auditRoutes } from './audit.routes.js';
