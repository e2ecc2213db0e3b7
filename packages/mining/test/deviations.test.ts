import { describe, expect, test } from 'vitest';
import { readPnml } from '../src/model/pnml-reader.js';
import { alignLogSync } from '../src/conformance/alignments.js';
import { deviationSummary } from '../src/conformance/deviations.js';
import { caseEventsToLog } from '../src/log/case-events-adapter.js';
import { readXes } from '../src/log/xes-reader.js';
import { fixture, hasShared, shared } from './helpers.js';

const h = (n: number) => `2026-01-01T${String(n).padStart(2, '0')}:00:00Z`;

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

  test.skipIf(!hasShared)('reviewing log: start/complete pairs give step durations', async () => {
    const log = await readXes(shared('reviewing.xes'));
    const net = { variants: log.variants().map(() => ({ steps: [], cost: 0, fitness: 1, bwc: 0, visitedStates: 0 })), logFitness: 1, averageTraceFitness: 1, percentageFittingTraces: 100 };
    const s = deviationSummary(log, net);
    expect(s.steps.some((x) => x.durationMeanMs > 0)).toBe(true);
  });
});
