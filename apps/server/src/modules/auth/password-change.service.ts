import type { FastifyRequest } from 'fastify';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { giveBackSignInAttempt } from '../../platform/auth/sign-in-throttle.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import { authRepository as repo } from './auth.repository.js';
import { limitSignIn } from './auth.service.js';
import { assertPasswordAcceptable } from './password-policy.js';

/**
 * The signed-in person changes their own password: the current one is required (a session left open on a shared
 * desk must not be enough), guessing it counts in the sign-in limit, and the new one must pass the policy. Every
 * other session of the person ends, and the change is audited in the same transaction.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  request: FastifyRequest,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const db = ctx.database.db;
  const { username, hash } = await repo.passwordHashOf(db, principal.userId);
  if (!username || !hash)
    throw new AppError('invalid_state', 'This account signs in elsewhere and has no password here.', {
      reason: 'no_local_password',
    });
  const parties = { address: request.ip, username };
  await limitSignIn(ctx, request, parties);
  if (!(await verifyPassword(input.currentPassword, hash)))
    throw new AppError('validation', 'currentPassword: is not your current password', [
      {
        path: 'currentPassword',
        message: 'is not your current password',
        keyword: 'custom',
        params: { rule: 'wrong' },
      },
    ]);
  await giveBackSignInAttempt(db, parties);
  assertPasswordAcceptable(input.newPassword, username, 'newPassword');
  const next = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await repo.replacePasswordHash(trx, principal.userId, hash, next);
    await repo.deleteOtherSessions(trx, principal.userId, request.authSession!.tokenHash);
    await recordAudit(trx, {
      ...auditFrom(request),
      action: 'update',
      subjectUserId: principal.userId,
      entityType: 'user',
      entityId: principal.userId,
      purpose: AUDIT_PURPOSES.passwordChange,
      details: { change: 'password' },
    });
  });
}
