import { writeFileSync } from 'node:fs';
import { MiningError } from '../errors.js';
import type { EventLog } from '../log/event-log.js';
import { loadLog, loadModel, type LoadOptions } from './load.js';
import { emit } from './output.js';
import { Progress } from './progress.js';

// Each command imports what it needs when it runs, not at start-up: a command line is started once per call, and
// loading every algorithm (and the BPMN libraries) for one small log cost more than the work itself.

/** What a command gets: positional files, named options, and where to write. */
export interface Ctx {
  files: string[];
  opt: Record<string, string | boolean | undefined>;
  load: LoadOptions;
  out: (s: string) => void;
  format: 'json' | 'csv';
}

const need = (ctx: Ctx, n: number, what: string) => {
  if (ctx.files.length < n) throw new MiningError('invalid_argument', `missing ${what}`);
};
const num = (v: unknown, dflt: number) => (v === undefined ? dflt : Number(v));

async function stats(ctx: Ctx) {
  need(ctx, 1, 'log file');
  const log = await loadLog(ctx.files[0], ctx.load);
  let min = Infinity,
    max = -Infinity;
  for (const t of log.timestamps) {
    if (Number.isNaN(t)) continue;
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  emit(
    {
      cases: log.caseCount,
      events: log.eventCount,
      activities: log.activityNames.length,
      variants: log.variants().length,
      resources: log.resourceNames.length,
      first: Number.isFinite(min) ? new Date(min).toISOString() : null,
      last: Number.isFinite(max) ? new Date(max).toISOString() : null,
      eventAttributes: [...log.eventAttributes.keys()],
      caseAttributes: [...log.caseAttributes.keys()],
    },
    'json',
    ctx.out,
  );
}

async function variants(ctx: Ctx) {
  need(ctx, 1, 'log file');
  const { variantTable } = await import('../discovery/variants.js');
  const log = await loadLog(ctx.files[0], ctx.load);
  emit(
    variantTable(log, num(ctx.opt.limit, Infinity)).map((v) => ({ ...v })),
    ctx.format,
    ctx.out,
  );
}

async function dfg(ctx: Ctx) {
  need(ctx, 1, 'log file');
  const { discoverDfg } = await import('../discovery/dfg.js');
  const log = await loadLog(ctx.files[0], ctx.load);
  const d = discoverDfg(log);
  emit(
    d.edges.map((e) => ({
      from: d.activities[e.from],
      to: d.activities[e.to],
      count: e.count,
      meanHours: e.meanMs / 3.6e6,
      medianHours: e.medianMs / 3.6e6,
    })),
    ctx.format,
    ctx.out,
  );
}

async function discover(ctx: Ctx) {
  need(ctx, 1, 'log file');
  const { inductiveMiner } = await import('../discovery/inductive-miner.js');
  const { treeToPetri, treeToString } = await import('../discovery/process-tree.js');
  const log = await loadLog(ctx.files[0], ctx.load);
  const tree = inductiveMiner(log, { noiseThreshold: num(ctx.opt.noise, 0) });
  const as = String(ctx.opt.as ?? 'bpmn');
  if (as === 'tree') return ctx.out(treeToString(tree) + '\n');
  if (as === 'pnml') return ctx.out((await import('../model/pnml-writer.js')).writePnml(treeToPetri(tree)));
  if (as === 'bpmn') return ctx.out(await (await import('../discovery/tree-to-bpmn.js')).treeToBpmn(tree));
  throw new MiningError('invalid_argument', `--as must be bpmn, pnml or tree`);
}

async function logAndModel(ctx: Ctx): Promise<[EventLog, Awaited<ReturnType<typeof loadModel>>]> {
  need(ctx, 2, 'log file and model file');
  return [await loadLog(ctx.files[0], ctx.load), await loadModel(ctx.files[1])];
}

async function replay(ctx: Ctx) {
  const { tokenReplay } = await import('../conformance/token-replay.js');
  const [log, net] = await logAndModel(ctx);
  const r = tokenReplay(log, net);
  emit(
    {
      logFitness: r.logFitness,
      percentageFittingTraces: r.percentageFittingTraces,
      averageTraceFitness: r.averageTraceFitness,
      traces: r.traces,
      fittingTraces: r.fittingTraces,
    },
    'json',
    ctx.out,
  );
}

async function align(ctx: Ctx) {
  const { alignLog } = await import('../conformance/parallel-align.js');
  const { deviationSummary } = await import('../conformance/deviations.js');
  const [log, net] = await logAndModel(ctx);
  const bar = new Progress('aligning variants', ctx.load.progress);
  const workers = ctx.opt.workers === undefined ? undefined : Number(ctx.opt.workers);
  const r = await alignLog(log, net, { workers, signal: ctx.load.signal, onProgress: (d, t) => bar.update(d, t) });
  bar.done();
  const summary = {
    logFitness: r.logFitness,
    averageTraceFitness: r.averageTraceFitness,
    percentageFittingTraces: r.percentageFittingTraces,
    variants: r.variants.length,
  };
  if (!ctx.opt.deviations) return emit(summary, 'json', ctx.out);
  const dev = deviationSummary(log, r, {
    caseAttribute: ctx.opt['deadline-case'] as string | undefined,
    eventAttribute: ctx.opt['deadline-event'] as string | undefined,
  });
  if (ctx.format === 'csv')
    return emit(
      dev.activities.map((a) => ({ ...a })),
      'csv',
      ctx.out,
    );
  emit({ ...summary, deviations: dev.activities, steps: dev.steps }, 'json', ctx.out);
}

async function precision(ctx: Ctx) {
  const { alignEtcPrecision, etcPrecision } = await import('../conformance/precision.js');
  const [log, net] = await logAndModel(ctx);
  const r = ctx.opt.alignments ? alignEtcPrecision(log, net) : etcPrecision(log, net);
  emit({ ...r, method: ctx.opt.alignments ? 'etc-alignments' : 'etc-token-replay' }, 'json', ctx.out);
}

async function soundness(ctx: Ctx) {
  need(ctx, 1, 'model file');
  const { checkSoundness } = await import('../model/soundness.js');
  const r = checkSoundness(await loadModel(ctx.files[0]));
  emit({ ...r }, 'json', ctx.out);
  if (!r.sound) return 4;
}

async function convert(ctx: Ctx) {
  need(ctx, 1, 'input file');
  const to = String(ctx.opt.to ?? '');
  const write = (chunks: Iterable<string>) => {
    const target = ctx.opt.output as string | undefined;
    if (target) writeFileSync(target, [...chunks].join(''));
    else for (const c of chunks) ctx.out(c);
  };
  if (/\.(bpmn|pnml)$/i.test(ctx.files[0])) {
    if (to !== 'pnml') throw new MiningError('invalid_argument', 'models convert to --to pnml');
    const { writePnml } = await import('../model/pnml-writer.js');
    return write([writePnml(await loadModel(ctx.files[0]))]);
  }
  const log = await loadLog(ctx.files[0], ctx.load);
  if (to === 'xes') return write((await import('../log/xes-writer.js')).writeXes(log));
  if (to === 'csv') return write((await import('../log/csv-writer.js')).writeCsv(log));
  if (to === 'ocel') {
    const { logToOcel, writeOcelJson } = await import('../log/ocel.js');
    return write([writeOcelJson(logToOcel(log))]);
  }
  throw new MiningError('invalid_argument', '--to must be xes, csv, ocel or pnml');
}

export const COMMANDS: Record<string, (ctx: Ctx) => Promise<number | void>> = {
  stats,
  variants,
  dfg,
  discover,
  replay,
  align,
  precision,
  soundness,
  convert,
};
