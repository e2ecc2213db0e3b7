import type { TFigures, TFiguresQuery, TFiguresRow, TLocalizedText } from '@sagsgang/contracts';
import { addCalendarDays, localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { unitsWithRole, type Principal, type StaffRole } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { figuresRepository as repo, type FiguresFilter } from '../figures.repository.js';

const READERS: readonly StaffRole[] = ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'];
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Per case type, over the units the reader may see: share decided within the goal against the target, processing
 * time percentiles, share fully informed on receipt, open cases by clock state and those about to breach.
 */
export async function getServiceGoalFigures(db: Executor, principal: Principal, q: TFiguresQuery, now = new Date()): Promise<TFigures> {
  const scope = unitsWithRole(principal, READERS);
  if (q.unitId && !scope.includes(q.unitId)) throw new AppError('forbidden', 'You do not have access to this unit.', { unitId: q.unitId });
  const today = localDateOf(now);
  const to = q.to ?? today;
  const from = q.from ?? addCalendarDays(to, -364);
  if (from > to) throw new AppError('validation', 'from: must not be after to', [{ path: 'from', message: 'after to' }]);
  const f: FiguresFilter = { unitIds: q.unitId ? [q.unitId] : scope, caseTypeId: q.caseTypeId, from, to, today, breachWithinDays: q.breachWithinDays };
  const [types, decided, received, open, monthly, distribution] = [
    await repo.caseTypes(db), await repo.decided(db, f), await repo.received(db, f), await repo.open(db, f),
    await repo.monthly(db, f), await repo.distribution(db, f),
  ];
  const byType = <T extends { case_type_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.case_type_id, r]));
  const d = byType(decided), r = byType(received), o = byType(open);
  const rows: TFiguresRow[] = types
    .filter((t) => (q.caseTypeId ? t.id === q.caseTypeId : d.has(t.id) || r.has(t.id) || o.has(t.id)))
    .map((t) => {
      const dt = d.get(t.id), rt = r.get(t.id), ot = o.get(t.id);
      return {
        caseTypeId: t.id, caseTypeCode: t.code, caseTypeName: t.name as TLocalizedText, targetShare: t.target_share, goalDays: t.goal_days,
        decided: dt?.decided ?? 0, withinGoal: dt?.within_goal ?? 0, shareWithinGoal: share(dt?.within_goal ?? 0, dt?.decided ?? 0),
        medianDays: dt?.median ?? null, p75Days: dt?.p75 ?? null, p90Days: dt?.p90 ?? null,
        received: rt?.received ?? 0, fullyInformedOnReceipt: rt?.informed ?? 0, shareFullyInformedOnReceipt: share(rt?.informed ?? 0, rt?.screened ?? 0),
        open: { notStarted: ot?.not_started ?? 0, running: ot?.running ?? 0, paused: ot?.paused ?? 0, warning: ot?.warning ?? 0, breached: ot?.breached ?? 0 },
        willBreachSoon: ot?.soon ?? 0,
      };
    });
  return {
    from, to, today, breachWithinDays: q.breachWithinDays, rows,
    monthly: monthly.map((m) => ({ caseTypeId: m.case_type_id, month: m.month, decided: m.decided, withinGoal: m.within_goal, share: m.within_goal / m.decided })),
    distribution: distribution.map((x) => ({ caseTypeId: x.case_type_id, days: x.days, count: x.count })),
  };
}
