import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LogBuilder, readXesText, type EventLog } from '@sagsgang/mining';
import { describe, expect, test } from 'vitest';
import { BpmnGraph, readBpmn } from '../../process-models/index.js';
import { prepareConformance } from '../mining-adapter.js';
import { caseInfoFromLog } from '../population.js';
import { labelMap } from '../use-cases/run-analysis.js';
import { analyseLog } from './analyse-log.js';
import type { AnalysisModel, AnalysisOutput } from './analysis-types.js';

// Pins the whole analysis (every figure, every case record and replay path) of the shipped housing-benefit log,
// so a change to how moves are classified or timed cannot alter what is stored and shown without this noticing.

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../../../test/fixtures/navigator/${name}`, import.meta.url));
const housingXml = fixture('housing-benefit.bpmn').toString('utf8');
const housingLog = () => readXesText(gunzipSync(fixture('housing-benefit.xes.gz')).toString('utf8'));
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

interface Scenario {
  xml?: string;
  deadlines?: Record<string, number>;
  /** Activity → element id (null: left out of the workflow); other activities map by equal name. */
  manual?: Record<string, string | null>;
}

async function analyse(log: EventLog, s: Scenario): Promise<AnalysisOutput> {
  const xml = s.xml ?? housingXml;
  const doc = await readBpmn(xml);
  const tasks = doc.tasks.map((t) => ({
    elementId: t.elementId,
    name: t.name,
    deadlineDays: s.deadlines?.[t.elementId] ?? null,
  }));
  const model: AnalysisModel = { tasks, graph: new BpmnGraph(doc.nodes, doc.flows) };
  const byName = new Map<string, string>();
  for (const t of tasks) if (!byName.has(norm(t.name))) byName.set(norm(t.name), t.elementId);
  const lookup = new Map<string, string | null>();
  for (const a of log.activityNames) {
    const manual = s.manual?.[a];
    if (manual !== undefined) lookup.set(a, manual);
    else if (byName.has(norm(a))) lookup.set(a, byName.get(norm(a))!);
  }
  const conformance = await prepareConformance(xml);
  return analyseLog({
    log,
    model,
    labels: labelMap(model, lookup),
    align: (t) => conformance.align(t),
    caseInfo: caseInfoFromLog(log),
  });
}

/**
 * The output as stable text: the figures in full, then one line per case (so a difference points at the case and
 * field that moved) or, to keep the pins small, one digest over all case lines.
 */
function pinText(out: AnalysisOutput, cases: 'lines' | 'digest' = 'digest'): string {
  const { cases: records, ...rest } = out;
  const lines = records.map((c) => JSON.stringify(c)).join('\n');
  const tail = cases === 'lines' ? lines : `cases sha256 ${createHash('sha256').update(lines).digest('hex')}`;
  return `${JSON.stringify(rest, null, 1)}\n${tail}\n`;
}

/** The first cases of the log again, each step recorded as a complete event and, with `starts`, a start an hour before. */
function firstCases(log: EventLog, caseCount: number, starts: boolean): EventLog {
  const b = new LogBuilder();
  for (let c = 0; c < caseCount; c++) {
    const k = b.beginCase(log.caseIds[c]);
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      const activity = log.activityNames[log.activities[e]];
      const resource = log.resources[e] >= 0 ? log.resourceNames[log.resources[e]] : undefined;
      if (starts) b.addEvent(k, activity, log.timestamps[e] - HOUR, resource, 'start');
      b.addEvent(k, activity, log.timestamps[e], resource, 'complete');
    }
  }
  return b.build();
}

const HOUR = 3_600_000;

describe('the analysis of the shipped housing-benefit log, pinned', () => {
  test('names mapped as they are, screening due within 3 days', async () => {
    const out = await analyse(await housingLog(), { deadlines: { screen: 3 } });
    expect(out.summary).toMatchObject({ cases: 240, events: 1486 });
    await expect(pinText(out, 'lines')).toMatchFileSnapshot('./__snapshots__/housing-screen-deadline.pin.txt');
  });

  test('phone calls left out, information requests booked as received, every step due within 2 days', async () => {
    const deadlines = Object.fromEntries(
      ['receive', 'screen', 'request', 'receiveInfo', 'assess', 'hearing', 'decide', 'send'].map((id) => [id, 2]),
    );
    const out = await analyse(await housingLog(), {
      deadlines,
      manual: { 'Phone call with applicant': null, 'Request information': 'receiveInfo' },
    });
    expect(out.summary.states.late).toBeGreaterThan(0);
    await expect(pinText(out)).toMatchFileSnapshot('./__snapshots__/housing-left-out-and-remapped.pin.txt');
  });

  test('two steps of the model with the same name', async () => {
    const xml = housingXml.replace('name="Hearing of parties"', 'name="Assess case"');
    const out = await analyse(await housingLog(), { xml, deadlines: { hearing: 1, assess: 4 } });
    await expect(pinText(out)).toMatchFileSnapshot('./__snapshots__/housing-duplicate-names.pin.txt');
  });

  test('a log with start and complete events', async () => {
    const out = await analyse(firstCases(await housingLog(), 30, true), { deadlines: { screen: 3, decide: 2 } });
    await expect(pinText(out)).toMatchFileSnapshot('./__snapshots__/housing-lifecycle.pin.txt');
  });

  test('start events are folded into their steps: the same verdicts as the completions alone, with waits and durations split', async () => {
    const scenario = { deadlines: { screen: 3, decide: 2 } };
    const both = await analyse(firstCases(await housingLog(), 30, true), scenario);
    const completes = await analyse(firstCases(await housingLog(), 30, false), scenario);
    const verdicts = (o: AnalysisOutput) => ({
      fitness: [o.summary.logFitness, o.summary.averageTraceFitness, o.summary.fittingShare],
      elements: o.elements.map(({ medianWaitMs: _w, medianDurationMs: _d, ...rest }) => rest),
      flows: o.flows,
      jumps: o.jumps,
      dfgActivities: o.dfg.activities,
      variants: o.variants.map(({ medianThroughputMs: _t, ...rest }) => rest),
      cases: o.cases.map(({ startedAt: _s, path: _p, ...rest }) => rest),
    });
    expect(verdicts(both)).toEqual(verdicts(completes));
    expect(both.summary.events).toBe(2 * completes.summary.events);
    // Every step started an hour before it was completed: that hour is its duration and no longer part of its wait.
    both.elements.forEach((e, i) => {
      expect(e.medianDurationMs).toBe(HOUR);
      expect(completes.elements[i].medianDurationMs).toBeNull();
      expect(e.medianWaitMs).toBe(
        completes.elements[i].medianWaitMs === null ? null : completes.elements[i].medianWaitMs! - HOUR,
      );
    });
    // A case begins with the start of its first step.
    both.cases.forEach((c, i) => expect(c.startedAt).toBe(completes.cases[i].startedAt! - HOUR));
  });
});
