import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { healthRoutes } from './health/index.js';
import { backOfficeRoutes } from './back-office/index.js';
import { portalRoutes, applicantPortalRoutes } from './portal/index.js';
import { notificationsModule } from './notifications/index.js';
import { applicationsRoutes } from './applications/index.js';
import { authModule } from './auth/index.js';
import { orgRoutes } from './org/index.js';
import { auditRoutes } from './audit/index.js';
import { processModelRoutes } from './process-models/index.js';
import { caseTypeRoutes } from './case-types/index.js';
import { caseRoutes } from './cases/index.js';
import { navigatorRoutes } from './navigator/index.js';
import { calendarRoutes } from './calendar/index.js';

/**
 * Every capability's routes, in one list. Add one line per module; the order only matters for hooks that a
 * later module relies on (auth first).
 */
export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(healthRoutes(ctx));
  await app.register(authModule(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(processModelRoutes(ctx));
  await app.register(caseTypeRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(caseRoutes(ctx));
  await app.register(navigatorRoutes(ctx));
  await app.register(notificationsModule(ctx));
  await app.register(applicationsRoutes(ctx));
  await app.register(applicantPortalRoutes(ctx));
  await app.register(portalRoutes(ctx));
  await app.register(backOfficeRoutes());
}
