import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** Production cost: OWASP's N=2^17, r=8, p=1 (128 MiB and a few hundred milliseconds per hash). */
export const PRODUCTION_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
/** Tests hash hundreds of passwords; the cost lives in the hash string, so cheap test hashes never reach production. */
export const TEST_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };

const KEY_LENGTH = 32;

/**
 * The cost new hashes are made at. `PASSWORD_SCRYPT_LOG_N` may raise it anywhere, and lower it only outside
 * production: a production server asked for a cheaper hash refuses (the configuration check reports it at start-up).
 */
export function defaultScryptParams(env: NodeJS.ProcessEnv = process.env): ScryptParams {
  const problem = scryptCostProblem(env);
  if (problem) throw new Error(`PASSWORD_SCRYPT_LOG_N ${problem}`);
  const raw = env.PASSWORD_SCRYPT_LOG_N;
  if (raw !== undefined && raw !== '') return { ...PRODUCTION_SCRYPT, logN: Number(raw) };
  return env.NODE_ENV === 'test' ? TEST_SCRYPT : PRODUCTION_SCRYPT;
}

/** Why `PASSWORD_SCRYPT_LOG_N` cannot be used, or undefined when it will do (or is unset). */
export function scryptCostProblem(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PASSWORD_SCRYPT_LOG_N;
  if (raw === undefined || raw === '') return undefined;
  const logN = Number(raw);
  if (!Number.isInteger(logN) || logN < 10 || logN > 20) return `must be a whole number from 10 to 20, not "${raw}".`;
  if (env.NODE_ENV === 'production' && logN < PRODUCTION_SCRYPT.logN)
    return `cannot lower the password hash cost below ${PRODUCTION_SCRYPT.logN} in production (NODE_ENV=production).`;
  return undefined;
}

function scryptOptions(params: ScryptParams): crypto.ScryptOptions {
  const N = 2 ** params.logN;
  // Node refuses N * r * 128 bytes above maxmem (32 MiB by default), which is exactly the production cost.
  return { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
}

/** Hashes as `scrypt$<logN>$<r>$<p>$<salt b64>$<key b64>` so the parameters travel with the hash. */
export async function hashPassword(password: string, params: ScryptParams = defaultScryptParams()): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(params));
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22) return undefined;
  return { params: { logN, r, p }, salt: Buffer.from(parts[4], 'base64'), key: Buffer.from(parts[5], 'base64') };
}

/** True when `password` matches `stored`; compares in constant time and never throws on a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const key = await scrypt(password.normalize('NFC'), parsed.salt, parsed.key.length, scryptOptions(parsed.params));
  return crypto.timingSafeEqual(key, parsed.key);
}

/**
 * True when a stored hash was made at another cost than `params` (older, cheaper, or not parseable as ours), so a
 * sign-in that has just proved the password should store a new hash.
 */
export function needsRehash(stored: string, params: ScryptParams = defaultScryptParams()): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const p = parsed.params;
  return p.logN !== params.logN || p.r !== params.r || p.p !== params.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password at the current cost. Checking against it when the user does not exist makes an
 * unknown user take as long as a wrong password, so response time does not reveal which user names exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummyHash;
}
