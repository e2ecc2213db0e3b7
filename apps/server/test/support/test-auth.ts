/**
 * Organisation, users and signed-in sessions for HTTP and database tests.
 *
 *   const t = useTestApp(engine);
 *   const units = await createUnitTree(t().database.db);                  // authority -> 2 centres -> 3 teams
 *   const cw = await createUser(t().database.db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
 *   const s = await signIn(t().app, cw.username, cw.password);            // through POST /api/auth/login
 *   const s2 = await sessionFor(t().app, t().database.db, cw.id);         // straight into user_session (faster)
 *   const res = await s.inject({ method: 'POST', url: '/api/...', payload: {...} }); // cookie + x-csrf-token added
 *
 * Every call makes fresh codes and user names, so one database serves a whole test file.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Executor } from '../../src/platform/db/transaction.js';
import type { Role } from '../../src/platform/auth/principal.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/session-store.js';
import { CSRF_COOKIE } from '../../src/platform/auth/auth-plugin.js';

export interface UnitTree {
  authority: string;
  centreA: string;
  centreB: string;
  teamA1: string;
  teamA2: string;
  teamB1: string;
  /** Unit codes by the same keys (each ends in a random suffix). */
  codes: Record<'authority' | 'centreA' | 'centreB' | 'teamA1' | 'teamA2' | 'teamB1', string>;
}

const suffix = () => crypto.randomBytes(4).toString('hex');

/** authority -> centre A (teams A1, A2) and centre B (team B1). Returns the unit ids. */
export async function createUnitTree(db: Executor): Promise<UnitTree> {
  const s = suffix();
  const add = async (kind: 'authority' | 'centre' | 'team', code: string, name: string, parentId: string | null) => {
    const row = await db
      .insertInto('unit')
      .values({ kind, code: `${code}-${s}`, name_da: name, name_en: name, parent_id: parentId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const authority = await add('authority', 'authority', 'Test Kommune', null);
  const centreA = await add('centre', 'centre-a', 'Center A', authority);
  const centreB = await add('centre', 'centre-b', 'Center B', authority);
  const teamA1 = await add('team', 'team-a1', 'Team A1', centreA);
  const teamA2 = await add('team', 'team-a2', 'Team A2', centreA);
  const teamB1 = await add('team', 'team-b1', 'Team B1', centreB);
  const codes = {
    authority: `authority-${s}`,
    centreA: `centre-a-${s}`,
    centreB: `centre-b-${s}`,
    teamA1: `team-a1-${s}`,
    teamA2: `team-a2-${s}`,
    teamB1: `team-b1-${s}`,
  };
  return { authority, centreA, centreB, teamA1, teamA2, teamB1, codes };
}

export interface NewTestUser {
  kind?: 'staff' | 'applicant';
  username?: string;
  /** Defaults to `test-password-1`; null makes a user who can only sign in through OIDC. */
  password?: string | null;
  displayName?: string;
  /** Staff grants; an applicant always gets the applicant role. */
  grants?: { role: Exclude<Role, 'applicant'>; unitId: string }[];
  active?: boolean;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export const TEST_PASSWORD = 'test-password-1';

export async function createUser(db: Executor, user: NewTestUser = {}): Promise<TestUser> {
  const kind = user.kind ?? 'staff';
  const username = user.username ?? `${kind}-${suffix()}`;
  const password = user.password === undefined ? TEST_PASSWORD : user.password;
  const row = await db
    .insertInto('app_user')
    .values({
      kind,
      username,
      display_name: user.displayName ?? `Test ${username}`,
      password_hash: password === null ? null : await hashPassword(password),
      active: user.active ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const grants = [
    ...(kind === 'applicant' ? [{ role: 'applicant' as const, unitId: null }] : []),
    ...(user.grants ?? []),
  ];
  for (const g of grants) {
    await db.insertInto('role_grant').values({ user_id: row.id, role: g.role, unit_id: g.unitId }).execute();
  }
  return { id: row.id, username, password: password ?? '' };
}

export interface TestSession {
  /** The Cookie header value: session and CSRF secret. */
  cookie: string;
  csrfToken: string;
  /** app.inject with the cookie and the x-csrf-token header added (caller headers win). */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The session cookie a response set, in place of the one `session` had (after a second factor, say). */
export function withNewSession(session: TestSession, res: LightMyRequestResponse): TestSession {
  const token = res.cookies.find((c) => c.name === 'sagsgang_session')?.value;
  if (!token) throw new Error('no new session cookie');
  const cookie = session.cookie.replace(/sagsgang_session=[^;]+/, `sagsgang_session=${token}`);
  return {
    ...session,
    cookie,
    inject: (opts) => session.inject({ ...opts, headers: { cookie, ...(opts.headers ?? {}) } }),
  };
}

function cookieValue(res: LightMyRequestResponse, name: string): string | undefined {
  return res.cookies.find((c) => c.name === name)?.value;
}

async function csrfFor(app: FastifyInstance, cookie: string): Promise<{ token: string; csrfCookie: string }> {
  const res = await app.inject({ method: 'GET', url: '/api/auth/csrf', headers: cookie ? { cookie } : {} });
  if (res.statusCode !== 200) throw new Error(`GET /api/auth/csrf gave ${res.statusCode}: ${res.body}`);
  const secret = cookieValue(res, CSRF_COOKIE);
  if (!secret) throw new Error('GET /api/auth/csrf set no CSRF cookie');
  return { token: res.json().token as string, csrfCookie: `${CSRF_COOKIE}=${secret}` };
}

function makeSession(app: FastifyInstance, cookie: string, csrfToken: string): TestSession {
  return {
    cookie,
    csrfToken,
    inject: (opts) =>
      app.inject({
        ...opts,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(opts.headers ?? {}) },
      }) as Promise<LightMyRequestResponse>,
  };
}

/** Signs in through the real endpoint (so it counts against the sign-in rate limit). Throws unless it works. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<TestSession> {
  const csrf = await csrfFor(app, '');
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie: csrf.csrfCookie, 'x-csrf-token': csrf.token },
    payload: { username, password },
  });
  const token = cookieValue(res, SESSION_COOKIE);
  if (res.statusCode !== 200 || !token) throw new Error(`sign-in as ${username} gave ${res.statusCode}: ${res.body}`);
  // Sign-in rotates the CSRF secret: the token from before no longer validates, so fetch one for the new secret.
  const rotated = cookieValue(res, CSRF_COOKIE);
  if (!rotated) throw new Error('sign-in did not rotate the CSRF secret');
  const session = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${rotated}`;
  const fresh = await app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: session } });
  if (fresh.statusCode !== 200) throw new Error(`GET /api/auth/csrf gave ${fresh.statusCode}: ${fresh.body}`);
  return makeSession(app, session, fresh.json().token as string);
}

/** A session for `userId` written straight to user_session: no password check, no rate limit. */
export async function sessionFor(app: FastifyInstance, db: Executor, userId: string): Promise<TestSession> {
  const { token } = await createSession(db, { userId, authMethod: 'test' }, { idleMinutes: 60, maxMinutes: 120 });
  const session = `${SESSION_COOKIE}=${token}`;
  const csrf = await csrfFor(app, session);
  return makeSession(app, `${session}; ${csrf.csrfCookie}`, csrf.token);
}

/** A signed-out browser: a CSRF secret and token but no session, for open forms and posts. */
export async function signedOutSession(app: FastifyInstance): Promise<TestSession> {
  const csrf = await csrfFor(app, '');
  return makeSession(app, csrf.csrfCookie, csrf.token);
}
