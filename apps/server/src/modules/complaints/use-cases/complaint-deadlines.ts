import type { TComplaintDeadlines, TDuration } from '@sagsgang/contracts';
import type { Executor } from '../../../platform/db/transaction.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { complaintsRepository as repo } from '../complaints.repository.js';
import { DEFAULT_COMPLAINT_DEADLINE } from './receive-complaint.js';

/** The response deadline of each kind of complaint: the administrator's setting, or 4 weeks. */
export async function getComplaintDeadlines(db: Executor): Promise<TComplaintDeadlines> {
  const rows = await repo.deadlines(db);
  const of = (kind: string): TDuration => {
    const r = rows.find((x) => x.kind === kind);
    return r ? ({ amount: r.amount, unit: r.unit } as TDuration) : DEFAULT_COMPLAINT_DEADLINE;
  };
  return { procedure: of('procedure'), decision: of('decision') };
}

/** Sets both deadlines; complaints received from now on get them (those received before keep theirs). */
export async function setComplaintDeadlines(db: Executor, d: TComplaintDeadlines): Promise<TComplaintDeadlines> {
  return inTransaction(db, async (trx) => {
    await repo.setDeadline(trx, { kind: 'procedure', ...d.procedure });
    await repo.setDeadline(trx, { kind: 'decision', ...d.decision });
    return getComplaintDeadlines(trx);
  });
}
