import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../../case-types/index.js';
import { loadAuthorityCalendar } from '../../calendar/index.js';
import { casesRepository as repo } from '../cases.repository.js';
import { deriveClockRow } from '../case-clock.js';

export interface RecomputeResult {
  cases: number;
  /** Cases whose service-goal deadline moved. */
  moved: number;
}

/**
 * Recomputes the clock rows from the event log after the calendar changed, for every case not decided before
 * `fromDay` (an earlier decision cannot be touched by a change on that day). Batches run in their own
 * transactions and lock their cases, so a caseworker's change to a case is never overwritten by an older reading.
 */
export async function recomputeClocks(
  db: Executor,
  opts: { fromDay: string; now?: Date; batchSize?: number; signal?: AbortSignal },
): Promise<RecomputeResult> {
  const batchSize = opts.batchSize ?? 200;
  const definitions = new Map<string, TCaseTypeDefinition>();
  const result: RecomputeResult = { cases: 0, moved: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    opts.signal?.throwIfAborted();
    const ids = await repo.clockIdsFrom(db, opts.fromDay, after, batchSize);
    if (ids.length === 0) return result;
    after = ids[ids.length - 1];
    await inTransaction(db, async (trx) => {
      const calendar = await loadAuthorityCalendar(trx);
      const cases = await repo.lockCases(trx, ids);
      const deadlines = await repo.clockDeadlines(trx, ids);
      for (const c of cases) {
        let definition = definitions.get(c.case_type_version_id);
        if (!definition)
          definitions.set(
            c.case_type_version_id,
            (definition = (await getCaseTypeVersion(trx, c.case_type_version_id)).definition),
          );
        const row = deriveClockRow(
          {
            caseId: c.id,
            caseTypeId: c.case_type_id,
            unitId: c.unit_id,
            assigneeId: c.assignee_id,
            state: c.state,
            phaseCode: c.phase_code,
            outcome: c.outcome,
            receivedAt: new Date(c.received_at),
          },
          await repo.eventsOf(trx, c.id),
          definition,
          opts.now ?? new Date(),
          calendar,
        );
        if (row.deadline !== (deadlines.get(c.id) ?? null)) result.moved++;
        await repo.upsertClock(trx, row);
        result.cases++;
      }
    });
  }
}
