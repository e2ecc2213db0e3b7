import { localDateOf } from '@sagsgang/clock';
import { REVERSING_OUTCOMES, type TComplaintFigures, type TComplaintFiguresQuery } from '@sagsgang/contracts';
import { unitsWithRole, type Principal, type StaffRole } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { complaintFiguresRepository as repo } from '../figures.repository.js';

export const FIGURE_READERS: readonly StaffRole[] = ['quality', 'teamlead', 'analyst', 'admin'];

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const per1000 = (n: number, decisions: number) => (decisions === 0 ? null : (1000 * n) / decisions);

/**
 * The complaints figures of the units the reader may see: per 1,000 decisions by case type, unit and quarter; the
 * share the authority changed itself; the appeal body's outcomes and its reversal rate (changed, reversed or
 * remitted, as a share of its decisions); the time to forwarding; procedure complaints by cause; open findings.
 */
export async function getComplaintFigures(
  db: Executor,
  principal: Principal,
  q: TComplaintFiguresQuery,
  now = new Date(),
): Promise<TComplaintFigures> {
  const units = unitsWithRole(principal, FIGURE_READERS);
  const w = { from: q.from, to: q.to, units };
  const [rows, h, causes, findings] = await Promise.all([
    repo.perQuarter(db, w),
    repo.handling(db, w),
    repo.procedureByCause(db, w),
    repo.openFindings(db, units, localDateOf(now)),
  ]);
  const complaints = rows.reduce((n, r) => n + r.complaints, 0);
  const decisions = rows.reduce((n, r) => n + r.decisions, 0);
  const outcomes = {
    upheld: h.upheld,
    changed: h.changed,
    reversed: h.reversed,
    remitted: h.remitted,
    dismissed: h.dismissed,
  };
  const appealDecisions = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const reversing = REVERSING_OUTCOMES.reduce((n, o) => n + outcomes[o], 0);
  return {
    from: q.from,
    to: q.to,
    rows: rows.map((r) => ({
      caseTypeId: r.case_type_id,
      caseTypeCode: r.case_type_code,
      unitId: r.unit_id,
      quarter: r.quarter,
      complaints: r.complaints,
      decisions: r.decisions,
      per1000Decisions: per1000(r.complaints, r.decisions),
    })),
    totals: {
      complaints,
      decisionComplaints: h.decision_complaints,
      decisions,
      per1000Decisions: per1000(complaints, decisions),
      reconsidered: h.reconsidered,
      changedByAuthority: h.changed_by_authority,
      shareChangedByAuthority: share(h.changed_by_authority, h.reconsidered),
      appealDecisions,
      appealOutcomes: outcomes,
      reversalRate: share(reversing, appealDecisions),
      forwarded: h.forwarded,
      medianDaysToForwarding: h.median_days_to_forwarding === null ? null : Number(h.median_days_to_forwarding),
    },
    procedureByCause: causes.map((c) => ({
      cause: c.cause as TComplaintFigures['procedureByCause'][number]['cause'],
      answered: c.answered,
      justified: c.justified,
    })),
    openFindings: findings.map((f) => ({
      id: f.id,
      title: f.title,
      nextDue: f.next_due,
      overdueActions: f.overdue_actions,
    })),
  };
}
