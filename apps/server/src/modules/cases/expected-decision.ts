/**
 * The honest expected decision for an applicant's open case: the service-goal date, and the range learned from the
 * authority's own decided cases of the same type (pure; the history comes from `forecast-history.ts`).
 */
import { calendarDaysBetween, forecastDecision, type DecisionForecast } from '@sagsgang/clock';
import type { DecidedCase } from './use-cases/get-decided-history.js';

export interface ExpectedDecision {
  /** The service-goal deadline from the case's clock; null before the clock starts (or when decided). */
  goalDate: string | null;
  /** The clock stands still while the authority waits for the applicant. */
  paused: boolean;
  /** From the authority's own history of similar cases: same case type, same phase, same time already spent. */
  forecast: DecisionForecast | null;
  /** Whether the forecast rests on cases that passed through the current phase, or on the case type as a whole. */
  basis: 'phase' | 'case_type' | null;
}

export interface ExpectedDecisionInput {
  caseTypeId: string;
  phaseCode: string | null;
  /** Local dates (YYYY-MM-DD). */
  receivedDate: string;
  today: string;
  goalDate: string | null;
  paused: boolean;
  decided: boolean;
}

const MIN_SAMPLE = 20;

/**
 * Forecast for one open case from decided cases of its type. Cases that went through its current phase are used
 * when there are enough of them; otherwise the whole case type (and the forecast says so through `basis`).
 */
export function forecastFromHistory(
  history: readonly DecidedCase[],
  input: Omit<ExpectedDecisionInput, 'caseTypeId'>,
): Pick<ExpectedDecision, 'forecast' | 'basis'> {
  if (input.decided || history.length === 0) return { forecast: null, basis: null };
  const elapsedDays = Math.max(0, calendarDaysBetween(input.receivedDate, input.today));
  const common = {
    history: history.map((h) => ({ durationDays: h.durationDays, phases: h.phases })),
    elapsedDays,
    asOfDate: input.today,
    minSample: MIN_SAMPLE,
  };
  if (input.phaseCode) {
    const byPhase = forecastDecision({ ...common, phase: input.phaseCode });
    if (byPhase.conditionalSampleSize >= MIN_SAMPLE) return { forecast: byPhase, basis: 'phase' };
  }
  const byType = forecastDecision(common);
  return byType.confidence === 'none' ? { forecast: null, basis: null } : { forecast: byType, basis: 'case_type' };
}
