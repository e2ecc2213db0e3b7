#!/usr/bin/env node
// The one test command: unit, database (PGlite always; PostgreSQL too when DATABASE_URL is set), HTTP and browser
// journeys, in one Vitest run that ends with the line `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const env = { ...process.env };
if (!fs.existsSync(chromium)) {
  if (process.env.CI) {
    console.error(`Browser journeys need Chromium at ${chromium} (apt-get install -y chromium).`);
    process.exit(1);
  }
  console.warn(
    `\nNo Chromium at ${chromium}: the browser journeys are skipped. Install it with: apt-get install -y chromium\n`,
  );
  env.SAGSGANG_SKIP_BROWSER = '1';
} else {
  // The journeys drive the built back office; build it once up front.
  const build = run('npm', ['run', 'build', '-w', '@sagsgang/web', '--silent']);
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!process.env.DATABASE_URL) console.warn('DATABASE_URL is not set: the database tests run on PGlite only.');

const args = ['vitest', 'run', ...process.argv.slice(2)];
const result = run('npx', args, env);
process.exit(result.status ?? 1);
