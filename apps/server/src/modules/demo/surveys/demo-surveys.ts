// Two years of survey history for the demo authority: invitations, response rates and answers that vary the way
// real ones do (lower satisfaction after a refusal and after a long wait, a slow improvement over time).
import type { Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { listCaseTypes } from '../../case-types/index.js';
import { importSurveyHistory, publishSurveyTemplates, type SurveyHistory } from '../../surveys/index.js';
import { createRng, type Rng } from '../case-history/demo-prng.js';

const DAY = 24 * 60 * 60 * 1000;
type Answers = Record<string, number | string | string[]>;
type Invitation = SurveyHistory['invitations'][number];

const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const COMMENTS_UNHAPPY = [
  'Det tog alt for lang tid, og ingen svarede, når jeg ringede.',
  'Jeg forstod ikke begrundelsen for afslaget.',
  'Jeg måtte sende de samme papirer to gange.',
  'Brevet var svært at forstå.',
];
const COMMENTS_HAPPY = [
  'Sagsbehandleren var venlig og hurtig.',
  'Godt at kunne følge sagen på nettet.',
  'Tak for en god og klar afgørelse.',
];

/** One answer to the after-decision survey, from a latent satisfaction shaped by outcome, wait and time. */
function afterDecisionAnswer(rng: Rng, o: { outcome: string; waited: number; progress: number; unitShift: number }) {
  let latent = 3.9 + 0.35 * o.progress + o.unitShift;
  if (o.outcome === 'refused') latent -= 1.2;
  if (o.outcome === 'partly_granted') latent -= 0.4;
  if (o.waited > 120) latent -= 0.8;
  else if (o.waited > 60) latent -= 0.35;
  const overall = clamp(latent + 0.9 * normal(rng));
  const a: Answers = { overall };
  if (rng.chance(0.9)) a.time = clamp(latent - (o.waited > 60 ? 0.6 : -0.2) + normal(rng));
  if (rng.chance(0.85)) a.informed = clamp(latent - 0.2 + normal(rng));
  if (rng.chance(0.9)) a.understood = rng.chance(overall >= 3 ? 0.9 : 0.55) ? 'yes' : 'no';
  if (rng.chance(0.7))
    a.improved = rng.chance(0.4)
      ? 'first-time'
      : rng.pick(overall >= 4 ? ['better', 'better', 'same'] : ['same', 'worse', 'better']);
  if (overall <= 2) {
    const wrong = [
      ...(o.waited > 60 ? ['waiting'] : []),
      ...(o.outcome === 'refused' ? ['decision'] : []),
      ...(rng.chance(0.4) ? ['information'] : []),
    ];
    if (wrong.length) a['what-wrong'] = wrong;
  }
  if (rng.chance(0.12)) a.comment = rng.pick(overall <= 2 ? COMMENTS_UNHAPPY : COMMENTS_HAPPY);
  return a;
}

/** The share of invitations answered: about a quarter, lower after a refusal (Copenhagen measured 22%). */
function answers(rng: Rng, outcome: string): boolean {
  return rng.chance(outcome === 'refused' ? 0.19 : 0.27);
}

export interface DemoSurveysResult {
  invitations: number;
  responses: number;
  millis: number;
}

/** Publishes the ready-made surveys and loads two years of invitations and answers up to `now`. */
export async function generateDemoSurveys(
  trx: Transaction<DB>,
  units: Record<string, string>,
  now = new Date(),
): Promise<DemoSurveysResult> {
  const started = performance.now();
  const rng = createRng(1207);
  await publishSurveyTemplates(trx);
  const types = (await listCaseTypes(trx)).filter((t) => t.active);
  const start = now.getTime() - 730 * DAY;
  const unitShift = new Map<string, number>();
  for (const t of types) if (!unitShift.has(t.unitId)) unitShift.set(t.unitId, (rng() - 0.5) * 0.5);

  const afterDecision: Invitation[] = [];
  for (let week = 0; week < 104; week++) {
    const progress = week / 104;
    for (const t of types) {
      for (let i = rng.int(2, 8); i > 0; i--) {
        const sentAt = new Date(start + (week * 7 + rng() * 7) * DAY);
        const outcome = rng.pick([
          'granted',
          'granted',
          'granted',
          'granted',
          'partly_granted',
          'refused',
          'refused',
          'withdrawn',
        ]);
        const waited = Math.round(rng.logNormal(45, 0.7));
        const answered = answers(rng, outcome);
        afterDecision.push({
          unitId: t.unitId,
          caseTypeId: t.id,
          outcome,
          channel: rng.pick(['digital', 'digital', 'digital', 'paper', 'counter']),
          waitedDays: waited,
          sentAt,
          declined: !answered && rng.chance(0.05),
          answered: answered
            ? {
                at: new Date(sentAt.getTime() + rng.int(0, 10) * DAY + rng.int(1, 600) * 60_000),
                answers: afterDecisionAnswer(rng, { outcome, waited, progress, unitShift: unitShift.get(t.unitId)! }),
              }
            : null,
        });
      }
    }
  }
  const contacts: Invitation[] = [];
  const desk = [units['bs-kontaktcenter'], units['bs-skranke']].filter((u): u is string => Boolean(u));
  for (let day = 0; day < 730 && desk.length; day++) {
    for (let i = rng.int(0, 4); i > 0; i--) {
      const channel = rng.pick(['phone', 'phone', 'counter', 'digital']);
      const sentAt = new Date(start + (day + rng()) * DAY);
      const answered = rng.chance(0.3);
      const overall = clamp(4 + (channel === 'phone' ? -0.4 : 0.1) + normal(rng));
      contacts.push({
        unitId: channel === 'counter' ? desk[desk.length - 1]! : desk[0]!,
        caseTypeId: null,
        outcome: null,
        channel,
        waitedDays: null,
        sentAt,
        declined: false,
        answered: answered
          ? {
              at: new Date(sentAt.getTime() + rng.int(1, 300) * 60_000),
              answers: {
                overall,
                resolved: rng.chance(overall >= 3 ? 0.85 : 0.4) ? 'yes' : 'no',
                reach: clamp(overall - (channel === 'phone' ? 0.5 : 0) + normal(rng)),
              },
            }
          : null,
      });
    }
  }
  const annualUser: Invitation[] = [];
  for (const year of [0, 1]) {
    const sentAt = new Date(start + (year * 365 + 60) * DAY);
    for (let i = 0; i < 600; i++) {
      const answered = rng.chance(0.22);
      const base = 3.6 + 0.2 * year;
      annualUser.push({
        unitId: units.borgerservice ?? desk[0] ?? null,
        caseTypeId: null,
        outcome: null,
        channel: null,
        waitedDays: null,
        sentAt,
        declined: false,
        answered: answered
          ? {
              at: new Date(sentAt.getTime() + rng.int(0, 20) * DAY),
              answers: {
                'opening-hours': clamp(base - 0.3 + normal(rng)),
                'phone-waiting': clamp(base - 0.8 + normal(rng)),
                accessibility: clamp(base + 0.2 + normal(rng)),
                coherence: clamp(base - 0.2 + normal(rng)),
                website: clamp(base + normal(rng)),
                channels: ['counter', 'phone', 'email', 'self-service'].filter(() => rng.chance(0.45)),
                overall: clamp(base + 0.8 * normal(rng)),
              },
            }
          : null,
      });
    }
  }
  const annualStaff: Invitation[] = [];
  const staffUnits = Object.entries(units).filter(([code]) => code.includes('-'));
  for (const year of [0, 1]) {
    const sentAt = new Date(start + (year * 365 + 90) * DAY);
    for (const [, unitId] of staffUnits) {
      for (let i = rng.int(4, 12); i > 0; i--) {
        const answered = rng.chance(0.8);
        const mood = 3.7 + (rng() - 0.5) * 0.6;
        annualStaff.push({
          unitId,
          caseTypeId: null,
          outcome: null,
          channel: null,
          waitedDays: null,
          sentAt,
          declined: false,
          answered: answered
            ? {
                at: new Date(sentAt.getTime() + rng.int(0, 14) * DAY),
                answers: {
                  structure: clamp(mood - 0.3 + normal(rng)),
                  tasks: clamp(mood + 0.3 + normal(rng)),
                  responsibility: clamp(mood - 0.2 + normal(rng)),
                  'duty-roster': clamp(mood - 0.5 + normal(rng)),
                  'opening-hours': clamp(mood + normal(rng)),
                  overall: clamp(mood + 0.8 * normal(rng)),
                },
              }
            : null,
        });
      }
    }
  }
  // An answer that would come after today has not come yet: that invitation is still open.
  const soFar = (list: Invitation[]) =>
    list.map((i) => (i.answered && i.answered.at.getTime() > now.getTime() ? { ...i, answered: null } : i));
  let invitations = 0;
  let responses = 0;
  for (const [surveyCode, list] of [
    ['after-decision', afterDecision],
    ['after-contact', contacts],
    ['annual-user', annualUser],
    ['annual-staff', annualStaff],
  ] as const) {
    const r = await importSurveyHistory(trx, { surveyCode, invitations: soFar(list) });
    invitations += r.invitations;
    responses += r.responses;
  }
  return { invitations, responses, millis: performance.now() - started };
}
