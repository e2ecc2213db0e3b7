import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { renderSVG } from 'uqr';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { createSession, deleteSession } from '../../platform/auth/session-store.js';
import { giveBackSignInAttempt, reserveSignInAttempt } from '../../platform/auth/sign-in-throttle.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { secondFactorRepository as repo } from './second-factor.repository.js';
import { passkeyRepository } from './passkey.repository.js';
import { startSession } from './auth.service.js';

/** What the password step leads to: a full session, proving a factor, or enrolling one first. */
export type FactorStep = 'none' | 'verify' | 'enrol';

/** Where the sign-in pages for the second step live. */
export const SECOND_FACTOR_PATH = '/login/faktor';
export const ENROL_FACTOR_PATH = '/login/faktor/ny';

/** A half-signed-in session lasts long enough to open an authenticator app, not a working day. */
const PENDING_MINUTES = 10;
export const RECOVERY_CODE_COUNT = 10;
/** A code of the previous or next 30 seconds still counts: clocks drift and people type slowly. */
const TOTP_TOLERANCE_SECONDS = 30;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
/** Recovery codes are typed by people: case, spaces and dashes do not matter. */
const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/** Which second factors a user has set up, for the page that asks for one. */
export async function factorsOf(ctx: AppContext, userId: string): Promise<{ totp: boolean; passkey: boolean }> {
  const [totp, passkey] = await Promise.all([
    repo.findTotp(ctx.database.db, userId),
    passkeyRepository.hasAny(ctx.database.db, userId),
  ]);
  return { totp: totp?.confirmed ?? false, passkey };
}

/** Whether a user who has just given the right password owes a second factor, and which step. */
export async function factorStep(ctx: AppContext, userId: string): Promise<FactorStep> {
  const totp = await repo.findTotp(ctx.database.db, userId);
  if (totp?.confirmed || (await passkeyRepository.hasAny(ctx.database.db, userId))) return 'verify';
  const { roles } = await repo.userForFactor(ctx.database.db, userId);
  return roles.some((r) => ctx.config.mfaRequiredRoles.includes(r)) ? 'enrol' : 'none';
}

/** A session that may only prove (or enrol) a second factor; any session the browser had is ended first. */
export async function startPendingSession(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  return inTransaction(ctx.database.db, async (trx) => {
    if (request.authSession) await deleteSession(trx, request.authSession.tokenHash);
    return createSession(
      trx,
      { userId, authMethod: 'password', mfaPending: true },
      { idleMinutes: PENDING_MINUTES, maxMinutes: Math.min(PENDING_MINUTES, ctx.config.sessionMaxMinutes) },
    );
  });
}

export interface TotpEnrolment {
  /** The secret as base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code, an SVG data URL for an <img>. */
  qrDataUrl: string;
}

/**
 * Starts (or shows again) enrolling an authenticator app: an unconfirmed secret until a code from the app confirms
 * it. Refused when the user already has a confirmed one.
 */
export async function beginTotpEnrolment(ctx: AppContext, userId: string): Promise<TotpEnrolment> {
  const db = ctx.database.db;
  let totp = await repo.findTotp(db, userId);
  if (totp?.confirmed)
    throw new AppError('conflict', 'An authenticator app is already set up for this user.', {
      reason: 'factor_exists',
    });
  if (!totp) {
    await repo.putUnconfirmedTotp(db, userId, generateSecret());
    totp = (await repo.findTotp(db, userId))!;
  }
  const { username } = await repo.userForFactor(db, userId);
  const otpauthUri = generateURI({ issuer: ctx.config.authorityName, label: username ?? userId, secret: totp.secret });
  const svg = renderSVG(otpauthUri, { border: 2 });
  return {
    secret: totp.secret,
    otpauthUri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/** The time step a code belongs to, or undefined when it is not the secret's code now (give or take 30 s). */
function totpStep(secret: string, code: string): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = verifySync({ secret, token: code, epochTolerance: TOTP_TOLERANCE_SECONDS });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

function newRecoveryCodes(): string[] {
  // 16 base32 letters each (80 bits), shown in groups of four.
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.randomBytes(16);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

const wrongCode = () => new AppError('unauthenticated', 'The code is not correct.', { reason: 'wrong_code' });

/**
 * Confirms the authenticator with a code from it, and gives ten one-time recovery codes (shown once; only their
 * hashes are kept). The enrolment and its audit entry commit together.
 */
export async function confirmTotpEnrolment(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const totp = await repo.findTotp(ctx.database.db, userId);
  if (!totp || totp.confirmed)
    throw new AppError('invalid_state', 'There is no authenticator app waiting to be confirmed.', {
      reason: 'no_enrolment',
    });
  // A half-signed-in person who has a passkey proves it; adding an app instead would let a password alone in.
  if (request.authSession?.mfaPending && (await passkeyRepository.hasAny(ctx.database.db, userId)))
    throw new AppError('conflict', 'Confirm the second factor you have before adding another.', {
      reason: 'factor_exists',
    });
  const step = totpStep(totp.secret, code.trim());
  if (step === undefined) throw wrongCode();
  const recoveryCodes = newRecoveryCodes();
  await inTransaction(ctx.database.db, async (trx) => {
    if (!(await repo.confirmTotp(trx, userId, step))) throw wrongCode();
    await repo.replaceRecoveryCodes(
      trx,
      userId,
      recoveryCodes.map((c) => sha256(normalizeRecoveryCode(c))),
    );
    await recordAudit(trx, {
      ...auditFrom(request),
      actorUserId: userId,
      action: 'create',
      subjectUserId: userId,
      entityType: 'user_totp',
      entityId: userId,
      purpose: AUDIT_PURPOSES.secondFactor,
      details: { factor: 'totp', recoveryCodes: RECOVERY_CODE_COUNT },
    });
  });
  return { recoveryCodes };
}

/**
 * Counts an attempt at a second factor in the shared sign-in limit under the user's own key, so guessing codes (or
 * replaying passkey assertions) locks out like guessing passwords. Returns the parties to give the attempt back to.
 */
export async function reserveFactorAttempt(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
): Promise<{ address: string; username: string }> {
  const parties = { address: request.ip, username: `second-factor:${userId}` };
  const limit = ctx.config.loginRateLimit;
  const verdict = await reserveSignInAttempt(
    ctx.database.db,
    parties,
    { accountMax: limit.max, addressMax: limit.addressMax, windowMinutes: limit.windowMinutes },
    async (trx, scope, seconds) =>
      recordAudit(trx, {
        ...auditFrom(request),
        actorUserId: null,
        action: 'sign_in_locked',
        subjectUserId: scope === 'account' ? userId : null,
        entityType: 'user_session',
        purpose: AUDIT_PURPOSES.signIn,
        details: { method: 'second_factor', scope, lockedSeconds: seconds },
      }),
  );
  if (!verdict.allowed)
    throw new AppError(
      'rate_limited',
      `Too many sign-in attempts. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds: verdict.retryAfterSeconds },
    );
  return parties;
}

/**
 * Checks a second factor: a code from the authenticator app (each time step once) or an unused recovery code,
 * counted by reserveFactorAttempt; a wrong code is audited. Returns how the factor was proved.
 */
export async function verifySecondFactor(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery_code'> {
  const db = ctx.database.db;
  const parties = await reserveFactorAttempt(ctx, request, userId);
  const trimmed = code.trim();
  const totp = await repo.findTotp(db, userId);
  const step = totp?.confirmed ? totpStep(totp.secret, trimmed) : undefined;
  let method: 'totp' | 'recovery_code' | undefined;
  if (step !== undefined && (await repo.takeTotpStep(db, userId, step))) method = 'totp';
  else if (!/^\d{6}$/.test(trimmed) && (await repo.useRecoveryCode(db, userId, sha256(normalizeRecoveryCode(trimmed)))))
    method = 'recovery_code';
  if (!method) {
    await recordAudit(db, {
      ...auditFrom(request),
      actorUserId: null,
      action: 'sign_in_failed',
      subjectUserId: userId,
      entityType: 'user_session',
      purpose: AUDIT_PURPOSES.signIn,
      details: { method: 'second_factor' },
    });
    throw wrongCode();
  }
  await giveBackSignInAttempt(db, parties);
  return method;
}

/** How many recovery codes the user has left (shown after a sign-in with one). */
export function recoveryCodesLeft(ctx: AppContext, userId: string): Promise<number> {
  return repo.unusedRecoveryCodes(ctx.database.db, userId);
}

/**
 * The second step of sign-in: the factor proved, the half-signed-in session is replaced by a full one under a new
 * token (audited as the sign-in).
 */
export async function completeSecondFactor(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
  code: string,
): Promise<{ token: string; expiresAt: Date }> {
  const method = await verifySecondFactor(ctx, request, userId, code);
  return startSession(ctx, request, { userId, authMethod: `password+${method}` });
}

/** After enrolling a factor in a half-signed-in session: the code (or passkey) that confirmed it completes the sign-in. */
export function completeEnrolledSignIn(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
  factor: 'totp' | 'passkey' = 'totp',
): Promise<{ token: string; expiresAt: Date }> {
  return startSession(ctx, request, { userId, authMethod: `password+${factor}` });
}
