/**
 * The honest expected decision for an applicant's open case: the service-goal date, and the range learned from the
 * authority's own cases of the same type — those decided in the last 12 months and those still open, counted at
 * their age — as a survival estimate (pure; the curve comes from `forecast-history.ts`).
 */
import { calendarDaysBetween, forecastFromCurve, type SurvivalCurve, type SurvivalForecast } from '@sagsgang/clock';

export interface ExpectedDecision {
  /** The service-goal deadline from the case's clock; null before the clock starts (or when decided). */
  goalDate: string | null;
  /** The clock stands still while the authority waits for the applicant. */
  paused: boolean;
  /**
   * From the authority's own cases of the same type that have waited as long. Where `upperOpen` is true the cases
   * seen do not yet tell when 9 of 10 are decided: the answer is "more than upperRemainingDays days", no date.
   */
  forecast: SurvivalForecast | null;
  /** What the forecast rests on: the case type as a whole (phases are not used: see the README). */
  basis: 'case_type' | null;
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
  /** The case type's forecast version when the caller read it with the case (no row: 0); saves reading it again. */
  forecastVersion?: number;
}

const MIN_SAMPLE = 20;

/** Forecast for one open case from its case type's survival curve. */
export function forecastFromExperience(
  curve: SurvivalCurve | null,
  input: Omit<ExpectedDecisionInput, 'caseTypeId'>,
): Pick<ExpectedDecision, 'forecast' | 'basis'> {
  if (input.decided || !curve) return { forecast: null, basis: null };
  // Waited through today: the curve's scale counts the day of receipt as a day (see forecast-history.ts).
  const elapsedDays = Math.max(0, calendarDaysBetween(input.receivedDate, input.today)) + 1;
  const f = forecastFromCurve(curve, { elapsedDays, asOfDate: input.today, minSample: MIN_SAMPLE });
  // Without a single decision beyond this age there is nothing to say, not even "more than".
  if (f.confidence === 'none' || f.decisionsBeyond === 0) return { forecast: null, basis: null };
  return { forecast: f, basis: 'case_type' };
}
