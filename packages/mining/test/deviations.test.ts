import { describe, expect, test } from 'vitest';
import { readPnml } from '../src/model/pnml-reader.js';
import { alignLogSync } from '../src/conformance/alignments.js';
import { deviationSummary } from '../src/conformance/deviations.js';
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
      ...['register request', 'examine casually', 'decide', 'pay compensation'].map((a, i) => ({ caseId: 'skip', activity: a, timestamp: h(i) })),
      // does "check ticket" after deciding: out of order
      ...['register request', 'examine casually', 'decide', 'check ticket', 'pay compensation'].map((a, i) => ({ caseId: 'late', activity: a, timestamp: h(i) })),
      // an extra step the model does not know
      ...['register request', 'check ticket', 'examine casually', 'call citizen', 'decide', 'reject request'].map((a, i) => ({ caseId: 'extra', activity: a, timestamp: h(i) })),
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
    const net = { variants: log.variants().map(() => ({ steps: [], cost: 0, fitness: 1, bwc: 0, visitedStates: 0 })), logFitness: 1, averageTraceFitness: 1, percentageFittingTraces: 100 };
    const s = deviationSummary(log, net, { eventAttribute: 'frist' });
    const afgoer = s.steps.find((x) => x.activity === 'Afgør')!;
    expect(afgoer.count).toBe(2);
    expect(afgoer.waitingMeanMs).toBe(3.5 * 3600_000);
    expect(afgoer.waitingMedianMs).toBe(3.5 * 3600_000);
    expect(afgoer).toMatchObject({ deadlineChecked: 2, deadlineExceeded: 1 });
    const perStep = deviationSummary(log, net, { perStepMs: { 'Afgør': 4 * 3600_000 } });
    expect(perStep.steps.find((x) => x.activity === 'Afgør')).toMatchObject({ deadlineChecked: 2, deadlineExceeded: 1 });
  });

  test('the whole summary of a bent running example, pinned', async () => {
    const log = await perturbedRunningExample(400);
    const alignment = alignLogSync(log, await readPnml(fixture('running-example.pnml')));
    const perStepMs = { decide: 2 * 86_400_000, 'check ticket': 3 * 86_400_000, 'pay compensation': 86_400_000 };
    const pins = { perStep: deviationSummary(log, alignment, { perStepMs }), byCase: deviationSummary(log, alignment, { caseAttribute: 'due' }) };
    expect(pins.perStep.activities.some((a) => a.outOfOrder > 0 && a.skipped > 0 && a.extra > 0)).toBe(true);
    await expect(JSON.stringify(pins, null, 1)).toMatchFileSnapshot('./__snapshots__/deviations-running-example.pin.json');
  });

  test.skipIf(!hasShared)('reviewing log: start/complete pairs give step durations', async () => {
    const log = await readXes(shared('reviewing.xes'));
    const net = { variants: log.variants().map(() => ({ steps: [], cost: 0, fitness: 1, bwc: 0, visitedStates: 0 })), logFitness: 1, averageTraceFitness: 1, percentageFittingTraces: 100 };
    const s = deviationSummary(log, net);
    expect(s.steps.some((x) => x.durationMeanMs > 0)).toBe(true);
  });
});
