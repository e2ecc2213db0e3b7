import { z } from 'zod';

/** A reporting period: `2026` (year), `2026-H1` (half), `2026-Q3` (quarter) or `2026-07` (month). */
export const ZPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, 'a period as 2026, 2026-H1, 2026-Q3 or 2026-07');
export type TPeriodKind = 'month' | 'quarter' | 'half' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The kind of a period and its first and last day (both included). */
export function periodRange(period: string): { kind: TPeriodKind; from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const rest = period.slice(5);
  const months = (kind: TPeriodKind, first: number, count: number) => {
    const end = first + count - 1;
    return { kind, from: `${y}-${pad(first)}-01`, to: `${y}-${pad(end)}-${pad(lastDay(y, end))}` };
  };
  if (!rest) return months('year', 1, 12);
  if (rest.startsWith('H')) return months('half', rest === 'H1' ? 1 : 7, 6);
  if (rest.startsWith('Q')) return months('quarter', (Number(rest[1]) - 1) * 3 + 1, 3);
  return months('month', Number(rest), 1);
}

/** The `count` periods of the same kind before `period`, oldest first. */
export function previousPeriods(period: string, count: number): string[] {
  const { kind } = periodRange(period);
  const y = Number(period.slice(0, 4));
  const size = { year: 1, half: 2, quarter: 4, month: 12 }[kind];
  const index = kind === 'year' ? 0 : kind === 'month' ? Number(period.slice(5)) - 1 : Number(period.slice(6)) - 1;
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    const n = y * size + index - i;
    const py = Math.floor(n / size);
    const pi = n % size;
    out.push(
      kind === 'year'
        ? `${py}`
        : kind === 'half'
          ? `${py}-H${pi + 1}`
          : kind === 'quarter'
            ? `${py}-Q${pi + 1}`
            : `${py}-${pad(pi + 1)}`,
    );
  }
  return out;
}

export const GOAL_AREAS = ['employment', 'service', 'staff', 'economy'] as const;
export const ZGoalArea = z.enum(GOAL_AREAS);
export type TGoalArea = z.infer<typeof ZGoalArea>;
export const ZIndicatorUnit = z.enum(['count', 'share', 'days']);
export const ZIndicatorLevel = z.enum(['authority', 'centre', 'team', 'caseType']);

/** One figure of the catalogue, as every capability registered it. */
export const ZIndicator = z.object({
  id: z.string(),
  labelKey: z.string(),
  descriptionKey: z.string(),
  unit: ZIndicatorUnit,
  higherIsBetter: z.boolean(),
  levels: z.array(ZIndicatorLevel),
  /** Entered by hand per unit and period (economy, staff turnover), not computed from records. */
  handEntered: z.boolean(),
  /** Whether the figure can be followed to the cases behind it. */
  drillsToCases: z.boolean(),
});
export type TIndicator = z.infer<typeof ZIndicator>;

export const ZManualValueInput = z.object({
  indicatorId: z.string().min(1).max(100),
  unitId: z.uuid(),
  period: ZPeriod,
  value: z.number().finite(),
});
export type TManualValueInput = z.infer<typeof ZManualValueInput>;
export const ZManualValue = ZManualValueInput.extend({
  id: z.uuid(),
  enteredBy: z.string(),
  enteredAt: z.string(),
});
export type TManualValue = z.infer<typeof ZManualValue>;

export const ZGoalInput = z.object({
  unitId: z.uuid(),
  indicatorId: z.string().min(1).max(100),
  caseTypeId: z.uuid().optional(),
  area: ZGoalArea,
  period: ZPeriod,
  target: z.number().finite(),
  baseline: z.number().finite().optional(),
});
export type TGoalInput = z.infer<typeof ZGoalInput>;

/** met: on or beyond the target; not_met: short of it; no_data: nothing measured in the period. */
export const ZGoalState = z.enum(['met', 'not_met', 'no_data']);
export type TGoalState = z.infer<typeof ZGoalState>;

export const ZGoalStatus = z.object({
  goalId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  indicatorId: z.string(),
  labelKey: z.string(),
  unit: ZIndicatorUnit,
  higherIsBetter: z.boolean(),
  caseTypeId: z.uuid().nullable(),
  area: ZGoalArea,
  period: z.string(),
  from: z.string(),
  to: z.string(),
  target: z.number(),
  baseline: z.number().nullable(),
  value: z.number().nullable(),
  basis: z.number().int(),
  state: ZGoalState,
  /** The same figure in the four periods of the same kind before, oldest first. */
  trend: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
});
export type TGoalStatus = z.infer<typeof ZGoalStatus>;

export const ZDashboardQuery = z.object({ unitId: z.uuid().optional(), period: ZPeriod });
export const ZDashboard = z.object({ unitId: z.uuid(), period: z.string(), goals: z.array(ZGoalStatus) });
export type TDashboard = z.infer<typeof ZDashboard>;

export const ZBreakdownQuery = z.object({
  indicatorId: z.string().min(1).max(100),
  unitId: z.uuid(),
  period: ZPeriod,
  caseTypeId: z.uuid().optional(),
});
export type TBreakdownQuery = z.infer<typeof ZBreakdownQuery>;
const ZFigure = z.object({ value: z.number().nullable(), basis: z.number().int() });
/** One step of the drill-down: the unit's figure, its units below, and (where it can) its case types. */
export const ZBreakdown = z.object({
  indicatorId: z.string(),
  period: z.string(),
  unit: ZFigure.extend({ id: z.uuid(), name: z.string(), kind: z.string(), parentId: z.uuid().nullable() }),
  children: z.array(ZFigure.extend({ id: z.uuid(), name: z.string(), kind: z.string() })),
  caseTypes: z.array(ZFigure.extend({ id: z.uuid(), code: z.string() })),
});
export type TBreakdown = z.infer<typeof ZBreakdown>;
export const ZIndicatorCases = z.object({
  cases: z.array(
    z.object({
      caseId: z.uuid(),
      reference: z.string(),
      caseTypeId: z.uuid(),
      unitId: z.uuid(),
      measure: z.number().nullable(),
    }),
  ),
});

export const ZContractInput = z.object({
  unitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  goalIds: z.array(z.uuid()).min(1).max(200),
});
export type TContractInput = z.infer<typeof ZContractInput>;
export const ZContract = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  year: z.number().int(),
  version: z.number().int(),
  goalIds: z.array(z.uuid()),
  createdBy: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type TContract = z.infer<typeof ZContract>;
/** Half- or full-year follow-up of a contract: each goal's figure for the year so far, by area. */
export const ZContractFollowUp = z.object({
  contract: ZContract,
  at: z.enum(['half', 'year']),
  areas: z.array(z.object({ area: ZGoalArea, goals: z.array(ZGoalStatus) })),
});

export const ZReportRequest = z.object({
  unitId: z.uuid(),
  committee: z.enum(['committee', 'finance']),
  period: ZPeriod,
});
export type TReportRequest = z.infer<typeof ZReportRequest>;
export const ZReport = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  committee: z.enum(['committee', 'finance']),
  period: z.string(),
  status: z.enum(['queued', 'running', 'issued', 'failed']),
  progress: z.number().int(),
  issuedAt: z.string().nullable(),
  goals: z.array(ZGoalStatus),
});
export type TReport = z.infer<typeof ZReport>;
export const ZReportCheck = z.object({
  changed: z.boolean(),
  differences: z.array(z.object({ goalId: z.uuid(), issued: z.number().nullable(), now: z.number().nullable() })),
});
