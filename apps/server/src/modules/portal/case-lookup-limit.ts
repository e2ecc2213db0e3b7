import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  CASE_LOOKUP_ATTEMPTS,
  giveBackSignInAttempt,
  lockedSeconds,
  reserveSignInAttempt,
} from '../../platform/auth/sign-in-throttle.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { isOwnCaseReference } from '../cases/index.js';

/** Who is looking: the signed-in person and the client address. */
function parties(request: FastifyRequest) {
  return { namespace: CASE_LOOKUP_ATTEMPTS, address: request.ip, username: request.principal!.userId };
}

/** The look-ups that counted an attempt, so that only those give it back. */
const counting = new WeakSet<FastifyRequest>();

function tooMany(retryAfterSeconds: number): AppError {
  return new AppError(
    'rate_limited',
    `Too many look-ups of cases. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    { retryAfterSeconds },
  );
}

/**
 * Case references are short and guessable, so a citizen trying references of other people's cases must be slowed
 * down: each look-up of a reference that is not the applicant's own counts against the applicant and the address
 * like a sign-in attempt, before anything is answered. Too many misses lock out (429 with Retry-After, back-off as
 * for sign-in), audited once; while locked, even their own cases wait (the lock is on the person and the address).
 * Opening one's own case is no guess: it only reads whether a lock-out stands, and writes nothing, so the page a
 * citizen opens most costs no transaction and concurrent tabs never count against them.
 */
export function limitCaseLookups(app: FastifyInstance, ctx: AppContext): void {
  const limit = ctx.config.loginRateLimit;
  const db = ctx.database.db;
  // Signed out, the pages send the browser to sign in before anything is looked up.
  const reference = (request: FastifyRequest) =>
    request.principal !== undefined ? (request.params as { reference?: unknown } | undefined)?.reference : undefined;
  app.addHook('preHandler', async (request) => {
    const ref = reference(request);
    if (!ref || typeof ref !== 'string') return;
    const [own, locked] = await Promise.all([
      isOwnCaseReference(db, request.principal!, ref),
      lockedSeconds(db, parties(request)),
    ]);
    if (locked !== null && locked > 0) throw tooMany(locked);
    if (own) return;
    counting.add(request);
    const verdict = await reserveSignInAttempt(
      db,
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
    if (!verdict.allowed) throw tooMany(verdict.retryAfterSeconds);
  });
  // Before the answer leaves (not after, on `onResponse`): the next look-up must find the attempt given back already.
  app.addHook('onSend', async (request, reply, payload) => {
    // Counted, yet found after all (it became theirs meanwhile) or refused for another reason than not finding it.
    if (counting.has(request) && reply.statusCode !== 404 && reply.statusCode !== 429)
      await giveBackSignInAttempt(db, parties(request));
    return payload;
  });
}
