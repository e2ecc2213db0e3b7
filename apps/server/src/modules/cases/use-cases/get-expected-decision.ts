import type { Executor } from '../../../platform/db/transaction.js';
import { forecastFromHistory, type ExpectedDecision, type ExpectedDecisionInput } from '../expected-decision.js';
import { decidedHistories } from '../forecast-history.js';
import type { DecidedCase } from './get-decided-history.js';

function expectedFrom(
  input: ExpectedDecisionInput,
  histories: ReadonlyMap<string, readonly DecidedCase[]>,
): ExpectedDecision {
  const base = { goalDate: input.decided ? null : input.goalDate, paused: input.paused };
  if (input.decided) return { ...base, forecast: null, basis: null };
  return { ...base, ...forecastFromHistory(histories.get(input.caseTypeId) ?? [], input) };
}

/** The expected decision of each case, in the order given; the histories of all their case types in one read. */
export async function expectedDecisions(
  db: Executor,
  inputs: readonly ExpectedDecisionInput[],
): Promise<ExpectedDecision[]> {
  const open = inputs.filter((i) => !i.decided).map((i) => i.caseTypeId);
  const histories = await decidedHistories(db, open);
  return inputs.map((input) => expectedFrom(input, histories));
}

/** The expected decision of one case. */
export async function expectedDecision(db: Executor, input: ExpectedDecisionInput): Promise<ExpectedDecision> {
  const [one] = await expectedDecisions(db, [input]);
  return one;
}
