import type { Executor } from '../../../platform/db/transaction.js';
import { forecastFromExperience, type ExpectedDecision, type ExpectedDecisionInput } from '../expected-decision.js';
import { forecastExperiences, type ForecastExperience } from '../forecast-history.js';

function expectedFrom(
  input: ExpectedDecisionInput,
  experiences: ReadonlyMap<string, ForecastExperience>,
): ExpectedDecision {
  const base = { goalDate: input.decided ? null : input.goalDate, paused: input.paused };
  if (input.decided) return { ...base, forecast: null, basis: null };
  return { ...base, ...forecastFromExperience(experiences.get(input.caseTypeId) ?? null, input) };
}

/** The expected decision of each case, in the order given; the experience of all their case types in one read. */
export async function expectedDecisions(
  db: Executor,
  inputs: readonly ExpectedDecisionInput[],
): Promise<ExpectedDecision[]> {
  const open = inputs.filter((i) => !i.decided);
  const byDay = new Map<string, ReadonlyMap<string, ForecastExperience>>();
  for (const today of new Set(open.map((i) => i.today))) {
    const day = open.filter((i) => i.today === today);
    const known = new Map<string, number>();
    for (const i of day) if (i.forecastVersion !== undefined) known.set(i.caseTypeId, i.forecastVersion);
    byDay.set(
      today,
      await forecastExperiences(
        db,
        day.map((i) => i.caseTypeId),
        today,
        known,
      ),
    );
  }
  return inputs.map((input) => expectedFrom(input, byDay.get(input.today) ?? new Map()));
}

/** The expected decision of one case. */
export async function expectedDecision(db: Executor, input: ExpectedDecisionInput): Promise<ExpectedDecision> {
  const [one] = await expectedDecisions(db, [input]);
  return one;
}
