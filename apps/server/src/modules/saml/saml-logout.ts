import type { FastifyRequest } from 'fastify';
import type { Profile } from '@node-saml/node-saml';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import type { SamlProviderConfig } from '../../platform/config.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { samlClients } from './saml-client.js';
import { samlRepository as repo } from './saml.repository.js';
import type { SamlSessionTable } from './saml.tables.js';

/** A signed LogoutRequest for the session's NameID and SessionIndex, as a redirect to the provider. */
export async function samlLogoutRequestUrl(
  ctx: AppContext,
  provider: SamlProviderConfig,
  session: SamlSessionTable,
  relayState: string,
): Promise<string> {
  const { idp, clients } = await samlClients(ctx, provider);
  const profile: Profile = {
    issuer: idp.entityId,
    nameID: session.name_id,
    nameIDFormat: session.name_id_format ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    sessionIndex: session.session_index ?? undefined,
  };
  return clients[0]!.getLogoutUrlAsync(profile, relayState, {});
}

/** The provider's own LogoutRequest: every session of that NameID (and SessionIndex, when given) ends here too. */
export async function endSamlSession(
  ctx: AppContext,
  request: FastifyRequest,
  provider: SamlProviderConfig,
  profile: Profile,
): Promise<number> {
  return inTransaction(ctx.database.db, async (trx) => {
    const ended = await repo.deleteSessionsOf(trx, provider.id, profile.nameID, profile.sessionIndex);
    await recordAudit(trx, {
      ...auditFrom(request),
      actorUserId: null,
      action: 'sign_out',
      entityType: 'user_session',
      purpose: AUDIT_PURPOSES.signOut,
      details: { method: `saml:${provider.id}`, initiatedBy: 'identity_provider', sessions: ended },
    });
    return ended;
  });
}
