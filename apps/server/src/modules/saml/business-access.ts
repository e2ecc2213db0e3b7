import type { FastifyInstance } from 'fastify';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { samlRepository as repo } from './saml.repository.js';

const BUSINESS = '+business';

/** The session's sign-in method when a person signs in to act for a business (`saml:<provider>+business`). */
export const businessAuthMethod = (method: string): string => `${method}${BUSINESS}`;

function isBusinessSession(authMethod: string | undefined): boolean {
  return !!authMethod?.startsWith('saml:') && authMethod.endsWith(BUSINESS);
}

/**
 * A business's session is shared by every person with the right to act for it, so each page it reads is audited
 * with the person who acted (the session's own audit rows name only the business), and so is everything it sends.
 * Static assets are not reads.
 */
export function auditBusinessAccess(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onResponse', async (request, reply) => {
    // The hook runs on every response: only a business's session pays for the look-up of who acted.
    if (!isBusinessSession(request.authSession?.authMethod) || !request.principal) return;
    const session = request.authSession!;
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
