import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.js';
import { alignLog } from '../src/conformance/parallel-align.js';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';

// The package as someone else installs it: built by its own build config, packed by npm (its `files`), unpacked
// into a consumer's node_modules, with no src/ and no TypeScript loader. Built into a temporary folder, so the test
// needs no prior build and never meets a stale dist/.

const run = promisify(execFile);
const PKG = fileURLToPath(new URL('..', import.meta.url));
const REPO_MODULES = path.resolve(PKG, '../../node_modules');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const fixture = (name: string) => path.join(PKG, 'test', 'fixtures', name);

interface PackResult {
  filename: string;
  files: { path: string }[];
}

async function pack(dir: string, ...args: string[]): Promise<PackResult> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', ...args], { cwd: dir });
  return (JSON.parse(stdout) as PackResult[])[0];
}

let tmp: string;
let installed: string;
let consumer: string;
let packed: string[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-mining-lib-'));
  const staging = path.join(tmp, 'staging');
  const dist = path.join(staging, 'dist');
  const build = ['-p', path.join(PKG, 'tsconfig.build.json'), '--outDir', dist];
  await run(process.execPath, [TSC, ...build, '--tsBuildInfoFile', path.join(dist, '.tsbuildinfo')]);
  fs.cpSync(path.join(PKG, 'bin'), path.join(staging, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(PKG, 'package.json'), path.join(staging, 'package.json'));
  const tarball = await pack(staging, '--pack-destination', tmp);
  packed = tarball.files.map((f) => f.path).sort();

  consumer = path.join(tmp, 'consumer');
  installed = path.join(consumer, 'node_modules', '@sagsgang', 'mining');
  fs.mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', path.join(tmp, tarball.filename), '-C', installed, '--strip-components=1']);
  // The package's own dependencies (and Node's types for the consumer's type-check), as npm would install them.
  for (const dep of ['bpmn-moddle', 'bpmn-auto-layout', '@types/node']) {
    fs.mkdirSync(path.dirname(path.join(consumer, 'node_modules', dep)), { recursive: true });
    fs.symlinkSync(path.join(REPO_MODULES, dep), path.join(consumer, 'node_modules', dep), 'dir');
  }
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ type: 'module', private: true }));
}, 180_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('@sagsgang/mining as a library', () => {
  test('the package ships compiled code, declarations and the command line, and no sources or tests', async () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'bin/sagsgang-mine.mjs',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/main.js',
        'dist/conformance/align-worker.js',
        'package.json',
      ]),
    );
    const outside = packed.filter((f) => !/^(dist\/.*\.(js|d\.ts)|bin\/[^/]+\.mjs|package\.json|README\.md)$/.test(f));
    expect(outside).toEqual([]);
    // What npm would pack from the checkout itself, where src/, test/ and bench/ sit beside dist/.
    const fromCheckout = (await pack(PKG, '--dry-run')).files.map((f) => f.path);
    expect(fromCheckout.filter((f) => /^(src|test|bench)\/|\.test\.|tsbuildinfo/.test(f))).toEqual([]);
  });

  test('imported by name, it aligns in worker threads started from the compiled worker', async () => {
    const script = path.join(consumer, 'align.mjs');
    fs.writeFileSync(
      script,
      `import { alignLog, readPnml, readXes } from '@sagsgang/mining';
const [log, net] = await Promise.all([readXes(process.argv[2]), readPnml(process.argv[3])]);
const r = await alignLog(log, net, { workers: 2, mainThreadHelps: false });
console.log(JSON.stringify({ logFitness: r.logFitness, costs: r.variants.map((v) => v.cost), threadIds: r.threadIds }));
`,
    );
    const xes = fixture('roadtraffic100traces.xes');
    const pnml = fixture('roadtraffic100traces.im.pnml');
    const { stdout } = await run(process.execPath, [script, xes, pnml], { cwd: consumer });
    const compiled = JSON.parse(stdout) as { logFitness: number; costs: number[]; threadIds: number[] };

    const fromSources = await alignLog(await readXes(xes), await readPnml(pnml), { workers: 0 });
    expect(compiled.logFitness).toBe(fromSources.logFitness);
    expect(compiled.costs).toEqual(fromSources.variants.map((v) => v.cost));
    // Every result came from a worker thread (thread id 0 is the calling thread).
    expect(compiled.threadIds.length).toBeGreaterThan(0);
    expect(compiled.threadIds).not.toContain(0);
  }, 60_000);

  test('its declarations type-check a consumer, and are real types rather than any', async () => {
    fs.writeFileSync(
      path.join(consumer, 'use.ts'),
      `import { alignLog, MiningError, type EventLog, type LogAlignment, type PetriNet } from '@sagsgang/mining';

export async function fitness(log: EventLog, net: PetriNet): Promise<number> {
  const r: LogAlignment = await alignLog(log, net, { workers: 2 });
  return r.logFitness;
}
export const isMiningError = (e: unknown): e is MiningError => e instanceof MiningError;
// @ts-expect-error alignLog is typed, so it is not a string
export const wrong: string = alignLog;
`,
    );
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
    await expect(
      run(process.execPath, [TSC, ...args, '--types', 'node', 'use.ts'], { cwd: consumer }),
    ).resolves.toBeDefined();
  }, 60_000);

  test('its command line runs the compiled code, with the same output as the sources', async () => {
    const bin = path.join(installed, 'bin', 'sagsgang-mine.mjs');
    const log = fixture('running-example.xes');
    const { stdout } = await run(process.execPath, [bin, 'variants', log], { cwd: consumer });
    let expected = '';
    const code = await main(['variants', log], { out: (s) => void (expected += s), err: () => undefined });
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
    expect(JSON.parse(stdout)).toHaveLength(6);
  }, 60_000);
});
