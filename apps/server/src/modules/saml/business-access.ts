import type { FastifyInstance } from 'fastify';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { samlRepository as repo } from './saml.repository.js';

/**
 * A business's session is shared by every person with the right to act for it, so each page it reads is audited
 * with the person who acted (the session's own audit rows name only the business), and so is everything it sends.
 * Static assets are not reads.
 */
export function auditBusinessAccess(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onResponse', async (request, reply) => {
    const session = request.authSession;
    if (!session?.authMethod.startsWith('saml:') || !request.principal) return;
    if (reply.statusCode >= 400 || request.url.startsWith('/static/')) return;
    try {
      const saml = await repo.sessionOf(ctx.database.db, session.tokenHash);
      if (!saml?.acting_user_id) return;
      await recordAudit(ctx.database.db, {
        ...auditFrom(request),
        actorUserId: saml.acting_user_id,
        // What the person did for the business: read a page, or sent something (an application, a document).
        action: request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'update',
        subjectUserId: request.principal.userId,
        entityType: 'business_page',
        entityId: (request.routeOptions.url ?? request.url.split('?')[0]!).slice(0, 200),
        purpose: AUDIT_PURPOSES.ownCaseFile,
        details: { actingFor: saml.cvr, path: request.url.split('?')[0]!.slice(0, 200) },
      });
    } catch (err) {
      request.log.error({ err }, 'could not audit a business access');
    }
  });
}
