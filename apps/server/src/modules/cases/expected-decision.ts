/**
 * The honest expected decision for an applicant's open case: the service-goal date, and the range learned from the
 * authority's own cases of the same type — those decided in the last 12 months and those still open, counted at
 * their age — as a survival estimate (pure; the curve comes from `forecast-history.ts`).
 */
import { calendarDaysBetween, forecastFromWeeklyCurves, type SurvivalForecast } from '@sagsgang/clock';
import { experienceDay, type ForecastExperience } from './forecast-history.js';

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
  /**
   * What the forecast rests on: the type's cases received on the same weekday as this one, where they are enough,
   * or all the type's cases (phases are not used: see the README).
   */
  basis: 'weekday' | 'case_type' | null;
  /** The window of experience, in months (rounded), when there is a forecast. */
  windowMonths?: number;
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

/** Forecast for one open case from its case type's survival curves. */
export function forecastFromExperience(
  experience: ForecastExperience | null,
  input: Omit<ExpectedDecisionInput, 'caseTypeId'>,
): Pick<ExpectedDecision, 'forecast' | 'basis' | 'windowMonths'> {
  if (input.decided || !experience) return { forecast: null, basis: null };
  // Waited through today: the curve's scale counts the day of receipt as a day (see forecast-history.ts).
  const elapsedDays = Math.max(0, calendarDaysBetween(input.receivedDate, input.today)) + 1;
  const { basis, ...f } = forecastFromWeeklyCurves(experience.curves, {
    elapsedDays,
    startDay: experienceDay.received(input.receivedDate),
    asOfDate: input.today,
    minSample: MIN_SAMPLE,
  });
  // Without a single decision beyond this age there is nothing to say, not even "more than".
  if (f.confidence === 'none' || f.decisionsBeyond === 0) return { forecast: null, basis: null };
  const windowMonths = Math.round((experience.windowDays * 12) / 365.25);
  return { forecast: f, basis: basis === 'weekday' ? 'weekday' : 'case_type', windowMonths };
}
