import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Aligner, alignLogSync } from '../src/conformance/alignments.js';
import { eventTimings } from '../src/conformance/deviations.js';
import { LogBuilder } from '../src/log/log-builder.js';
import type { EventLog } from '../src/log/event-log.js';
import { foldLifecycle, pairLifecycle } from '../src/log/lifecycle.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { fixture } from './helpers.js';

const HOUR = 3_600_000;
const at = (hour: number) => Date.UTC(2026, 0, 1, hour);
type Row = [activity: string, hour: number, lifecycle?: string];

function logOf(...cases: Row[][]): EventLog {
  const b = new LogBuilder();
  cases.forEach((rows, i) => {
    const c = b.beginCase(`c${i}`);
    for (const [activity, hour, lifecycle] of rows) b.addEvent(c, activity, at(hour), 'x', lifecycle);
  });
  return b.build();
}

/** Each case's events as "activity@hour", the way a reader checks a folded log by eye. */
const eventsOf = (log: EventLog) =>
  Array.from({ length: log.caseCount }, (_, c) =>
    log.traceNames(c).map((a, i) => `${a}@${(log.timestamps[log.caseOffsets[c] + i] - at(0)) / HOUR}`),
  );

describe('pairing start events with their completions', () => {
  test('a completion takes the earliest open start of its activity in its case; a start nobody takes is in progress', () => {
    const log = logOf(
      [
        ['Modtag', 0, 'complete'],
        ['Behandl', 1, 'start'],
        ['Behandl', 2, 'START'],
        ['Høring', 3, 'start'],
        ['Behandl', 4, 'complete'],
        ['Behandl', 6, 'complete'],
        ['Afgør', 7, 'complete'],
        ['Send', 8, 'start'],
      ],
      [
        ['Høring', 9, 'complete'],
        ['Behandl', 10, 'complete'],
      ],
    );
    const pairs = pairLifecycle(log);
    expect(pairs.hasStarts).toBe(true);
    expect(Array.from(pairs.isStart)).toEqual([0, 1, 1, 1, 0, 0, 0, 1, 0, 0]);
    // Behandl@4 takes the start at 1 (the earliest), Behandl@6 the one at 2; the hearing's start never completes in
    // its own case (the other case's completion is no match), nor does the sending's.
    expect(Array.from(pairs.partner)).toEqual([-1, 4, 5, -1, 1, 2, -1, -1, -1, -1]);

    const folded = foldLifecycle(log, pairs);
    expect(eventsOf(folded.log)).toEqual([
      ['Modtag@0', 'Behandl@4', 'Behandl@6', 'Afgør@7'],
      ['Høring@9', 'Behandl@10'],
    ]);
    expect(Array.from(folded.source)).toEqual([0, 4, 5, 6, 8, 9]);
    expect(folded.inProgress).toEqual([3, 7]);

    const t = eventTimings(log, pairs);
    const hours = (xs: Float64Array) => Array.from(xs, (x) => x / HOUR);
    expect(hours(t.durations)).toEqual([NaN, NaN, NaN, NaN, 3, 4, NaN, NaN, NaN, NaN]);
    // Waiting runs from the previous completion to the step's start (the second Behandl began before the first was
    // done, so it waited -2 hours); Afgør has no start, so it waits until it is done.
    expect(hours(t.waits)).toEqual([NaN, NaN, NaN, NaN, 1, -2, 1, NaN, NaN, 1]);
    expect(hours(t.spans)).toEqual([NaN, NaN, NaN, NaN, 4, 2, 1, NaN, NaN, 1]);
  });

  test('a start after its only completion does not pair backwards, and a case of nothing but a start folds to an empty case', () => {
    const log = logOf(
      [
        ['Behandl', 1, 'complete'],
        ['Behandl', 2, 'start'],
      ],
      [['Modtag', 3, 'start']],
    );
    const folded = foldLifecycle(log);
    expect(eventsOf(folded.log)).toEqual([['Behandl@1'], []]);
    expect(folded.log.caseIds).toEqual(['c0', 'c1']);
    expect(folded.inProgress).toEqual([1, 2]);
  });

  test('event attributes follow their events into the folded log', () => {
    const b = new LogBuilder();
    const c = b.beginCase('a');
    b.eventAttr(b.addEvent(c, 'Behandl', at(1), 'x', 'start'), 'note', 'string', 'begun');
    b.eventAttr(b.addEvent(c, 'Behandl', at(2), 'x', 'complete'), 'note', 'string', 'done');
    const folded = foldLifecycle(b.build()).log;
    expect(folded.eventAttributes.get('note')?.values).toEqual(['done']);
  });
});

// Steps of the running example's net plus one from outside it, each case a list of steps with the hours since the
// previous completion and how long the step took (in half hours, so a start never ties with a completion).
const stepArb = fc.record({
  activity: fc.constantFrom(
    'register request',
    'examine casually',
    'examine thoroughly',
    'check ticket',
    'decide',
    'reject request',
    'pay compensation',
    'reinitiate request',
    'call citizen',
  ),
  gap: fc.integer({ min: 1, max: 48 }),
  halfHours: fc.integer({ min: 1, max: 200 }),
});
const casesArb = fc.array(fc.array(stepArb, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 6 });
type Step = { activity: string; gap: number; halfHours: number };

/** The cases with their completions only, and the same cases with each step's start (sorted into time order). */
function logsOf(cases: Step[][], lifecycleOnCompletes: boolean) {
  const completes = new LogBuilder();
  const paired = new LogBuilder();
  const expected: { wait: number; duration: number }[][] = [];
  cases.forEach((steps, i) => {
    const [c, p] = [completes.beginCase(`c${i}`), paired.beginCase(`c${i}`)];
    let done = at(0);
    const lastStart = new Map<string, number>();
    expected.push(
      steps.map((s, k) => {
        const previous = done;
        done += s.gap * HOUR;
        // Starts of one activity stay in the order of its completions, so first-in, first-out is the right pairing.
        const start = Math.max(
          done - (s.halfHours * HOUR) / 2 - HOUR / 4,
          (lastStart.get(s.activity) ?? -Infinity) + 1,
        );
        lastStart.set(s.activity, start);
        completes.addEvent(c, s.activity, done, `r${k}`, lifecycleOnCompletes ? 'complete' : undefined);
        paired.addEvent(p, s.activity, start, `s${k}`, 'start');
        paired.addEvent(p, s.activity, done, `r${k}`, 'complete');
        return { wait: k === 0 ? NaN : start - previous, duration: done - start };
      }),
    );
  });
  return { completes: completes.build(), paired: paired.build({ sortByTimestamp: true }), expected };
}

const columnsOf = (log: EventLog) => ({
  caseIds: log.caseIds,
  caseOffsets: Array.from(log.caseOffsets),
  timestamps: Array.from(log.timestamps),
  activities: Array.from(log.activities, (a) => log.activityNames[a]),
  resources: Array.from(log.resources, (r) => (r < 0 ? null : log.resourceNames[r])),
});

describe('folding, as properties', () => {
  test('a log with completions only (or no lifecycle at all) folds to itself', () => {
    fc.assert(
      fc.property(casesArb, fc.boolean(), (cases, withLifecycle) => {
        const { completes } = logsOf(cases, withLifecycle);
        const folded = foldLifecycle(completes);
        expect(folded.log).toBe(completes);
        expect(Array.from(folded.source)).toEqual(Array.from({ length: completes.eventCount }, (_, i) => i));
        expect(folded.inProgress).toEqual([]);
        const t = eventTimings(completes);
        expect(Array.from(t.durations).every(Number.isNaN)).toBe(true);
        expect(Array.from(t.waits)).toEqual(Array.from(t.spans));
      }),
      { numRuns: 100 },
    );
  });

  test('a log with start and complete pairs folds to the log of its completions and aligns exactly like it', async () => {
    const aligner = new Aligner(await readPnml(fixture('running-example.pnml')));
    fc.assert(
      fc.property(casesArb, (cases) => {
        const { completes, paired, expected } = logsOf(cases, true);
        const folded = foldLifecycle(paired);
        expect(folded.inProgress).toEqual([]);
        expect(columnsOf(folded.log)).toEqual(columnsOf(completes));
        for (let c = 0; c < completes.caseCount; c++)
          expect(aligner.align(folded.log.traceNames(c))).toEqual(aligner.align(completes.traceNames(c)));
        // Each completion carries its own step's wait and duration, as generated.
        const t = eventTimings(paired);
        const perStep = cases.map((_, c) =>
          Array.from(folded.source.subarray(folded.log.caseOffsets[c], folded.log.caseOffsets[c + 1]), (e) => ({
            wait: t.waits[e],
            duration: t.durations[e],
          })),
        );
        expect(perStep).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  test('the whole-log alignment of the folded log equals that of the completions', async () => {
    const net = await readPnml(fixture('running-example.pnml'));
    const { completes, paired } = logsOf(
      [
        [
          { activity: 'register request', gap: 1, halfHours: 2 },
          { activity: 'check ticket', gap: 3, halfHours: 5 },
          { activity: 'examine casually', gap: 2, halfHours: 1 },
          { activity: 'decide', gap: 5, halfHours: 4 },
          { activity: 'call citizen', gap: 1, halfHours: 1 },
          { activity: 'reject request', gap: 2, halfHours: 3 },
        ],
      ],
      true,
    );
    const raw = alignLogSync(paired, net);
    const folded = alignLogSync(foldLifecycle(paired).log, net);
    expect(folded).toEqual(alignLogSync(completes, net));
    expect(folded.logFitness).toBeGreaterThan(raw.logFitness);
  });
});
