// Benchmark: prints figures and ratios to the reference tool's timings. Never fails on a time.
// Run: npm run bench -w @sagsgang/mining
import { existsSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { loadModel } from '../src/cli/load.js';
import { tokenReplay } from '../src/conformance/token-replay.js';
import { etcPrecision } from '../src/conformance/precision.js';
import { alignLog } from '../src/conformance/parallel-align.js';
import { inductiveMiner } from '../src/discovery/inductive-miner.js';
import { treeToPetri } from '../src/discovery/process-tree.js';
import type { PetriNet } from '../src/model/petri-net.js';
import type { EventLog } from '../src/log/event-log.js';
import { ensureXesFile, repeatLog } from './synthetic-logs.js';
import { sepsisShapedLog } from './sepsis-shaped-log.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// The public logs live beside the repository; SAGSGANG_EVENTLOGS points elsewhere. Absent, their figures are skipped.
const shared = process.env.SAGSGANG_EVENTLOGS ?? path.resolve(here, '../../../../shared/data/eventlogs');
const haveShared = existsSync(shared);
const fixtures = path.resolve(here, '../test/fixtures');
const src = (f: string) =>
  existsSync(path.join(shared, f)) ? path.join(shared, f) : path.join(fixtures, path.basename(f));

// Wall time, plus this thread's CPU time: on a busy machine the CPU figure is the steadier one.
async function timed<T>(label: string, refSeconds: number | null, fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const r = await fn();
  const s = (performance.now() - t) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const ratio = refSeconds ? `  reference ${refSeconds} s -> ${(refSeconds / s).toFixed(1)}x` : '';
  console.log(`${label.padEnd(64)} ${s.toFixed(2).padStart(7)} s wall ${cpu.toFixed(2).padStart(6)} s cpu${ratio}`);
  return r;
}

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function bigRoadTraffic() {
  const base = await readXes(src('roadtraffic100traces.xes'));
  const file = path.join(tmpdir(), 'sagsgang-roadtraffic-150k.xes');
  const size = await ensureXesFile(file, () => repeatLog(base, 1504));
  console.log(
    `synthetic Road Traffic log: roadtraffic100traces repeated 1504x with shifted case ids and times -> ${file} (${mb(size)}; the real one is 185 MB)`,
  );
  const log = await timed('read 150k-case XES (reference: full Road Traffic Fine, 185 MB)', 30.1, () => readXes(file));
  console.log(`  ${log.caseCount} cases, ${log.eventCount} events, ${log.variants().length} variants`);
  // Sparse attribute columns are laid out densely on first use; this is what a full read of them costs.
  await timed('  then lay out every attribute column (first use of .values)', null, () => {
    for (const col of [...log.eventAttributes.values(), ...log.caseAttributes.values()]) void col.values.length;
  });
  const net = await readPnml(src('models/roadtraffic100traces.im.pnml'));
  await timed('token replay, IM model (ref: real log, its IM model)', 4.7, () => tokenReplay(log, net));
  await timed('ETC precision, IM model', 18.3, () => etcPrecision(log, net));
  await timed('alignments, IM model (workers)', 3.7, () => alignLog(log, net));
}

// Every log/model pair of REFERENCE.md with an alignment time: (log, model, reference alignment log fitness, seconds).
const referencePairs: [string, string, number, number][] = [
  ['running-example.xes', 'models/running-example.im.pnml', 0.999979167014, 0.017],
  ['running-example.xes', 'running-example.pnml', 0.999979167014, 0.013],
  ['running-example.xes', 'running-example.bpmn', 0.999970834062, 0.012],
  ['roadtraffic100traces.xes', 'models/roadtraffic100traces.im.pnml', 0.999902661007, 0.018],
  ['roadtraffic100traces.xes', 'models/roadtraffic100traces.imf.pnml', 0.987680142032, 0.015],
  ['roadtraffic100traces.xes', 'roadtraffic.pnml', 0.999806750469, 0.233],
  ['receipt.xes.gz', 'models/receipt.im.pnml', 0.999642118801, 20.055],
  ['receipt.xes.gz', 'models/receipt.imf.pnml', 0.827741424012, 45.656],
  ['receipt.xes.gz', 'receipt.bpmn', 0.99942258172, 38.65],
  ['BPI_2020_DomesticDeclarations.xes.gz', 'models/BPI_2020_DomesticDeclarations.im.pnml', 0.999752721075, 0.824],
  ['BPI_2020_DomesticDeclarations.xes.gz', 'models/BPI_2020_DomesticDeclarations.imf.pnml', 0.936817715304, 1.101],
];

// One process, pairs in the reference's order. "first" is the pair's first call (fresh log, so
// it includes computing the variants, and early pairs run on code the JIT has not warmed yet);
// "best of 3" is three more calls, each on the model read anew so that no marking graph is
// reused, as a long-running server sees a new request.
async function alignReferencePairs() {
  const wall = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return (performance.now() - t) / 1000;
  };
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`.padStart(10);
  const ratio = (ref: number, s: number) => `${(ref / s).toFixed(1)}x`.padStart(8);
  console.log(
    `${'alignments: log / model'.padEnd(86)} ${'first'.padStart(10)} ${'best of 3'.padStart(10)} ${'reference'.padStart(10)} ${'ratio'.padStart(8)} ${'ratio'.padStart(8)}  log fitness (ours - reference)`,
  );
  for (const [l, m, refFitness, ref] of referencePairs) {
    if (!existsSync(path.join(shared, l)) || !existsSync(path.join(shared, m))) continue;
    const log = await readXes(src(l));
    const net = await loadModel(src(m));
    let fitness = NaN;
    const first = await wall(async () => (fitness = (await alignLog(log, net)).logFitness));
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const again = await loadModel(src(m));
      best = Math.min(best, await wall(() => alignLog(log, again)));
    }
    const name = `${l} / ${path.basename(m)}`.padEnd(86);
    console.log(
      `${name} ${ms(first)} ${ms(best)} ${ms(ref)} ${ratio(ref, first)} ${ratio(ref, best)}  ${fitness.toFixed(12)} (${(fitness - refFitness).toExponential(1)})`,
    );
  }
}

async function alignEverywhere() {
  for (const l of ['BPIC15_1.xes.gz', 'reviewing.xes', 'receipt.xes.gz', 'BPI_2020_DomesticDeclarations.xes.gz']) {
    if (!existsSync(path.join(shared, l))) continue;
    const log = await readXes(src(l));
    for (const noise of [0, 0.2]) {
      const net: PetriNet = await timed(
        `inductive miner ${l} (noise ${noise})`,
        l.startsWith('BPIC15') && noise === 0 ? 240 : null,
        () => treeToPetri(inductiveMiner(log, { noiseThreshold: noise })),
      );
      await timed(
        `  alignments on it (${log.variants().length} variants, ${net.transitions.length} transitions)`,
        null,
        () => alignLog(log, net),
      );
    }
  }
}

// The reference did not finish alignments on Sepsis Cases (1,050 cases, 846 variants, 16 activities) in 300 s.
async function sepsisShaped() {
  const log = sepsisShapedLog();
  console.log(
    `Sepsis-shaped synthetic log: ${log.caseCount} cases, ${log.eventCount} events, ${log.variants().length} variants, ${log.activityNames.length} activities`,
  );
  for (const noise of [0, 0.2]) {
    const net: PetriNet = await timed(`  inductive miner (noise ${noise})`, null, () =>
      treeToPetri(inductiveMiner(log, { noiseThreshold: noise })),
    );
    await timed(
      `  alignments on it (${net.transitions.length} transitions; ref. on real Sepsis: not done in 300 s)`,
      300,
      () => alignLog(log, net),
    );
  }
}

async function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  const domestic = path.join(shared, 'BPI_2020_DomesticDeclarations.xes.gz');
  if (!existsSync(domestic)) {
    console.log(`memory: skipped, no ${path.basename(domestic)} in ${shared}`);
    return;
  }
  const base = await readXes(domestic);
  const times = Math.ceil(1_000_000 / base.eventCount);
  const file = path.join(tmpdir(), 'sagsgang-domestic-1m.xes');
  const size = await ensureXesFile(file, () => repeatLog(base, times));
  gc?.();
  const before = process.memoryUsage();
  let log: EventLog | undefined = await timed(
    `read 1M-event XES (domestic declarations x${times}, ${mb(size)})`,
    null,
    () => readXes(file),
  );
  log.variants();
  gc?.();
  const after = process.memoryUsage();
  const held = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  console.log(
    `memory: ${log.eventCount} events (${log.caseCount} cases, every attribute kept) held in ${mb(held)} (target < 300 MB)${gc ? '' : ' [run with --expose-gc for a clean figure]'}`,
  );
  log = undefined;
}

const which = process.argv[2] ?? 'all';
console.log(
  `machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (figures are slower when the load exceeds the cores)`,
);
if (!haveShared)
  console.log(`public event logs: none in ${shared}; figures that need them are skipped (set SAGSGANG_EVENTLOGS)`);
if (which === 'all' || which === 'read') await bigRoadTraffic();
if (which === 'all' || which === 'align' || which === 'reference') await alignReferencePairs();
if (which === 'all' || which === 'align') await alignEverywhere();
if (which === 'all' || which === 'align') await sepsisShaped();
if (which === 'all' || which === 'memory') await memory();
