// Public face of @sagsgang/clock: business calendars, the service-goal clock, forecasts and compliance figures.
export {
  addCalendarDays,
  addCalendarMonths,
  addCalendarWeeks,
  calendarDaysBetween,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  weekdayOf,
  type IsoDate,
} from './local-date.js';
export { endOfLocalDay, localDateOf, startOfLocalDay, timeZone, type TimeZone } from './time-zone.js';
export {
  BusinessCalendar,
  DK_CUSTOMARY_CLOSED_OBSERVANCES,
  addWorkingDays,
  createBusinessCalendar,
  isWorkingDay,
  workingDaysBetween,
  type CalendarOptions,
} from './business-calendar.js';
export { addDurationToDay, isDuration, type Duration, type DurationUnit } from './duration.js';
export {
  instantMs,
  type AnomalyCode,
  type ClockAnomaly,
  type ClockEventInput,
  type ClockEventType,
  type Instant,
  type KnownClockEvent,
} from './clock-events.js';
export type { ClockExtension, ClockPause, ClockResult, ClockState, ServiceGoal } from './service-goal.js';
export { computeClock, type ComputeClockInput } from './service-goal-clock.js';
export { percentileCont, percentileContSorted, sortedNumbers, upperBoundRank } from './quantiles.js';
export {
  forecastDecision,
  remainingTimes,
  type DecisionForecast,
  type ForecastConfidence,
  type ForecastInput,
  type SimilarCase,
} from './decision-forecast.js';
export {
  backtestForecast,
  type BacktestCase,
  type BacktestOptions,
  type BacktestResult,
  type Coverage,
} from './forecast-backtest.js';
export {
  beyond,
  conditionalQuantile,
  survivalCurve,
  type RemainingQuantile,
  type SurvivalCurve,
  type SurvivalObservation,
} from './survival-curve.js';
export {
  DEFAULT_WINDOW_DAYS,
  experienceObservations,
  forecastFromCurve,
  forecastSurvival,
  survivalCurveOf,
  type SurvivalForecast,
  type SurvivalForecastOptions,
  type SurvivalHistory,
} from './survival-forecast.js';
export {
  DEFAULT_MIN_STRATUM,
  forecastFromWeeklyCurves,
  weekdayOfDay,
  weeklySurvivalCurvesOf,
  type WeeklyForecastOptions,
  type WeeklySurvivalCurves,
} from './weekly-survival.js';
export {
  BacktestTally,
  type CoverageShare,
  type EstimatorFigures,
  type OpenBoundCounting,
  type TalliedForecast,
} from './backtest-figures.js';
export {
  mondays,
  snapshotBacktest,
  snapshotSpan,
  type CaseSpan,
  type EstimatorPair,
  type SnapshotBacktestOptions,
  type SnapshotBacktestResult,
  type SnapshotForecastRow,
  type SnapshotSpan,
} from './snapshot-backtest.js';
export { FORECAST_CSV_HEADER, forecastRowsCsv, formatSnapshotBacktest, type ReportLabels } from './backtest-report.js';
export { complianceFigures, type ComplianceFigures, type DecidedCase } from './compliance-figures.js';
export {
  CALIBRATION_BANDS,
  calibrationOf,
  type Calibration,
  type CalibrationBand,
  type PromiseShare,
} from './calibration.js';
