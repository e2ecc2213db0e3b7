/**
 * One simulated case: the events a real case of this type could have produced, with the variation the users'
 * documents describe — applications not fully informed on receipt, information requests answered slowly or
 * partly, hearings, extensions, late decisions in busy months, and some steps skipped, repeated or out of order.
 */
import { approximateDays, type TCaseTypeDefinition, type TDecisionOutcome } from '@sagsgang/contracts';
import type { Rng } from './demo-prng.js';

const DAY = 86_400_000;

export interface SimType {
  definition: TCaseTypeDefinition;
  /** Probability that an application is fully informed on receipt at the start and end of the history. */
  informedFrom: number;
  informedTo: number;
  /** Median decision time as a share of the goal; sigma of its log-normal spread. */
  medianShare: number;
  sigma: number;
  hearingRate: number;
  extensionRate: number;
}

export interface SimEvent {
  activity: string;
  at: number;
  attributes: Record<string, unknown>;
}

export interface SimInput {
  type: SimType;
  receivedAt: number;
  /** 0 at the start of the history, 1 at its end: application packages improve over time. */
  progress: number;
  /** Multiplies processing time: the seasonal backlog. */
  load: number;
}

const CHANNELS = ['digital', 'digital', 'digital', 'digital', 'digital', 'paper', 'email', 'counter', 'phone'] as const;
const NOTE_TEXTS = [
  'Ansøger ringede og spurgte til sagens status.',
  'Ansøger oplyste telefonisk ny adresse.',
  'Drøftet sagen med fagkoordinator.',
  'Ansøger var i Borgerservice med supplerende bilag.',
];

/** The next office-hours instant at least `days` after `from`, skipping weekends. */
function later(rng: Rng, from: number, days: number): number {
  let t = from + Math.max(0.05, days) * DAY;
  const weekday = new Date(t).getUTCDay();
  if (weekday === 6) t += 2 * DAY;
  if (weekday === 0) t += DAY;
  const d = new Date(t);
  d.setUTCHours(rng.int(7, 14), rng.int(0, 59), rng.int(0, 59), 0);
  return Math.max(d.getTime(), from + 60_000);
}

function outcomeFor(rng: Rng, allowed: readonly TDecisionOutcome[]): TDecisionOutcome {
  const weights: [TDecisionOutcome, number][] = [
    ['granted', 0.74],
    ['refused', 0.12],
    ['partly_granted', 0.06],
    ['withdrawn', 0.05],
    ['dismissed', 0.03],
  ];
  const usable = weights.filter(([o]) => allowed.includes(o));
  const total = usable.reduce((n, [, w]) => n + w, 0);
  let r = rng() * total;
  for (const [o, w] of usable) if ((r -= w) <= 0) return o;
  return usable[0][0];
}

/** Simulates one case from receipt to closing; the caller cuts it at "now". */
export function simulateCase(rng: Rng, input: SimInput): SimEvent[] {
  const { type, receivedAt } = input;
  const d = type.definition;
  const phases = d.phases.map((p) => p.code);
  const has = (code: string) => phases.includes(code);
  const events: SimEvent[] = [];
  const push = (activity: string, at: number, attributes: Record<string, unknown> = {}) =>
    events.push({ activity, at, attributes });
  const phase = (code: string, at: number) => {
    if (has(code)) push('phase_changed', at, { to: code });
  };

  push('received', receivedAt, { channel: rng.pick(CHANNELS), caseType: d.code, phase: phases[0] });
  let t = later(rng, receivedAt, rng.logNormal(1.5, 0.6));
  if (!rng.chance(0.08)) phase('screening', t); // sometimes the screening phase is skipped in the system
  const pInformed = type.informedFrom + (type.informedTo - type.informedFrom) * input.progress;
  let informed = rng.chance(pInformed);
  const missing = informed ? [] : [{ requirementCode: rng.pick(d.requirements).code, text: 'Mangler i ansøgningen' }];
  push('screened', t, { fullyInformed: informed, missing });
  let clockStart =
    d.serviceGoal.clockStart === 'on_receipt' || informed
      ? d.serviceGoal.clockStart === 'on_receipt'
        ? receivedAt
        : t
      : null;
  let paused = 0;
  for (let round = 0; !informed && round < 3; round++) {
    const asked = later(rng, t, 0.1);
    push('information_requested', asked, {
      items: missing,
      dueDate: new Date(asked + 14 * DAY).toISOString().slice(0, 10),
    });
    const answer = rng.chance(0.06) ? rng.logNormal(45, 0.4) : rng.logNormal(8, 0.75);
    t = later(rng, asked, answer);
    informed = !rng.chance(0.15);
    push('information_received', t, { fullyInformed: informed });
    if (clockStart !== null && d.serviceGoal.pauseWhileAwaitingApplicant) paused += t - asked;
    if (informed && clockStart === null) clockStart = t;
    if (rng.chance(0.04))
      push('screened', later(rng, t, 0.2), { fullyInformed: informed, missing: informed ? [] : missing }); // extra step
  }
  clockStart ??= t;
  const goalDays = approximateDays(d.serviceGoal.duration);
  const activeDays = rng.logNormal(type.medianShare * goalDays * input.load, type.sigma);
  const decisionAt = Math.max(t + DAY, clockStart + activeDays * DAY + paused);
  const outOfOrder = rng.chance(0.03);
  if (outOfOrder) phase('decision', later(rng, t, 0.5));
  phase('processing', later(rng, t, 0.5));
  fillProcessing(rng, type, { from: t, to: decisionAt, push, phase });
  if (!outOfOrder) phase('decision', later(rng, Math.max(t, decisionAt - 3 * DAY), 0));
  const decided = later(rng, Math.max(decisionAt, ...events.map((e) => e.at)), 0);
  const outcome = outcomeFor(rng, d.outcomes);
  push('decided', decided, {
    outcome,
    reasons: 'Afgørelsen er truffet på grundlag af sagens oplysninger.',
    legalRules: [d.legalBasis],
  });
  push('closed', later(rng, decided, rng.logNormal(3, 0.6)));
  return events.sort((a, b) => a.at - b.at);
}

interface Filler {
  from: number;
  to: number;
  push: (activity: string, at: number, attributes?: Record<string, unknown>) => void;
  phase: (code: string, at: number) => void;
}

/** Notes, documents, a hearing and an extension spread over the processing period. */
function fillProcessing(rng: Rng, type: SimType, f: Filler): void {
  const span = Math.max(f.to - f.from, 2 * DAY);
  const within = (share: number) => later(rng, f.from + span * share, 0);
  for (let i = rng.int(0, 2); i > 0; i--) {
    const at = within(rng());
    f.push('note_recorded', at, {
      kind: 'oral_information',
      who: 'Ansøger (telefon)',
      when: new Date(at - 600_000).toISOString(),
      what: rng.pick(NOTE_TEXTS),
    });
  }
  f.push('document_added', within(0.05), { title: 'Ansøgning', documentType: 'application', direction: 'incoming' });
  const d = type.definition;
  if (d.phases.some((p) => p.code === 'hearing') && rng.chance(type.hearingRate)) {
    const start = within(0.6);
    f.phase('hearing', start);
    f.push('hearing_started', start, {
      party: 'Ansøger',
      subject: 'Partshøring',
      replyBy: new Date(start + 14 * DAY).toISOString().slice(0, 10),
    });
    f.push('hearing_replied', later(rng, start, rng.int(3, 13)), { summary: 'Ingen bemærkninger.' });
  }
  const ext = d.serviceGoal.extension;
  if (ext.allowed && ext.maximum && rng.chance(type.extensionRate)) {
    f.push('extended', within(0.5), {
      by: ext.maximum,
      reason: 'Sagen afventer udtalelse fra anden myndighed.',
      applicantNotified: true,
    });
  }
}
