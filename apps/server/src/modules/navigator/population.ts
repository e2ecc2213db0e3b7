import type { EventLog } from '@sagsgang/mining';
import type { TPopulation } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseInfo } from './analysis/analysis-types.js';
import { readLogBytes } from './mining-adapter.js';
import * as repo from './navigator.repository.js';

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

/** The activities of a population, for checking it against the model before an analysis is queued. */
export async function populationActivities(db: Executor, population: TPopulation): Promise<{ activities: string[]; label: string }> {
  if (population.kind === 'log') {
    const row = await repo.findLog(db, population.logId);
    if (!row) throw new AppError('not_found', 'No such uploaded log.');
    return { activities: row.activities, label: `${row.name} (${row.case_count} cases)` };
  }
  throw new AppError('invalid_state', 'Analyses of the case log by case type are not available yet.');
}

export async function loadPopulation(db: Executor, population: TPopulation, signal?: AbortSignal): Promise<LoadedPopulation> {
  if (population.kind === 'log') return loadLogPopulation(db, population.logId, signal);
  throw new AppError('invalid_state', 'Analyses of the case log by case type are not available yet.');
}
