import crypto from 'node:crypto';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/auth/password.js';
import { recordAudit, type AuditEntry } from '../../platform/audit/record-audit.js';
import { assertPasswordAcceptable } from './password-policy.js';
import { passwordSetupRepository as repo, type SetupTarget } from './password-setup.repository.js';

/** How long a one-time link works: long enough to reach someone by mail overnight, short enough to be worthless later. */
export const PASSWORD_SETUP_HOURS = 24;
/** The portal page a link opens. */
export const PASSWORD_SETUP_PATH = '/adgangskode';

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Makes a one-time link by which the user sets their own password, within the caller's transaction; any older open
 * link of the user stops working. Only the token's hash is stored: the link exists once, in the answer.
 */
export async function issuePasswordSetupLink(
  db: Executor,
  input: { userId: string; publicUrl: string; now?: Date; validHours?: number },
): Promise<{ url: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.validHours ?? PASSWORD_SETUP_HOURS) * 3_600_000);
  const token = crypto.randomBytes(32).toString('base64url');
  await repo.expireOpenTokens(db, input.userId, now);
  await repo.insertToken(db, { tokenHash: hashToken(token), userId: input.userId, expiresAt });
  const url = new URL(PASSWORD_SETUP_PATH, input.publicUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt };
}

/** Whose password an open link sets; undefined for a used, expired or unknown link. */
export function findSetupTarget(db: Executor, token: string): Promise<SetupTarget | undefined> {
  return repo.findOpenTarget(db, hashToken(token), new Date());
}

function linkRefused(): AppError {
  return new AppError('invalid_state', 'This link has already been used, has expired or does not exist.', {
    operation: 'password_setup',
    reason: 'link_unusable',
  });
}

/**
 * Sets the password a one-time link is for, uses up the link, ends the user's sessions and audits the change, all in
 * one transaction. The policy is checked and the password hashed before the transaction, so the slow hash holds no
 * lock; the link is then taken with a conditional update, so two requests with one link cannot both succeed.
 */
export async function redeemPasswordSetup(
  db: Executor,
  meta: Pick<AuditEntry, 'requestId' | 'ip'>,
  input: { token: string; password: string },
): Promise<{ userId: string }> {
  const target = await findSetupTarget(db, input.token);
  if (!target) throw linkRefused();
  assertPasswordAcceptable(input.password, target.username);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const now = new Date();
    const still = await repo.findOpenTarget(trx, hashToken(input.token), now);
    if (!still || still.userId !== target.userId || !(await repo.markUsed(trx, hashToken(input.token), now))) {
      throw linkRefused();
    }
    await repo.setPasswordHash(trx, target.userId, passwordHash);
    await repo.deleteSessionsOf(trx, target.userId);
    await recordAudit(trx, {
      ...meta,
      actorUserId: target.userId,
      action: 'update',
      subjectUserId: target.userId,
      entityType: 'user',
      entityId: target.userId,
      purpose: AUDIT_PURPOSES.passwordSetup,
      details: { change: 'password' },
    });
    return { userId: target.userId };
  });
}
