/**
 * The server as a child process, for tests that need a real process: signals, crashes and restarts.
 *
 *   const server = await startServerProcess({ env: { SAGSGANG_DATA_DIR: dir, SEED_DEMO: 'false' } });
 *   await fetch(`${server.url}/api/health/ready`);
 *   server.signal('SIGTERM');
 *   expect(await server.exited).toMatchObject({ code: 0 });
 *
 * It runs the TypeScript sources (no build needed) on a free port of 127.0.0.1, in production mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSRF_COOKIE } from '../../src/platform/auth/auth-plugin.js';
import { SESSION_COOKIE } from '../../src/platform/auth/session-store.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = path.join(REPO, 'apps', 'server', 'src', 'main.ts');

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
  /** Waits until the output matches (or the process exits first, which rejects). */
  waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray>;
}

export interface StartOptions {
  /** Added to the environment; a value of undefined removes the variable. */
  env: Record<string, string | undefined>;
  readyTimeoutMs?: number;
  /** Told of the output as it comes, also before the server is ready. */
  onOutput?: (text: string) => void;
}

export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'a server-process test secret, 40 characters',
    // The process tests sign in as the demo's people: in production the demo is only seeded when asked for.
    SEED_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: undefined,
    NODE_OPTIONS: undefined,
    SAGSGANG_DEMO_CASES: '30',
  };
  for (const [name, value] of Object.entries(options.env)) env[name] = value;
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];
  const child = spawn(process.execPath, ['--conditions=sagsgang-source', '--import', 'tsx', MAIN], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    options.onOutput?.(output);
    for (const l of listeners) l();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = { code, signal };
      resolve(ended);
      for (const l of listeners) l();
    }),
  );

  const waitFor = (pattern: RegExp, ms: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) finish(null, match);
        else if (ended) finish(new Error(`the server exited (${JSON.stringify(ended)}) before ${pattern}:\n${output}`));
      };
      const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms; output:\n${output}`)), ms);
      const finish = (err: Error | null, match?: RegExpMatchArray) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (err) reject(err);
        else resolve(match!);
      };
      listeners.add(check);
      check();
    });

  const readyMs = options.readyTimeoutMs ?? 180_000;
  try {
    const [, url] = await waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, readyMs);
    await waitFor(/Sagsgang is ready/, readyMs);
    return { url: url!, child, output: () => output, exited, signal: (s) => child.kill(s), waitFor };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

/** A signed-in browser-like session over real HTTP: the session and CSRF cookies and the CSRF header. */
export interface HttpSession {
  get(pathName: string): Promise<Response>;
  post(pathName: string, body: unknown): Promise<Response>;
}

function cookieFrom(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [key, ...value] = pair!.split('=');
    if (key === name) return `${name}=${value.join('=')}`;
  }
  return undefined;
}

export async function signInOverHttp(baseUrl: string, username: string, password: string): Promise<HttpSession> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const csrfCookie = cookieFrom(csrfResponse, CSRF_COOKIE);
  const { token } = (await csrfResponse.json()) as { token: string };
  if (!csrfCookie) throw new Error('GET /api/auth/csrf set no CSRF cookie');
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': token },
    body: JSON.stringify({ username, password }),
  });
  const sessionCookie = cookieFrom(login, SESSION_COOKIE);
  if (login.status !== 200 || !sessionCookie) throw new Error(`sign-in as ${username} gave ${login.status}`);
  await login.arrayBuffer();
  // Sign-in rotates the CSRF secret: fetch a token for the new one.
  const rotated = cookieFrom(login, CSRF_COOKIE);
  if (!rotated) throw new Error('sign-in did not rotate the CSRF secret');
  const cookie = `${sessionCookie}; ${rotated}`;
  const fresh = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  const { token: freshToken } = (await fresh.json()) as { token: string };
  return {
    get: (pathName) => fetch(`${baseUrl}${pathName}`, { headers: { cookie } }),
    post: (pathName, body) =>
      fetch(`${baseUrl}${pathName}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': freshToken },
        body: JSON.stringify(body),
      }),
  };
}
