// @ts-check
// Where a source file or an import lands in the monorepo: which workspace, which server module, which layer.
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

const SERVER_SRC = 'apps/server/src';
const MODULES = `${SERVER_SRC}/modules`;
const PLATFORM = `${SERVER_SRC}/platform`;

/** Workspace folder ('apps/web', 'packages/clock') by package name ('@sagsgang/web'), read from each package.json. */
const workspaceByPackage = new Map(
  ['apps', 'packages'].flatMap((group) =>
    fs
      .readdirSync(path.join(repoRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(repoRoot, group, entry.name, 'package.json')))
      .map((entry) => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, group, entry.name, 'package.json'), 'utf8'));
        return /** @type {[string, string]} */ ([manifest.name, `${group}/${entry.name}`]);
      }),
  ),
);

/** The file's path from the repository root, with forward slashes; null outside the repository. */
export function repoPath(absolute) {
  const relative = path.relative(repoRoot, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/**
 * Where an import specifier written in `fromFile` points, as a repository path ('packages/contracts/src/index'
 * for '@sagsgang/contracts'); null for an outside package or a node built-in.
 */
export function importTarget(fromFile, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    return repoPath(path.resolve(path.dirname(fromFile), specifier));
  }
  const [scopeOrName, maybeName, ...rest] = specifier.split('/');
  const name = scopeOrName.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName;
  const workspace = workspaceByPackage.get(name);
  if (!workspace) return null;
  const subpath = scopeOrName.startsWith('@') ? rest : [maybeName, ...rest].filter(Boolean);
  return [workspace, ...subpath].join('/');
}

/** 'apps/web' for 'apps/web/src/x.ts'; null outside apps/* and packages/*. */
export function workspaceOf(repoRelative) {
  const [group, name] = repoRelative.split('/');
  return (group === 'apps' || group === 'packages') && name ? `${group}/${name}` : null;
}

/** The server module a path belongs to ('cases' for 'apps/server/src/modules/cases/use-cases/x.ts'), or null. */
export function serverModuleOf(repoRelative) {
  if (!repoRelative.startsWith(`${MODULES}/`)) return null;
  const parts = repoRelative.slice(MODULES.length + 1).split('/');
  return parts.length > 1 ? parts[0] : null; // a file directly in modules/ (the registry) belongs to no module
}

/** True for a module's public face: `modules/<name>/index` with or without its extension. */
export function isModuleFace(repoRelative) {
  const module = serverModuleOf(repoRelative);
  if (!module) return false;
  return /^index(\.(js|ts))?$/.test(repoRelative.slice(`${MODULES}/${module}/`.length));
}

export function isInPlatform(repoRelative) {
  return repoRelative.startsWith(`${PLATFORM}/`);
}

export function isInModules(repoRelative) {
  return repoRelative.startsWith(`${MODULES}/`);
}
