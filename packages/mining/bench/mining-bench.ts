// Benchmark: prints figures and ratios to the reference tool's timings. Never fails on a time.
// Run: npm run bench -w @sagsgang/mining
import { existsSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
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
const shared = path.resolve(here, '../../../../shared/data/eventlogs');
const fixtures = path.resolve(here, '../test/fixtures');
const src = (f: string) => (existsSync(path.join(shared, f)) ? path.join(shared, f) : path.join(fixtures, path.basename(f)));

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
  console.log(`synthetic Road Traffic log: roadtraffic100traces repeated 1504x with shifted case ids and times -> ${file} (${mb(size)}; the real one is 185 MB)`);
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

async function alignEverywhere() {
  const pairs: [string, string, number | null][] = [
    ['receipt.xes.gz', 'models/receipt.im.pnml', 20.055],
    ['receipt.xes.gz', 'models/receipt.imf.pnml', 45.656],
    ['BPI_2020_DomesticDeclarations.xes.gz', 'models/BPI_2020_DomesticDeclarations.im.pnml', 0.824],
    ['BPI_2020_DomesticDeclarations.xes.gz', 'models/BPI_2020_DomesticDeclarations.imf.pnml', 1.101],
    ['roadtraffic100traces.xes', 'roadtraffic.pnml', 0.233],
  ];
  for (const [l, m, ref] of pairs) {
    if (!existsSync(path.join(shared, l))) continue;
    const log = await readXes(src(l));
    const net = await readPnml(src(m));
    await timed(`alignments ${l} / ${path.basename(m)}`, ref, () => alignLog(log, net));
  }
  for (const l of ['BPIC15_1.xes.gz', 'reviewing.xes', 'receipt.xes.gz', 'BPI_2020_DomesticDeclarations.xes.gz']) {
    if (!existsSync(path.join(shared, l))) continue;
    const log = await readXes(src(l));
    for (const noise of [0, 0.2]) {
      const net: PetriNet = await timed(`inductive miner ${l} (noise ${noise})`, l.startsWith('BPIC15') && noise === 0 ? 240 : null, () => treeToPetri(inductiveMiner(log, { noiseThreshold: noise })));
      await timed(`  alignments on it (${log.variants().length} variants, ${net.transitions.length} transitions)`, null, () => alignLog(log, net));
    }
  }
}

// The reference did not finish alignments on Sepsis Cases (1,050 cases, 846 variants, 16 activities) in 300 s.
async function sepsisShaped() {
  const log = sepsisShapedLog();
  console.log(`Sepsis-shaped synthetic log: ${log.caseCount} cases, ${log.eventCount} events, ${log.variants().length} variants, ${log.activityNames.length} activities`);
  for (const noise of [0, 0.2]) {
    const net: PetriNet = await timed(`  inductive miner (noise ${noise})`, null, () => treeToPetri(inductiveMiner(log, { noiseThreshold: noise })));
    await timed(`  alignments on it (${net.transitions.length} transitions; ref. on real Sepsis: not done in 300 s)`, 300, () => alignLog(log, net));
  }
}

async function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  const base = await readXes(src('BPI_2020_DomesticDeclarations.xes.gz'));
  const times = Math.ceil(1_000_000 / base.eventCount);
  const file = path.join(tmpdir(), 'sagsgang-domestic-1m.xes');
  const size = await ensureXesFile(file, () => repeatLog(base, times));
  gc?.();
  const before = process.memoryUsage();
  let log: EventLog | undefined = await timed(`read 1M-event XES (domestic declarations x${times}, ${mb(size)})`, null, () => readXes(file));
  log.variants();
  gc?.();
  const after = process.memoryUsage();
  const held = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  console.log(`memory: ${log.eventCount} events (${log.caseCount} cases, every attribute kept) held in ${mb(held)} (target < 300 MB)${gc ? '' : ' [run with --expose-gc for a clean figure]'}`);
  log = undefined;
}

const which = process.argv[2] ?? 'all';
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (figures are slower when the load exceeds the cores)`);
if (which === 'all' || which === 'read') await bigRoadTraffic();
if (which === 'all' || which === 'align') await alignEverywhere();
if (which === 'all' || which === 'align') await sepsisShaped();
if (which === 'all' || which === 'memory') await memory();
