import { LogBuilder, type EventLog } from '@sagsgang/mining';
import { CASE_ACTIVITIES } from '@sagsgang/contracts';
import type { TPopulation } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseInfo } from './analysis/analysis-types.js';
import { readLogBytes } from './mining-adapter.js';
import { navigatorRepository as repo } from './navigator.repository.js';
import { readEventLog } from '../cases/index.js';

/** The cases of an analysis: the log and what is known about each case besides its events. */
export interface LoadedPopulation {
  log: EventLog;
  caseInfo(c: number): CaseInfo;
}

// Logs from other systems name the team differently; these are the usual places, in order of preference.
const UNIT_CASE_KEYS = ['unit', 'group', 'department', 'org:group'];
const UNIT_EVENT_KEYS = ['org:group', 'unit'];
const DUE_KEYS = ['deadline', 'dueDate', 'endDatePlanned', 'enddate_planned'];
// Placeholder dates (1970, as some exporters write for "none") are not deadlines.
const EARLIEST_REAL_DATE = Date.UTC(1990, 0, 1);

function attributeReader(log: EventLog) {
  const caseCol = (keys: string[]) => keys.map((k) => log.caseAttributes.get(k)).find((c) => c !== undefined);
  const eventCol = (keys: string[]) => keys.map((k) => log.eventAttributes.get(k)).find((c) => c !== undefined);
  return { unitCase: caseCol(UNIT_CASE_KEYS), unitEvent: eventCol(UNIT_EVENT_KEYS), due: caseCol(DUE_KEYS) };
}

/** Case facts taken from an imported log's attributes. */
export function caseInfoFromLog(log: EventLog): (c: number) => CaseInfo {
  const cols = attributeReader(log);
  return (c) => {
    let unit = cols.unitCase?.values[c];
    if (unit === undefined && cols.unitEvent) unit = cols.unitEvent.values[log.caseOffsets[c]];
    const due = cols.due?.values[c];
    const dueAt = typeof due === 'number' && due > EARLIEST_REAL_DATE ? due : undefined;
    return { caseId: null, unit: unit === undefined || unit === '' ? null : String(unit), dueAt };
  };
}

export async function loadLogPopulation(db: Executor, logId: string, signal?: AbortSignal): Promise<LoadedPopulation> {
  const row = await repo.findLog(db, logId);
  if (!row) throw new AppError('not_found', 'The uploaded log no longer exists.');
  const log = await readLogBytes(row.content, row.format, row.name, signal);
  return { log, caseInfo: caseInfoFromLog(log) };
}

/** The authority's own cases of a case type, read through the cases module, as a log with their facts. */
export async function loadCaseTypePopulation(
  db: Executor,
  p: Extract<TPopulation, { kind: 'case-type' }>,
): Promise<LoadedPopulation> {
  const cases = await readEventLog(db, { caseTypeCode: p.caseTypeCode, unitIds: p.unitIds, from: p.from, to: p.to });
  if (cases.length === 0)
    throw new AppError('validation', 'There are no cases of this case type in the chosen units and period.');
  const b = new LogBuilder();
  for (const c of cases) {
    const k = b.beginCase(c.reference);
    for (let i = 0; i < c.activities.length; i++) b.addEvent(k, c.activities[i], c.times[i], c.actors[i] ?? undefined);
  }
  // A deadline date is met when the case ends that day: it runs to the end of the day.
  const dueAt = cases.map((c) => (c.deadline ? Date.parse(`${c.deadline}T23:59:59Z`) : undefined));
  // The case log comes in time order already (the query orders each case's events), so no sort is needed here.
  return { log: b.build(), caseInfo: (i) => ({ caseId: cases[i].caseId, unit: cases[i].unitName, dueAt: dueAt[i] }) };
}

/** The activities of a population, for checking it against the model before an analysis is queued. */
export async function populationActivities(
  db: Executor,
  population: TPopulation,
): Promise<{ activities: string[]; label: string }> {
  if (population.kind === 'log') {
    const row = await repo.findLog(db, population.logId);
    if (!row) throw new AppError('not_found', 'No such uploaded log.');
    return { activities: row.activities, label: `${row.name} (${row.case_count} cases)` };
  }
  const period = population.from || population.to ? `, ${population.from ?? '…'} – ${population.to ?? '…'}` : '';
  return { activities: [...CASE_ACTIVITIES], label: `${population.caseTypeCode}${period}` };
}

export async function loadPopulation(
  db: Executor,
  population: TPopulation,
  signal?: AbortSignal,
): Promise<LoadedPopulation> {
  if (population.kind === 'log') return loadLogPopulation(db, population.logId, signal);
  return loadCaseTypePopulation(db, population);
}
