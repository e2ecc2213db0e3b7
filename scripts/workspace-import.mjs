// Imports workspace packages for the repository's plain-node scripts: a package's compiled dist/ when it was built
// after the last change to its src/ (`npm run build`), and otherwise its sources (the `sagsgang-source` export)
// through the TypeScript loader, so a script works in a fresh checkout and never runs stale code.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folder of a workspace package such as @sagsgang/clock (packages/clock). */
function packageDir(name) {
  const dir = path.join(ROOT, 'packages', name.split('/').pop());
  if (!existsSync(path.join(dir, 'package.json'))) throw new Error(`${name} is not a package of this repository`);
  return dir;
}

function distIsCurrent(dir) {
  const buildInfo = path.join(dir, 'dist', '.tsbuildinfo');
  if (!existsSync(buildInfo)) return false;
  const built = statSync(buildInfo).mtimeMs;
  const src = path.join(dir, 'src');
  return readdirSync(src, { recursive: true }).every((file) => statSync(path.join(src, file)).mtimeMs <= built);
}

let loaderRegistered = false;

/** The packages' main entries, in the order asked. */
export async function importWorkspacePackages(names) {
  return Promise.all(
    names.map(async (name) => {
      const dir = packageDir(name);
      if (distIsCurrent(dir)) return import(name);
      if (!loaderRegistered) {
        (await import('tsx/esm/api')).register();
        loaderRegistered = true;
      }
      const entry = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).exports['.']['sagsgang-source'];
      return import(pathToFileURL(path.join(dir, entry)).href);
    }),
  );
}
