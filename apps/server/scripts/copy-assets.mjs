#!/usr/bin/env node
// After `tsc -b`: makes dist/ a mirror of src/ for what the compiled server reads beside its code — the SQL
// migrations, the portal's static files — so every lookup relative to `import.meta.url` finds the same file from
// src/ (tests, development) and from dist/ (production). Files left in dist/ by a source that was renamed or
// removed are deleted: a stale migration there would otherwise be applied.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

const isSource = (file) => file.endsWith('.ts');
const isTestOnly = (rel) => rel.split(path.sep).includes('__snapshots__');

function walk(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

/** Whether a file in dist/ still has its source: the .ts it was compiled from, or the file it was copied from. */
function hasSource(rel, sources) {
  if (rel === '.tsbuildinfo') return true;
  const compiled = rel.match(/^(.*)\.js(\.map)?$/);
  if (compiled && sources.has(`${compiled[1]}.ts`)) return true;
  return sources.has(rel) && !isSource(rel) && !isTestOnly(rel);
}

const sources = new Set(walk(src));
let copied = 0;
let removed = 0;
for (const rel of sources) {
  if (isSource(rel) || isTestOnly(rel)) continue;
  fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
  fs.copyFileSync(path.join(src, rel), path.join(dist, rel));
  copied++;
}
for (const rel of walk(dist)) {
  if (hasSource(rel, sources)) continue;
  fs.rmSync(path.join(dist, rel));
  removed++;
}
console.log(`server assets: ${copied} copied to dist/${removed ? `, ${removed} stale files removed` : ''}`);
