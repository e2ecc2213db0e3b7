#!/usr/bin/env node
// Command-line entry. Runs the compiled CLI (dist/), which starts in a few tens of milliseconds. In a checkout whose
// dist/ is missing or older than the sources (`npm run build` makes it), it runs the sources through the
// TypeScript loader instead: the same results, a slower start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../', import.meta.url));
const src = path.join(pkg, 'src');
const buildInfo = path.join(pkg, 'dist', '.tsbuildinfo');

/** True for an installed package (dist/ and no src/), and in a checkout whose dist/ was built after src/ changed. */
function distIsCurrent() {
  if (!existsSync(src)) return true;
  if (!existsSync(buildInfo)) return false;
  const built = statSync(buildInfo).mtimeMs;
  return readdirSync(src, { recursive: true }).every((file) => statSync(path.join(src, file)).mtimeMs <= built);
}

let main;
if (distIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
