/**
 * Two years of complaints over the demo history, at rates like a Danish municipality's: a few decision complaints
 * per hundred refusals, procedure complaints mostly about waiting time where the case was late, the authority's
 * reconsiderations (some decisions changed), forwarded appeals with the appeal body's outcomes, and a citizens'
 * advisor report with findings in several states.
 */
import { localDateOf } from '@sagsgang/clock';
import type { Executor } from '../../../platform/db/transaction.js';
import { decidedCasesForComplaints, type DecidedCaseForComplaint } from '../../cases/index.js';
import {
  importComplaintHistory,
  importFindings,
  type ImportedComplaint,
  type ImportedFinding,
} from '../../complaints/index.js';
import { createRng, type Rng } from '../case-history/demo-prng.js';

const DAY = 86_400_000;
/** Per refusal (or partial grant), the chance of an appeal; per late case, of a complaint about the waiting. */
const DECISION_COMPLAINT_RATE = 0.04;
const LATE_COMPLAINT_RATE = 0.03;
const OTHER_PROCEDURE_RATE = 0.003;
/** The appeal body's outcomes, weighted roughly as the Danish appeal board's published shares. */
const APPEAL_OUTCOMES: [string, number][] = [
  ['upheld', 0.68],
  ['changed', 0.08],
  ['reversed', 0.05],
  ['remitted', 0.12],
  ['dismissed', 0.07],
];

const weighted = (rng: Rng, table: [string, number][]) => {
  let x = rng();
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][0];
};
const later = (from: Date, minDays: number, maxDays: number, rng: Rng) =>
  new Date(from.getTime() + rng.int(minDays, maxDays) * DAY + rng.int(8, 15) * 3_600_000);

function decisionComplaint(c: DecidedCaseForComplaint, rng: Rng, now: Date): ImportedComplaint | null {
  const receivedAt = later(c.decidedAt, 3, 40, rng);
  if (receivedAt > now) return null;
  const base: ImportedComplaint = {
    id: rng.uuid(),
    caseId: c.id,
    unitId: c.unitId,
    complainantId: c.applicantId,
    handlerId: c.assigneeId,
    kind: 'decision',
    channel: rng.chance(0.8) ? 'digital' : rng.pick(['letter', 'email', 'counter']),
    text: 'Jeg er ikke enig i afgørelsen og beder om, at den bliver set igennem igen.',
    receivedAt,
  };
  const reconsideredAt = later(receivedAt, 5, 35, rng);
  if (reconsideredAt > now) return base;
  if (rng.chance(0.12))
    return {
      ...base,
      changed: {
        at: reconsideredAt,
        result: rng.chance(0.5) ? 'changed' : 'partly_changed',
        reasons: 'Nye oplysninger i klagen ændrer vurderingen.',
      },
    };
  if (!c.appealBody) return base;
  const forwarded = {
    at: reconsideredAt,
    appealBody: c.appealBody,
    reasons: 'Klagen giver ikke grundlag for at ændre afgørelsen.',
    letter: 'Vi sender hermed klagen med sagens akter og vores bemærkninger.',
  };
  const decidedOn = later(reconsideredAt, 40, 150, rng);
  if (decidedOn > now) return { ...base, forwarded };
  const outcome = weighted(rng, APPEAL_OUTCOMES);
  return {
    ...base,
    forwarded,
    appeal: { outcome, decidedOn: localDateOf(decidedOn), reasons: `Klageinstansens afgørelse: ${outcome}.` },
  };
}

function procedureComplaint(c: DecidedCaseForComplaint, rng: Rng, now: Date, late: boolean): ImportedComplaint | null {
  // A complaint about the waiting is made while waiting: before the decision.
  const receivedAt = new Date(c.decidedAt.getTime() - rng.int(5, 30) * DAY);
  if (receivedAt > now) return null;
  const cause = late ? 'waiting_time' : rng.pick(['conduct', 'information', 'notes_not_recorded', 'guidance']);
  const answeredAt = later(receivedAt, 4, 25, rng);
  return {
    id: rng.uuid(),
    caseId: c.id,
    unitId: c.unitId,
    complainantId: c.applicantId,
    handlerId: c.assigneeId,
    kind: 'procedure',
    channel: rng.pick(['digital', 'phone', 'email', 'digital']),
    text: late ? 'Min sag har ventet alt for længe.' : 'Jeg er utilfreds med, hvordan min sag er blevet behandlet.',
    receivedAt,
    ...(answeredAt <= now
      ? {
          answer: {
            at: answeredAt,
            letter: 'Tak for din henvendelse. Vi har undersøgt forløbet.',
            outcome: late
              ? weighted(rng, [
                  ['justified', 0.6],
                  ['partly_justified', 0.3],
                  ['not_justified', 0.1],
                ])
              : weighted(rng, [
                  ['justified', 0.2],
                  ['partly_justified', 0.3],
                  ['not_justified', 0.5],
                ]),
            cause,
          },
        }
      : {}),
  };
}

export function generateDemoComplaints(
  cases: readonly DecidedCaseForComplaint[],
  now: Date,
  seed = 11,
): ImportedComplaint[] {
  const rng = createRng(seed);
  const out: ImportedComplaint[] = [];
  for (const c of cases) {
    const refusal = c.outcome === 'refused' || c.outcome === 'partly_granted';
    // One complaint per case at most, so the case's log stays one story.
    let complaint: ImportedComplaint | null = null;
    if (refusal && rng.chance(DECISION_COMPLAINT_RATE)) complaint = decisionComplaint(c, rng, now);
    else if (c.goalMet === false && rng.chance(LATE_COMPLAINT_RATE)) complaint = procedureComplaint(c, rng, now, true);
    else if (rng.chance(OTHER_PROCEDURE_RATE)) complaint = procedureComplaint(c, rng, now, false);
    if (complaint) out.push(complaint);
  }
  return out;
}

/** The citizens' advisor's annual report and investigations, with actions in several states. */
export function demoFindings(units: string[], responsibleId: string | null, now: Date): ImportedFinding[] {
  const year = now.getUTCFullYear();
  const day = (offsetDays: number) => localDateOf(new Date(now.getTime() + offsetDays * DAY));
  return [
    {
      source: 'annual_report',
      reportYear: year - 1,
      title: 'Notatpligten overholdes ikke altid',
      recommendation:
        'Borgerrådgiveren kritiserer, at telefonsamtaler med betydning for afgørelsen ikke altid noteres. Forvaltningen bør sikre, at notatpligten efterleves.',
      unitIds: units,
      responsibleId,
      status: 'in_progress',
      foundOn: `${year - 1}-03-15`,
      closedAt: null,
      actions: [
        {
          description: 'Undervisning i notatpligt for alle sagsbehandlere',
          dueDate: day(-30),
          doneAt: new Date(now.getTime() - 40 * DAY),
        },
        { description: 'Stikprøvekontrol af notater i 50 sager', dueDate: day(-5), doneAt: null },
        { description: 'Opfølgning til Borgerrådgiveren', dueDate: day(45), doneAt: null },
      ],
    },
    {
      source: 'annual_report',
      reportYear: year - 1,
      title: 'Lange sagsbehandlingstider uden orientering',
      recommendation: 'Borgere skal orienteres, når en sag ikke kan afgøres inden for servicemålet.',
      unitIds: units,
      responsibleId,
      status: 'closed',
      foundOn: `${year - 1}-03-15`,
      closedAt: new Date(now.getTime() - 60 * DAY),
      actions: [
        {
          description: 'Automatisk besked ved forlænget frist',
          dueDate: day(-90),
          doneAt: new Date(now.getTime() - 70 * DAY),
        },
      ],
    },
    {
      source: 'own_initiative',
      reportYear: null,
      title: 'Egen drift-undersøgelse: partshøring før afslag',
      recommendation: 'Partshøring skal gennemføres, før der gives afslag på grundlag af nye oplysninger.',
      unitIds: units.slice(0, 1),
      responsibleId,
      status: 'open',
      foundOn: day(-20),
      closedAt: null,
      actions: [{ description: 'Tjekliste for partshøring i sagsgangen', dueDate: day(30), doneAt: null }],
    },
  ];
}

/** Generates and imports the complaints and the findings; returns how many complaints. */
export async function seedDemoComplaints(
  db: Executor,
  units: string[],
  responsibleId: string | null,
  now = new Date(),
) {
  const cases = await decidedCasesForComplaints(db);
  const complaints = generateDemoComplaints(cases, now);
  await importComplaintHistory(db, complaints);
  await importFindings(db, demoFindings(units, responsibleId, now));
  return complaints.length;
}
