import type { TFigures, TFiguresQuery, TFiguresRow, TLocalizedText } from '@sagsgang/contracts';
import { addCalendarDays, localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { unitsWithRole, type Principal, type StaffRole } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { figuresRepository as repo, type FiguresFilter } from '../figures.repository.js';
import { percentileFromHistogram, type Bin } from '../histogram-percentile.js';

const READERS: readonly StaffRole[] = ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'];
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Per case type: decided, within goal, and the processing-days histogram the percentiles come from. */
function decidedByType(rows: { case_type_id: string; days: number | null; decided: number; within_goal: number }[]) {
  const out = new Map<string, { decided: number; within_goal: number; bins: Bin[] }>();
  for (const x of rows) {
    const t = out.get(x.case_type_id) ?? { decided: 0, within_goal: 0, bins: [] };
    t.decided += x.decided;
    t.within_goal += x.within_goal;
    t.bins.push({ value: x.days!, count: x.decided });
    out.set(x.case_type_id, t);
  }
  return out;
}

/**
 * Per case type, over the units the reader may see: share decided within the goal against the target, processing
 * time percentiles, share fully informed on receipt, open cases by clock state and those about to breach.
 */
export async function getServiceGoalFigures(
  db: Executor,
  principal: Principal,
  q: TFiguresQuery,
  now = new Date(),
): Promise<TFigures> {
  const scope = unitsWithRole(principal, READERS);
  if (q.unitId && !scope.includes(q.unitId))
    throw new AppError('forbidden', 'You do not have access to this unit.', { unitId: q.unitId });
  const today = localDateOf(now);
  const to = q.to ?? today;
  const from = q.from ?? addCalendarDays(to, -364);
  if (from > to)
    throw new AppError('validation', 'from: must not be after to', [{ path: 'from', message: 'after to' }]);
  const f: FiguresFilter = {
    unitIds: q.unitId ? [q.unitId] : scope,
    caseTypeId: q.caseTypeId,
    from,
    to,
    today,
    breachWithinDays: q.breachWithinDays,
  };
  const [types, period, open] = [await repo.caseTypes(db), await repo.period(db, f), await repo.open(db, f)];
  const distribution = period.filter((x) => x.g === 1 && x.decided > 0 && x.days !== null);
  const monthly = period
    .filter((x) => x.g === 2 && x.decided > 0 && x.month !== null)
    .sort((a, b) => a.case_type_id.localeCompare(b.case_type_id) || a.month!.localeCompare(b.month!));
  const received = period.filter((x) => x.g === 3);
  const byType = <T extends { case_type_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.case_type_id, r]));
  const d = decidedByType(distribution),
    r = byType(received),
    o = byType(open);
  const rows: TFiguresRow[] = types
    .filter((t) => (q.caseTypeId ? t.id === q.caseTypeId : d.has(t.id) || r.has(t.id) || o.has(t.id)))
    .map((t) => {
      const dt = d.get(t.id),
        rt = r.get(t.id),
        ot = o.get(t.id);
      return {
        caseTypeId: t.id,
        caseTypeCode: t.code,
        caseTypeName: t.name as TLocalizedText,
        targetShare: t.target_share,
        goalDays: t.goal_days,
        decided: dt?.decided ?? 0,
        withinGoal: dt?.within_goal ?? 0,
        shareWithinGoal: share(dt?.within_goal ?? 0, dt?.decided ?? 0),
        medianDays: dt ? percentileFromHistogram(dt.bins, 0.5) : null,
        p75Days: dt ? percentileFromHistogram(dt.bins, 0.75) : null,
        p90Days: dt ? percentileFromHistogram(dt.bins, 0.9) : null,
        received: rt?.received ?? 0,
        fullyInformedOnReceipt: rt?.informed ?? 0,
        shareFullyInformedOnReceipt: share(rt?.informed ?? 0, rt?.screened ?? 0),
        open: {
          notStarted: ot?.not_started ?? 0,
          running: ot?.running ?? 0,
          paused: ot?.paused ?? 0,
          warning: ot?.warning ?? 0,
          breached: ot?.breached ?? 0,
        },
        willBreachSoon: ot?.soon ?? 0,
      };
    });
  return {
    from,
    to,
    today,
    breachWithinDays: q.breachWithinDays,
    rows,
    monthly: monthly.map((m) => ({
      caseTypeId: m.case_type_id,
      month: m.month!,
      decided: m.decided,
      withinGoal: m.within_goal,
      share: m.within_goal / m.decided,
    })),
    distribution: distribution
      .map((x) => ({ caseTypeId: x.case_type_id, days: x.days!, count: x.decided }))
      .sort((a, b) => a.caseTypeId.localeCompare(b.caseTypeId) || a.days - b.days),
  };
}
