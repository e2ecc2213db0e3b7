import { foldLifecycle, LogBuilder } from '@sagsgang/mining';

/** One event of a single case, as the case page and the citizen's case file give it. */
export interface CaseEvent {
  activity: string;
  occurredAt: string | Date;
  /** The lifecycle transition (`start`, `complete`, …) where the source records one. */
  lifecycle?: string;
}

export interface CaseStep {
  activity: string;
  /** When the step was completed, ISO 8601. */
  at: string;
}

/**
 * A case's events as the steps its workflow is checked against: start events folded into their completions by the
 * mining package, exactly as the navigator's analysis folds a whole log, so one case reads the same in both places.
 */
export function caseSteps(events: readonly CaseEvent[]): CaseStep[] {
  const b = new LogBuilder();
  const c = b.beginCase('case');
  for (const e of events) b.addEvent(c, e.activity, new Date(e.occurredAt).getTime(), undefined, e.lifecycle);
  const { source } = foldLifecycle(b.build());
  return Array.from(source, (i) => ({
    activity: events[i].activity,
    at: new Date(events[i].occurredAt).toISOString(),
  }));
}
