/**
 * The bridge between the event log and the service-goal clock: which logged activities the clock reads, and the
 * derived `case_clock` row (deadline, warning day, pause, decision, goal met) recomputed from a case's events.
 */
import {
  addDurationToDay,
  computeClock,
  localDateOf,
  toDayNumber,
  fromDayNumber,
  type BusinessCalendar,
  type ClockEventInput,
  type ServiceGoal,
} from '@sagsgang/clock';
import { DEFAULT_WARN_AT, type TCaseTypeDefinition } from '@sagsgang/contracts';

/** The shares of the time budget at which an open case of this type warns; the first puts it on the warning list. */
export const warnThresholds = (d: TCaseTypeDefinition): readonly number[] => d.serviceGoal.warnAt ?? DEFAULT_WARN_AT;

export interface LoggedEvent {
  activity: string;
  occurredAt: Date | string;
  attributes: Record<string, unknown>;
}

/** The log's activities as clock events; a decision to withdraw stops the clock without counting for the goal. */
export function toClockEvents(events: readonly LoggedEvent[]): ClockEventInput[] {
  return events.map((e) => {
    const at = typeof e.occurredAt === 'string' ? e.occurredAt : e.occurredAt.toISOString();
    if (e.activity === 'decided' && e.attributes.outcome === 'withdrawn') return { type: 'withdrawn', at };
    return { ...e.attributes, type: e.activity, at };
  });
}

export function serviceGoalOf(d: TCaseTypeDefinition): ServiceGoal {
  const g = d.serviceGoal;
  return {
    duration: g.duration,
    targetShare: g.targetShare,
    clockStart: g.clockStart,
    pauseWhileAwaitingApplicant: g.pauseWhileAwaitingApplicant,
    warnAt: warnThresholds(d),
    ...(g.extension.maximum ? { maxExtension: g.extension.maximum } : {}),
  };
}

export interface CaseFacts {
  caseId: string;
  caseTypeId: string;
  unitId: string;
  assigneeId: string | null;
  state: string;
  phaseCode: string | null;
  outcome: string | null;
  receivedAt: Date;
}

export interface ClockRow {
  case_id: string;
  case_type_id: string;
  unit_id: string;
  assignee_id: string | null;
  state: string;
  phase_code: string | null;
  received_at: Date;
  received_date: string;
  fully_informed_at: Date | null;
  fully_informed_on_receipt: boolean | null;
  clock_start_date: string | null;
  paused_since: Date | null;
  paused_days: number;
  deadline: string | null;
  warn_date: string | null;
  legal_deadline: string | null;
  risk_date: string | null;
  decided_at: Date | null;
  decided_date: string | null;
  outcome: string | null;
  processing_days: number | null;
  goal_met: boolean | null;
  closed_at: Date | null;
  /** Every phase the case was in, in the order first entered: what the expected-decision forecast filters on. */
  phases: string[];
}

function firstAt(events: readonly LoggedEvent[], match: (e: LoggedEvent) => boolean): Date | null {
  const e = events.find(match);
  return e ? new Date(e.occurredAt) : null;
}

/**
 * The first `activity` (a decision, a closing) since the case was last reopened, or null: a case reopened after its
 * decision (an appeal body remitted it) is open again until it is decided anew.
 */
function currentEnd(events: readonly LoggedEvent[], activity: 'decided' | 'closed'): LoggedEvent | null {
  let found: LoggedEvent | null = null;
  for (const e of events) {
    if (e.activity === 'reopened') found = null;
    else if (e.activity === activity && !found) found = e;
  }
  return found;
}

const atOf = (e: LoggedEvent | null): Date | null => (e ? new Date(e.occurredAt) : null);

function fullyInformedAt(events: readonly LoggedEvent[]): Date | null {
  return firstAt(
    events,
    (e) =>
      (e.activity === 'screened' && e.attributes.fullyInformed === true) ||
      (e.activity === 'information_received' && e.attributes.fullyInformed !== false),
  );
}

/** The first phase (on the received event) and each phase changed to, once each, in the order first entered. */
export function phasesOf(events: readonly LoggedEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.activity !== 'received' && e.activity !== 'phase_changed') continue;
    const value = e.attributes.to ?? e.attributes.phase;
    if (value === undefined || value === null) continue;
    // As the event log's text would read it (attributes->>'to'): a string as it is, anything else as JSON.
    const phase = typeof value === 'string' ? value : JSON.stringify(value);
    if (!out.includes(phase)) out.push(phase);
  }
  return out;
}

function warnDate(start: string | null, deadline: string | null, share: number): string | null {
  if (!start || !deadline) return null;
  const s = toDayNumber(start);
  return fromDayNumber(s + Math.ceil(share * (toDayNumber(deadline) - s)));
}

/**
 * Recomputes a case's clock row from its events (ordered by seq), the case-type version it was opened under and the
 * authority's calendar (`loadAuthorityCalendar`).
 */
export function deriveClockRow(
  facts: CaseFacts,
  events: readonly LoggedEvent[],
  definition: TCaseTypeDefinition,
  now: Date,
  cal: BusinessCalendar,
): ClockRow {
  const clock = computeClock({ events: toClockEvents(events), goal: serviceGoalOf(definition), calendar: cal, now });
  const receivedDate = localDateOf(facts.receivedAt);
  const decided = currentEnd(events, 'decided');
  const decidedAt = decided ? new Date(decided.occurredAt) : null;
  const decidedDate = decidedAt ? localDateOf(decidedAt) : null;
  const openPause = clock.pauses.find((p) => p.toMs === null);
  const pausedDays = clock.pauses.filter((p) => p.toMs !== null).reduce((n, p) => n + p.days, 0);
  const legal = definition.legalMaximum
    ? fromDayNumber(cal.rollForward(addDurationToDay(cal, toDayNumber(receivedDate), definition.legalMaximum)))
    : null;
  const withdrawn = facts.outcome === 'withdrawn';
  const running = !decided && clock.startDate !== null && !openPause;
  return {
    case_id: facts.caseId,
    case_type_id: facts.caseTypeId,
    unit_id: facts.unitId,
    assignee_id: facts.assigneeId,
    state: facts.state,
    phase_code: facts.phaseCode,
    received_at: facts.receivedAt,
    received_date: receivedDate,
    fully_informed_at: fullyInformedAt(events),
    fully_informed_on_receipt: clock.fullyInformedOnReceipt,
    clock_start_date: clock.startDate,
    paused_since: openPause ? new Date(openPause.fromMs) : null,
    paused_days: pausedDays,
    deadline: clock.deadlineDate,
    warn_date: warnDate(clock.startDate, clock.deadlineDate, warnThresholds(definition)[0]),
    legal_deadline: legal,
    risk_date: running ? clock.deadlineDate : null,
    decided_at: decidedAt,
    decided_date: decidedDate,
    outcome: facts.outcome,
    processing_days: decidedDate ? toDayNumber(decidedDate) - toDayNumber(receivedDate) : null,
    goal_met: !decided || withdrawn ? null : clock.state === 'met',
    closed_at: atOf(currentEnd(events, 'closed')),
    phases: phasesOf(events),
  };
}
