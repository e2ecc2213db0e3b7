import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  CASE_LOOKUP_ATTEMPTS,
  giveBackSignInAttempt,
  reserveSignInAttempt,
} from '../../platform/auth/sign-in-throttle.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';

/** Who is looking: the signed-in person and the client address. */
function parties(request: FastifyRequest) {
  return { namespace: CASE_LOOKUP_ATTEMPTS, address: request.ip, username: request.principal!.userId };
}

/**
 * Case references are short and guessable, so a citizen trying references of other people's cases must be slowed
 * down: each look-up of a case by reference counts against the applicant and the address like a sign-in attempt,
 * and one that finds the applicant's own case gives its attempt back. Too many misses lock out (429 with
 * Retry-After, back-off as for sign-in), audited once.
 */
export function limitCaseLookups(app: FastifyInstance, ctx: AppContext): void {
  const limit = ctx.config.loginRateLimit;
  // Signed out, the pages send the browser to sign in before anything is looked up.
  const counted = (request: FastifyRequest) =>
    request.principal !== undefined && Boolean((request.params as { reference?: unknown } | undefined)?.reference);
  app.addHook('preHandler', async (request) => {
    if (!counted(request)) return;
    const verdict = await reserveSignInAttempt(
      ctx.database.db,
      parties(request),
      { accountMax: limit.max, addressMax: limit.addressMax, windowMinutes: limit.windowMinutes },
      (trx, scope, seconds) =>
        recordAudit(trx, {
          ...auditFrom(request),
          action: 'denied',
          subjectUserId: request.principal!.userId,
          entityType: 'case_lookup',
          purpose: AUDIT_PURPOSES.caseLookupLimit,
          details: { scope, lockedSeconds: seconds },
        }),
    );
    if (!verdict.allowed)
      throw new AppError(
        'rate_limited',
        `Too many look-ups of cases. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
        { retryAfterSeconds: verdict.retryAfterSeconds },
      );
  });
  // Before the answer leaves (not after, on `onResponse`): the next look-up must find the attempt given back already.
  app.addHook('onSend', async (request, reply, payload) => {
    // Found (or refused for another reason than not finding it): the attempt was not a guess.
    if (counted(request) && reply.statusCode !== 404 && reply.statusCode !== 429)
      await giveBackSignInAttempt(ctx.database.db, parties(request));
    return payload;
  });
}
