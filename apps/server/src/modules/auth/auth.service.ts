import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../platform/auth/password.js';
import { createSession, deleteSession, setActiveUnit } from '../../platform/auth/session-store.js';
import { sessionPolicy } from '../../platform/auth/auth-plugin.js';
import { reserveSignInAttempt, type SignInParties } from '../../platform/auth/sign-in-throttle.js';
import { unitsWithRole, STAFF_ROLES, type Principal } from '../../platform/auth/principal.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { authRepository as repo } from './auth.repository.js';
import { AUDIT_PURPOSES, type RateLimitDetails, type TMe } from '@sagsgang/contracts';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * Checks a user name and password. An unknown user, a user without a password, a deactivated user and a wrong
 * password all cost one scrypt and give the same `undefined`, so neither the answer nor its timing tells which.
 */
export async function checkPassword(ctx: AppContext, credentials: Credentials): Promise<string | undefined> {
  const user = await repo.findUserByUsername(ctx.database.db, credentials.username);
  const hash = user?.passwordHash ?? (await dummyPasswordHash());
  const matches = await verifyPassword(credentials.password, hash);
  if (!(matches && user?.passwordHash && user.active)) return undefined;
  // A hash made at an older (cheaper) cost is replaced now, while the password is at hand.
  if (needsRehash(user.passwordHash)) {
    const upgraded = await hashPassword(credentials.password);
    await repo.replacePasswordHash(ctx.database.db, user.id, user.passwordHash, upgraded);
  }
  return user.id;
}

/**
 * Counts a sign-in attempt in the shared limit (per client address and per account) and refuses it with a 429 and
 * a Retry-After when either is locked out. The lock-out itself is audited, in the transaction that sets it.
 */
export async function limitSignIn(ctx: AppContext, request: FastifyRequest, parties: SignInParties): Promise<void> {
  const limit = ctx.config.loginRateLimit;
  const verdict = await reserveSignInAttempt(
    ctx.database.db,
    parties,
    { accountMax: limit.max, addressMax: limit.addressMax, windowMinutes: limit.windowMinutes },
    async (trx, scope, seconds) => {
      const user = scope === 'account' ? await repo.findUserByUsername(trx, parties.username) : undefined;
      await recordAudit(trx, {
        ...auditFrom(request),
        actorUserId: null,
        action: 'sign_in_locked',
        subjectUserId: user?.id ?? null,
        entityType: 'user_session',
        purpose: AUDIT_PURPOSES.signIn,
        details: { method: 'password', scope, lockedSeconds: seconds },
      });
    },
  );
  if (verdict.allowed) return;
  const details: RateLimitDetails = { retryAfterSeconds: verdict.retryAfterSeconds };
  throw new AppError(
    'rate_limited',
    `Too many sign-in attempts. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
    details,
  );
}

/** Audits a refused sign-in. Only the user id is kept (when the name exists): never what was typed. */
export async function auditFailedSignIn(ctx: AppContext, request: FastifyRequest, username: string): Promise<void> {
  const user = await repo.findUserByUsername(ctx.database.db, username);
  await recordAudit(ctx.database.db, {
    ...auditFrom(request),
    actorUserId: null,
    action: 'sign_in_failed',
    subjectUserId: user?.id ?? null,
    entityType: 'user_session',
    purpose: AUDIT_PURPOSES.signIn,
    details: { method: 'password' },
  });
}

/**
 * Starts a session for a user who has proved who they are, and audits it in the same transaction. Any session the
 * browser already had is ended first, so a planted session id cannot be carried into the new sign-in.
 */
export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  sign: { userId: string; authMethod: string },
): Promise<{ token: string; expiresAt: Date }> {
  return inTransaction(ctx.database.db, async (trx) => {
    if (request.authSession) await deleteSession(trx, request.authSession.tokenHash);
    const session = await createSession(trx, { userId: sign.userId, authMethod: sign.authMethod }, sessionPolicy(ctx));
    await recordAudit(trx, {
      ...auditFrom(request),
      actorUserId: sign.userId,
      action: 'sign_in',
      subjectUserId: sign.userId,
      entityType: 'user_session',
      purpose: AUDIT_PURPOSES.signIn,
      details: { method: sign.authMethod },
    });
    return session;
  });
}

export async function endSession(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const session = request.authSession;
  if (!session) return;
  await inTransaction(ctx.database.db, async (trx) => {
    await deleteSession(trx, session.tokenHash);
    await recordAudit(trx, {
      ...auditFrom(request),
      action: 'sign_out',
      subjectUserId: session.userId,
      entityType: 'user_session',
      purpose: AUDIT_PURPOSES.signOut,
    });
  });
}

/** The units the principal works in, each with the roles held there. */
async function unitsInScope(executor: Executor, principal: Principal): Promise<TMe['units']> {
  const ids = unitsWithRole(principal, STAFF_ROLES);
  const rows = await repo.findUnits(executor, ids);
  return rows.map((u) => ({
    id: u.id,
    parentId: u.parent_id,
    kind: u.kind,
    code: u.code,
    nameDa: u.name_da,
    nameEn: u.name_en,
    roles: STAFF_ROLES.filter((r) => principal.scope[r]?.has(u.id)),
  }));
}

export async function describeMe(ctx: AppContext, principal: Principal, request: FastifyRequest): Promise<TMe> {
  const user = await repo.findUserProfile(ctx.database.db, principal.userId);
  return {
    user: {
      id: user.id,
      kind: user.kind,
      username: user.username,
      displayName: user.display_name,
      email: user.email,
      locale: user.locale,
      organisationName: user.organisation_name,
    },
    roles: principal.grants.map((g) => ({ role: g.role, unitId: g.unitId })),
    units: await unitsInScope(ctx.database.db, principal),
    activeUnitId: request.authSession?.activeUnitId ?? null,
    authMethod: request.authSession?.authMethod ?? 'unknown',
  };
}

/** The unit the back office works in by default; it must be one the principal has a role on. */
export async function chooseActiveUnit(
  ctx: AppContext,
  request: FastifyRequest,
  principal: Principal,
  unitId: string | null,
) {
  if (unitId !== null && !unitsWithRole(principal, STAFF_ROLES).includes(unitId)) {
    throw new AppError('forbidden', 'You have no role on that unit.', { unitId });
  }
  await setActiveUnit(ctx.database.db, request.authSession!.tokenHash, unitId);
}
