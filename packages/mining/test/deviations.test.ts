import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readPnml } from '../src/model/pnml-reader.js';
import { alignLogSync } from '../src/conformance/alignments.js';
import { classifyMoves, deviationSummary, eventTimings } from '../src/conformance/deviations.js';
import type { AlignmentStep } from '../src/conformance/alignments.js';
import { caseEventsToLog } from '../src/log/case-events-adapter.js';
import { readXes } from '../src/log/xes-reader.js';
import { LogBuilder } from '../src/log/log-builder.js';
import type { EventLog } from '../src/log/event-log.js';
import { fixture, hasShared, shared } from './helpers.js';

const h = (n: number) => `2026-01-01T${String(n).padStart(2, '0')}:00:00Z`;

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The running example's traces, each case bent at random (a step dropped, two swapped, one done twice, one from
 * outside), some with start events, some with a case deadline, and a few events without a time.
 */
async function perturbedRunningExample(cases: number): Promise<EventLog> {
  const base = await readXes(fixture('running-example.xes'));
  const rnd = seeded(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const b = new LogBuilder();
  const origin = Date.UTC(2026, 0, 5);
  for (let i = 0; i < cases; i++) {
    const trace = base.traceNames(Math.floor(rnd() * base.caseCount));
    const r = rnd();
    if (r < 0.2) trace.splice(Math.floor(rnd() * trace.length), 1);
    else if (r < 0.4 && trace.length > 2) {
      const k = 1 + Math.floor(rnd() * (trace.length - 2));
      [trace[k], trace[k + 1]] = [trace[k + 1], trace[k]];
    } else if (r < 0.55) trace.splice(Math.floor(rnd() * trace.length), 0, pick(trace));
    else if (r < 0.7) trace.splice(Math.floor(rnd() * trace.length), 0, 'call citizen');
    const c = b.beginCase(`c${i}`);
    const lifecycle = rnd() < 0.3;
    let at = origin + Math.floor(rnd() * 90) * 86_400_000;
    if (rnd() < 0.3) b.caseAttr(c, 'due', 'date', at + Math.floor(rnd() * 20) * 86_400_000);
    for (const activity of trace) {
      at += Math.floor(rnd() * 5 * 86_400_000);
      const time = rnd() < 0.03 ? NaN : at;
      if (lifecycle) b.addEvent(c, activity, time - Math.floor(rnd() * 8) * 3_600_000, 'x', 'start');
      b.addEvent(c, activity, time, 'x', lifecycle ? 'complete' : undefined);
    }
  }
  return b.build();
}

describe('deviation summary', () => {
  test('skipped, extra and out-of-order steps are told apart', async () => {
    const net = await readPnml(fixture('running-example.pnml'));
    const log = caseEventsToLog([
      // skips "check ticket"
      ...['register request', 'examine casually', 'decide', 'pay compensation'].map((a, i) => ({
        caseId: 'skip',
        activity: a,
        timestamp: h(i),
      })),
      // does "check ticket" after deciding: out of order
      ...['register request', 'examine casually', 'decide', 'check ticket', 'pay compensation'].map((a, i) => ({
        caseId: 'late',
        activity: a,
        timestamp: h(i),
      })),
      // an extra step the model does not know
      ...['register request', 'check ticket', 'examine casually', 'call citizen', 'decide', 'reject request'].map(
        (a, i) => ({ caseId: 'extra', activity: a, timestamp: h(i) }),
      ),
    ]);
    const s = deviationSummary(log, alignLogSync(log, net));
    const row = (a: string) => s.activities.find((r) => r.activity === a) ?? { skipped: 0, extra: 0, outOfOrder: 0 };
    expect(row('check ticket').skipped).toBe(1);
    // "check ticket" after "decide" is one step out of order (which of the two moved is a cost tie).
    expect(s.activities.reduce((n, r) => n + r.outOfOrder, 0)).toBe(1);
    expect(row('check ticket').outOfOrder + (row('decide')?.outOfOrder ?? 0)).toBe(1);
    expect(row('call citizen')).toMatchObject({ extra: 1, skipped: 0 });
  });

  test('waiting times and deadlines per step', () => {
    const log = caseEventsToLog([
      { caseId: 'a', activity: 'Modtag', timestamp: h(0) },
      { caseId: 'a', activity: 'Afgør', timestamp: h(5), attributes: { frist: new Date(h(4)) } },
      { caseId: 'b', activity: 'Modtag', timestamp: h(1) },
      { caseId: 'b', activity: 'Afgør', timestamp: h(3), attributes: { frist: new Date(h(4)) } },
    ]);
    const net = {
      variants: log.variants().map(() => ({ steps: [], cost: 0, fitness: 1, bwc: 0, visitedStates: 0 })),
      logFitness: 1,
      averageTraceFitness: 1,
      percentageFittingTraces: 100,
    };
    const s = deviationSummary(log, net, { eventAttribute: 'frist' });
    const afgoer = s.steps.find((x) => x.activity === 'Afgør')!;
    expect(afgoer.count).toBe(2);
    expect(afgoer.waitingMeanMs).toBe(3.5 * 3600_000);
    expect(afgoer.waitingMedianMs).toBe(3.5 * 3600_000);
    expect(afgoer).toMatchObject({ deadlineChecked: 2, deadlineExceeded: 1 });
    const perStep = deviationSummary(log, net, { perStepMs: { Afgør: 4 * 3600_000 } });
    expect(perStep.steps.find((x) => x.activity === 'Afgør')).toMatchObject({
      deadlineChecked: 2,
      deadlineExceeded: 1,
    });
  });

  test('the whole summary of a bent running example, pinned', async () => {
    const log = await perturbedRunningExample(400);
    const alignment = alignLogSync(log, await readPnml(fixture('running-example.pnml')));
    const perStepMs = { decide: 2 * 86_400_000, 'check ticket': 3 * 86_400_000, 'pay compensation': 86_400_000 };
    const pins = {
      perStep: deviationSummary(log, alignment, { perStepMs }),
      byCase: deviationSummary(log, alignment, { caseAttribute: 'due' }),
    };
    expect(pins.perStep.activities.some((a) => a.outOfOrder > 0 && a.skipped > 0 && a.extra > 0)).toBe(true);
    await expect(JSON.stringify(pins, null, 1)).toMatchFileSnapshot(
      './__snapshots__/deviations-running-example.pin.json',
    );
  });

  test.skipIf(!hasShared)('reviewing log: start/complete pairs give step durations', async () => {
    const log = await readXes(shared('reviewing.xes'));
    const net = {
      variants: log.variants().map(() => ({ steps: [], cost: 0, fitness: 1, bwc: 0, visitedStates: 0 })),
      logFitness: 1,
      averageTraceFitness: 1,
      percentageFittingTraces: 100,
    };
    const s = deviationSummary(log, net);
    expect(s.steps.some((x) => x.durationMeanMs > 0)).toBe(true);
  });
});

const sync = (a: string): AlignmentStep => ({ log: a, model: a });
const skip = (a: string, transitionId?: string): AlignmentStep => ({
  log: '>>',
  model: a,
  ...(transitionId ? { transitionId } : {}),
});
const logOnly = (a: string): AlignmentStep => ({ log: a, model: '>>' });

describe('classifying the moves of one alignment', () => {
  test('sync, silent, skipped and extra moves', () => {
    expect(classifyMoves([sync('a'), { log: '>>', model: null }, skip('b'), logOnly('c'), sync('d')])).toEqual([
      'sync',
      'silent',
      'skipped',
      'extra',
      'sync',
    ]);
  });

  test('a skip and a log move of the same step are one step out of order: the earliest log moves pair with the latest skips', () => {
    expect(classifyMoves([skip('b'), sync('a'), logOnly('b'), skip('b'), logOnly('b'), logOnly('b')])).toEqual([
      'moved',
      'sync',
      'out_of_order',
      'moved',
      'out_of_order',
      'extra',
    ]);
    expect(classifyMoves([skip('b'), skip('b'), logOnly('b')])).toEqual(['skipped', 'moved', 'out_of_order']);
  });

  test('a key of its own tells apart steps with one label, and an undefined key never pairs', () => {
    const steps = [skip('Review', 't1'), logOnly('Review'), logOnly('Call')];
    const byTransition = (s: AlignmentStep, i: number) =>
      s.log === '>>' ? s.transitionId : i === 1 ? 't2' : undefined;
    expect(classifyMoves(steps, byTransition)).toEqual(['skipped', 'extra', 'extra']);
    expect(
      classifyMoves([skip('Call'), logOnly('Call')], (s) => (s.log === 'Call' ? undefined : (s.model ?? undefined))),
    ).toEqual(['skipped', 'extra']);
  });

  test('per step, pairs are as many as the fewer of its skips and its log moves; every other move keeps its kind', () => {
    const move = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map(sync),
      fc.constantFrom('a', 'b', 'c').map(skip),
      fc.constantFrom('a', 'b', 'c').map(logOnly),
      fc.constant<AlignmentStep>({ log: '>>', model: null }),
    );
    fc.assert(
      fc.property(fc.array(move, { maxLength: 30 }), (steps) => {
        const verdicts = classifyMoves(steps);
        for (const a of ['a', 'b', 'c']) {
          const skips = steps.filter((s) => s.log === '>>' && s.model === a).length;
          const logs = steps.filter((s) => s.log === a && s.model === '>>').length;
          const of = (v: string) =>
            verdicts.filter((x, i) => x === v && (steps[i].log === a || steps[i].model === a)).length;
          expect(of('out_of_order')).toBe(Math.min(skips, logs));
          expect(of('moved')).toBe(Math.min(skips, logs));
          expect(of('skipped')).toBe(skips - Math.min(skips, logs));
          expect(of('extra')).toBe(logs - Math.min(skips, logs));
        }
        verdicts.forEach((v, i) => {
          if (v === 'sync') expect(steps[i].log).toBe(steps[i].model);
          if (v === 'silent') expect(steps[i].model).toBeNull();
        });
      }),
    );
  });
});

describe('timing each event', () => {
  test('waits run from the previous completed step to the start, spans to the completion; start events lend their time', () => {
    const b = new LogBuilder();
    const c = b.beginCase('a');
    const at = (hour: number) => Date.UTC(2026, 0, 1, hour);
    b.addEvent(c, 'Modtag', at(0), undefined, 'complete');
    b.addEvent(c, 'Behandl', at(2), undefined, 'start');
    b.addEvent(c, 'Behandl', at(5), undefined, 'complete');
    b.addEvent(c, 'Afgør', at(6), undefined, 'complete');
    b.addEvent(c, 'Afgør', NaN, undefined, 'complete');
    const t = eventTimings(b.build());
    const hours = (xs: Float64Array) => Array.from(xs, (x) => x / 3_600_000);
    expect(hours(t.waits)).toEqual([NaN, NaN, 2, 1, NaN]);
    expect(hours(t.spans)).toEqual([NaN, NaN, 5, 1, NaN]);
    expect(hours(t.durations)).toEqual([NaN, NaN, 3, NaN, NaN]);
  });

  test('without lifecycle, a wait and a span are both the time since the previous event of the case', () => {
    const log = caseEventsToLog(
      ['Modtag', 'Afgør', 'Send'].map((a, i) => ({ caseId: 'x', activity: a, timestamp: h(i * i) })),
    );
    const t = eventTimings(log);
    expect(Array.from(t.waits)).toEqual([NaN, 3_600_000, 3 * 3_600_000]);
    expect(Array.from(t.spans)).toEqual(Array.from(t.waits));
  });
});
