/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl on a free loopback port, run as the `postgres` user), so a
 * test can restart and stop it. Available where the PostgreSQL server binaries are on the PATH and the test runs as
 * root (to become `postgres`) or as `postgres`.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

function onPath(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function currentUser(): string {
  return os.userInfo().username;
}

export const privatePostgresAvailable =
  process.platform === 'linux' && onPath('initdb') && onPath('pg_ctl') && ['root', 'postgres'].includes(currentUser());

export interface PrivatePostgres {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (currentUser() === 'root') execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const asPostgres = (command: string, args: string[]) =>
    currentUser() === 'root' ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, ...args]);
  await pgCtl('-w', 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => void (await pgCtl('-w', '-m', 'fast', 'restart')),
    stop: async () => void (await pgCtl('-w', '-m', 'fast', 'stop')),
    start: async () => void (await pgCtl('-w', 'start')),
    destroy: async () => {
      await pgCtl('-w', '-m', 'immediate', 'stop').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
