import type { FastifyRequest } from 'fastify';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  AUDIT_PURPOSES,
  type TPasskeyAuthenticationRequest,
  type TPasskeyRegistrationRequest,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { giveBackSignInAttempt } from '../../platform/auth/sign-in-throttle.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { passkeyRepository as repo, type ChallengePurpose } from './passkey.repository.js';
import { secondFactorRepository } from './second-factor.repository.js';
import { factorStep, reserveFactorAttempt } from './second-factor.service.js';
import { startSession } from './auth.service.js';

/** A ceremony is a click and a touch: two minutes is plenty, and a stolen challenge soon worthless. */
const CHALLENGE_SECONDS = 120;
const MAX_PASSKEYS = 10;

/** The relying party is the public address: its host name is the rpID, its origin the one the browser reports. */
function relyingParty(ctx: AppContext): { rpID: string; origin: string } {
  const url = new URL(ctx.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

async function putChallenge(ctx: AppContext, sessionHash: string, purpose: ChallengePurpose, challenge: string) {
  await repo.putChallenge(ctx.database.db, { sessionHash, purpose, challenge, seconds: CHALLENGE_SECONDS });
}

async function takeChallenge(ctx: AppContext, sessionHash: string, purpose: ChallengePurpose): Promise<string> {
  const challenge = await repo.takeChallenge(ctx.database.db, sessionHash, purpose);
  if (!challenge)
    throw new AppError('invalid_state', 'The passkey request has expired or was used. Try again.', {
      reason: 'no_challenge',
    });
  return challenge;
}

const asTransports = (list: string[]) => list as AuthenticatorTransport[];

export interface FactorSession {
  sessionHash: string;
  userId: string;
  /** Half signed in: the password was right, the second factor is still owed. */
  pending: boolean;
}

/**
 * A half-signed-in person may add a passkey only when they have no factor yet (they must enrol one): with one, they
 * prove it first, or a stolen password would add the thief's passkey.
 */
async function assertMayEnrol(ctx: AppContext, s: FactorSession): Promise<void> {
  if (s.pending && (await factorStep(ctx, s.userId)) === 'verify')
    throw new AppError('conflict', 'Confirm the second factor you have before adding another.', {
      reason: 'factor_exists',
    });
}

/** Options for `navigator.credentials.create`: the user's own passkeys are excluded, so one is not added twice. */
export async function passkeyRegistrationOptions(ctx: AppContext, s: FactorSession): Promise<Record<string, unknown>> {
  await assertMayEnrol(ctx, s);
  const { userId, sessionHash } = s;
  const db = ctx.database.db;
  const [{ username }, existing] = await Promise.all([
    secondFactorRepository.userForFactor(db, userId),
    repo.listForUser(db, userId),
  ]);
  if (existing.length >= MAX_PASSKEYS)
    throw new AppError('conflict', `At most ${MAX_PASSKEYS} passkeys per user.`, { reason: 'too_many_passkeys' });
  const { rpID } = relyingParty(ctx);
  const options = await generateRegistrationOptions({
    rpName: ctx.config.authorityName,
    rpID,
    userID: new TextEncoder().encode(userId),
    userName: username ?? userId,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: asTransports(p.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  await putChallenge(ctx, sessionHash, 'register', options.challenge);
  return options as unknown as Record<string, unknown>;
}

/** Checks a new passkey against the session's registration challenge and keeps it (audited in the same commit). */
export async function registerPasskey(
  ctx: AppContext,
  request: FastifyRequest,
  s: FactorSession,
  input: TPasskeyRegistrationRequest,
): Promise<void> {
  await assertMayEnrol(ctx, s);
  const expectedChallenge = await takeChallenge(ctx, s.sessionHash, 'register');
  const { rpID, origin } = relyingParty(ctx);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.credential as unknown as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch (err) {
    throw new AppError('validation', `The passkey was not accepted: ${(err as Error).message}`, {
      reason: 'passkey_refused',
    });
  }
  if (!verification.verified)
    throw new AppError('validation', 'The passkey was not accepted.', { reason: 'passkey_refused' });
  const { credential } = verification.registrationInfo;
  const name = input.name?.trim() || `Passkey ${new Date().toISOString().slice(0, 10)}`;
  await inTransaction(ctx.database.db, async (trx) => {
    const added = await repo.insert(trx, {
      userId: s.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name,
    });
    if (!added) throw new AppError('conflict', 'This passkey is registered already.', { reason: 'factor_exists' });
    await recordAudit(trx, {
      ...auditFrom(request),
      actorUserId: s.userId,
      action: 'create',
      subjectUserId: s.userId,
      entityType: 'user_passkey',
      entityId: s.userId,
      purpose: AUDIT_PURPOSES.secondFactor,
      details: { factor: 'passkey', name },
    });
  });
}

/** Options for `navigator.credentials.get`, naming the user's passkeys; refused when the user has none. */
export async function passkeyAuthenticationOptions(
  ctx: AppContext,
  sessionHash: string,
  userId: string,
): Promise<Record<string, unknown>> {
  const passkeys = await repo.listForUser(ctx.database.db, userId);
  if (passkeys.length === 0)
    throw new AppError('invalid_state', 'No passkey is registered for this user.', { reason: 'no_passkey' });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(ctx).rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: asTransports(p.transports) })),
    userVerification: 'required',
  });
  await putChallenge(ctx, sessionHash, 'authenticate', options.challenge);
  return options as unknown as Record<string, unknown>;
}

const refused = () => new AppError('unauthenticated', 'The passkey was not accepted.', { reason: 'passkey_refused' });

/**
 * Checks a passkey assertion against the session's challenge and one of the user's own passkeys, moves its
 * signature counter on (a counter that does not grow is refused by the check), counted and audited like a code.
 */
export async function verifyPasskey(
  ctx: AppContext,
  request: FastifyRequest,
  s: { sessionHash: string; userId: string },
  input: TPasskeyAuthenticationRequest,
): Promise<void> {
  const db = ctx.database.db;
  const parties = await reserveFactorAttempt(ctx, request, s.userId);
  const expectedChallenge = await takeChallenge(ctx, s.sessionHash, 'authenticate');
  const passkey = (await repo.listForUser(db, s.userId)).find((p) => p.credentialId === input.credential.id);
  let newCounter: number | undefined;
  if (passkey) {
    const { rpID, origin } = relyingParty(ctx);
    try {
      const result = await verifyAuthenticationResponse({
        response: input.credential as unknown as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: {
          id: passkey.credentialId,
          publicKey: Buffer.from(passkey.publicKey, 'base64url'),
          counter: passkey.counter,
          transports: passkey.transports,
        },
        requireUserVerification: true,
      });
      if (result.verified) newCounter = result.authenticationInfo.newCounter;
    } catch {
      newCounter = undefined;
    }
  }
  if (
    !passkey ||
    newCounter === undefined ||
    !(await repo.takeCounter(db, passkey.credentialId, passkey.counter, newCounter))
  ) {
    await recordAudit(db, {
      ...auditFrom(request),
      actorUserId: null,
      action: 'sign_in_failed',
      subjectUserId: s.userId,
      entityType: 'user_session',
      purpose: AUDIT_PURPOSES.signIn,
      details: { method: 'passkey' },
    });
    throw refused();
  }
  await giveBackSignInAttempt(db, parties);
}

/** The second step of sign-in with a passkey: the half-signed-in session is replaced by a full one. */
export async function completePasskeySignIn(
  ctx: AppContext,
  request: FastifyRequest,
  s: { sessionHash: string; userId: string },
  input: TPasskeyAuthenticationRequest,
): Promise<{ token: string; expiresAt: Date }> {
  await verifyPasskey(ctx, request, s, input);
  return startSession(ctx, request, { userId: s.userId, authMethod: 'password+passkey' });
}
