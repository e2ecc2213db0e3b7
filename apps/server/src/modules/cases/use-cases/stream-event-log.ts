import type { Executor } from '../../../platform/db/transaction.js';
import { eventExportRepository as repo, type EventExportFilter } from '../event-export.repository.js';

export type { EventExportFilter };

/** One case of an export, with its events in order. No free text and no person: codes, activities and times. */
export interface ExportedCase {
  caseId: string;
  reference: string;
  caseType: string;
  unit: string;
  receivedAt: Date;
  events: { id: string; activity: string; time: Date; unit: string }[];
}

const PAGE = 500;

/**
 * The event log of the filtered cases, a page of cases at a time (keyset on the case id), so an export of millions
 * of events holds one page in memory. The caller has checked the reader may see the units.
 */
export async function* streamEventLog(db: Executor, filter: EventExportFilter): AsyncGenerator<ExportedCase[]> {
  if (filter.unitIds.length === 0) return;
  const codes = await repo.codes(db);
  const code = (id: string) => codes.get(id) ?? id;
  let after: string | null = null;
  for (;;) {
    const cases = await repo.casePage(db, filter, after, PAGE);
    if (cases.length === 0) return;
    const events = await repo.eventsOf(
      db,
      cases.map((c) => c.id),
    );
    const byCase = new Map<string, ExportedCase['events']>();
    for (const e of events) {
      const list = byCase.get(e.case_id) ?? [];
      list.push({ id: e.id, activity: e.activity, time: e.occurred_at, unit: code(e.unit_id) });
      byCase.set(e.case_id, list);
    }
    yield cases.map((c) => ({
      caseId: c.id,
      reference: c.reference,
      caseType: code(c.case_type_id),
      unit: code(c.unit_id),
      receivedAt: c.received_at,
      events: byCase.get(c.id) ?? [],
    }));
    after = cases[cases.length - 1].id;
    if (cases.length < PAGE) return;
  }
}

/** The activities the filtered cases' events carry (an OCEL 2.0 file names its event types up front). */
export function eventLogActivities(db: Executor, filter: EventExportFilter): Promise<string[]> {
  return repo.activities(db, filter);
}
