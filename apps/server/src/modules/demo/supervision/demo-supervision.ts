/**
 * Two years of management supervision for the demo authority: a programme on notes and appeal guidance in the
 * benefits centre and one on deadlines in the immigration centre, a stratified sample of the cases decided each
 * month with reviews whose error rates differ by unit and fall after a training initiative a year ago, and the
 * auditor's remark with its action plan.
 */
import type { Executor } from '../../../platform/db/transaction.js';
import { readCasePopulation } from '../../cases/index.js';
import {
  drawSample,
  importSupervisionHistory,
  seededRandom,
  type ImportedProgramme,
  type ImportedSample,
} from '../../supervision/index.js';

const MONTHS = 24;
/** The initiative's month, counted back from the last full month: error rates fall from then on. */
const INITIATIVE_MONTHS_AGO = 11;
const SAMPLE_SIZE = 16;

interface ProgrammeSpec {
  key: string;
  centre: string;
  title: string;
  focusArea: string;
  reason: string;
  reasonKind: 'audit_remark' | 'complaints' | 'citizens_advisor' | 'legislation';
  legalBasis: string;
  criteria: { code: string; text: string; guidance: string; allowsNotApplicable: boolean }[];
  /** Per unit code, per criterion code: the error rate before the initiative. */
  errorRates: Record<string, Record<string, number>>;
  /** The criterion the initiative addresses, and what it is. */
  initiative: { criterion: string; title: string };
}

const SPECS: ProgrammeSpec[] = [
  {
    key: 'ydelser',
    centre: 'cbi',
    title: 'Notatpligt og klagevejledning i boligstøtte og ydelser',
    focusArea: 'Notatpligt, begrundelse og klagevejledning i afgørelser om boligstøtte og kontanthjælp',
    reason: 'Revisionens bemærkning om manglende klagevejledning',
    reasonKind: 'audit_remark',
    legalBasis: 'Forvaltningsloven §§ 22–25; offentlighedsloven § 13',
    criteria: [
      {
        code: 'notes',
        text: 'Notatpligten er overholdt',
        guidance: 'Væsentlige oplysninger er noteret',
        allowsNotApplicable: false,
      },
      {
        code: 'hearing',
        text: 'Partshøring er foretaget, hvor det kræves',
        guidance: 'Forvaltningsloven § 19',
        allowsNotApplicable: true,
      },
      {
        code: 'appeal',
        text: 'Begrundelse og klagevejledning er givet',
        guidance: 'Forvaltningsloven §§ 22–25',
        allowsNotApplicable: false,
      },
    ],
    errorRates: {
      'cbi-ydelser': { notes: 0.28, hearing: 0.1, appeal: 0.32 },
      'cbi-integration': { notes: 0.12, hearing: 0.06, appeal: 0.1 },
    },
    initiative: { criterion: 'appeal', title: 'Skabelon og undervisning i klagevejledning' },
  },
  {
    key: 'udl',
    centre: 'udl',
    title: 'Frister i familiesammenføring og jobkort',
    focusArea: 'Sagsbehandlingsfrister og partshøring',
    reason: 'Klager over lang sagsbehandlingstid',
    reasonKind: 'complaints',
    legalBasis: 'Udlændingeloven § 9; forvaltningsloven § 19',
    criteria: [
      {
        code: 'deadline',
        text: 'Fristen er overholdt',
        guidance: 'Servicemålet for sagstypen',
        allowsNotApplicable: false,
      },
      {
        code: 'hearing',
        text: 'Partshøring er foretaget, hvor det kræves',
        guidance: 'Forvaltningsloven § 19',
        allowsNotApplicable: true,
      },
      { code: 'rules', text: 'De rette retsregler er anvendt', guidance: '', allowsNotApplicable: false },
    ],
    errorRates: {
      'udl-familie': { deadline: 0.35, hearing: 0.12, rules: 0.06 },
      'udl-erhverv': { deadline: 0.15, hearing: 0.05, rules: 0.04 },
    },
    initiative: { criterion: 'deadline', title: 'Ny arbejdsgang med fristkontrol ved modtagelsen' },
  },
];

const SCORE_LEVELS = [
  '1 – Utilstrækkelig: væsentlige mangler',
  '2 – Delvist tilfredsstillende',
  '3 – Tilfredsstillende',
  '4 – God',
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (now: Date, back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));

async function programmeHistory(
  db: Executor,
  spec: ProgrammeSpec,
  o: { units: Record<string, string>; reviewerId: string; ownerId: string; now: Date },
): Promise<ImportedProgramme> {
  const unitCodes = Object.keys(spec.errorRates);
  const unitIds = unitCodes.map((c) => o.units[c]!).filter(Boolean);
  const codeOf = new Map(unitCodes.map((c) => [o.units[c], c]));
  const random = seededRandom(`demo-supervision-${spec.key}`);
  const samples: ImportedSample[] = [];
  const initiativeMonth = monthStart(o.now, INITIATIVE_MONTHS_AGO);
  let beforeLabel = '';
  // One read of the two years; each month's population is the cases decided in it.
  const all = await readCasePopulation(db, {
    unitIds,
    states: ['decided', 'closed'],
    from: iso(monthStart(o.now, MONTHS)),
    to: iso(new Date(monthStart(o.now, 0).getTime() - 86_400_000)),
    periodOf: 'decided',
  });
  for (let back = MONTHS; back >= 1; back--) {
    const from = monthStart(o.now, back);
    const to = new Date(monthStart(o.now, back - 1).getTime() - 86_400_000);
    const month = iso(from).slice(0, 7);
    const population = all.filter((c) => c.decidedOn?.startsWith(month));
    if (population.length < SAMPLE_SIZE) continue;
    const seed = `demo-${spec.key}-${month}`;
    const drawn = drawSample(
      population.map((c) => ({ id: c.caseId, stratum: c.unitId })),
      { size: SAMPLE_SIZE, seed, allocation: 'equal' },
    );
    const byId = new Map(population.map((c) => [c.caseId, c]));
    const after = from >= initiativeMonth;
    const label = `${spec.title.split(' ')[0]} ${month}`;
    const reviewedAt = new Date(to.getTime() + 5 * 86_400_000);
    samples.push({
      label,
      drawnAt: new Date(to.getTime() + 86_400_000),
      seed,
      population: {
        caseTypeIds: [],
        unitIds,
        states: ['decided', 'closed'],
        from: iso(from),
        to: iso(to),
        periodOf: 'decided',
      },
      stratifyBy: 'unit',
      allocation: 'equal',
      populationCases: population.map((c) => ({ caseId: c.caseId, stratum: c.unitId, unitId: c.unitId })),
      cases: drawn.cases.map((d) => {
        const c = byId.get(d.id)!;
        const rates = spec.errorRates[codeOf.get(c.unitId)!]!;
        const answers = Object.fromEntries(
          spec.criteria.map((k) => {
            if (k.allowsNotApplicable && random() < 0.4) return [k.code, 'not_applicable' as const];
            const rate = rates[k.code]! * (after && k.code === spec.initiative.criterion ? 0.35 : after ? 0.8 : 1);
            return [k.code, random() < rate ? ('not_met' as const) : ('met' as const)];
          }),
        );
        const errors = Object.values(answers).filter((a) => a === 'not_met').length;
        return {
          caseId: c.caseId,
          reference: c.reference,
          stratum: c.unitId,
          unitId: c.unitId,
          caseTypeId: c.caseTypeId,
          assigneeId: c.assigneeId,
          handlerIds: c.handlerIds,
          review: {
            reviewerId: o.reviewerId,
            reviewedAt,
            holisticScore: Math.max(1, 4 - errors - (random() < 0.2 ? 1 : 0)),
            followUp: errors > 0,
            answers,
          },
        };
      }),
      ...(after && beforeLabel && from.getTime() === initiativeMonth.getTime()
        ? { followUpOf: beforeLabel, initiativeTitle: spec.initiative.title }
        : {}),
    });
    if (!after) beforeLabel = label;
  }
  return {
    programme: {
      unitId: o.units[spec.centre]!,
      title: spec.title,
      focusArea: spec.focusArea,
      reasonKind: spec.reasonKind,
      reason: spec.reason,
      legalBasis: spec.legalBasis,
      schedule: 'monthly',
      scoreLevels: SCORE_LEVELS,
      caseTypeIds: [],
      criteria: spec.criteria,
      reviewerIds: [o.reviewerId],
    },
    createdBy: o.reviewerId,
    samples,
    initiatives: [
      {
        kind: 'training',
        title: spec.initiative.title,
        ownerId: o.ownerId,
        dueDate: iso(initiativeMonth),
        status: 'done',
        completedOn: iso(new Date(initiativeMonth.getTime() - 3 * 86_400_000)),
        criterionCode: spec.initiative.criterion,
        sampleLabel: beforeLabel,
      },
    ],
  };
}

/** Writes the demo's supervision history; returns how many samples and reviews it made. */
export async function seedDemoSupervision(
  db: Executor,
  o: { units: Record<string, string>; users: Record<string, string>; now?: Date },
): Promise<{ samples: number; reviews: number }> {
  const now = o.now ?? new Date();
  const reviewerId = o.users.kvalitet;
  const ownerId = o.users.teamleder ?? reviewerId;
  if (!reviewerId || !ownerId) return { samples: 0, reviews: 0 };
  const programmes: ImportedProgramme[] = [];
  for (const spec of SPECS) {
    if (!o.units[spec.centre]) continue;
    programmes.push(await programmeHistory(db, spec, { units: o.units, reviewerId, ownerId, now }));
  }
  const year = now.getUTCFullYear() - 1;
  const done = (monthsAgo: number) => iso(monthStart(now, monthsAgo));
  return importSupervisionHistory(db, {
    programmes,
    auditRemarks: o.units.kommune
      ? [
          {
            unitId: o.units.kommune,
            year,
            report: `Revisionsberetning ${year}`,
            remark:
              'Stikprøver viste manglende klagevejledning og mangelfuld notatpligt i afgørelser om boligstøtte. Revisionen anbefaler et helhedsorienteret ledelsestilsyn.',
            createdBy: reviewerId,
            actionPlan: [
              {
                kind: 'workflow',
                title: 'Månedligt ledelsestilsyn med stikprøver',
                ownerId,
                dueDate: done(10),
                status: 'done',
                completedOn: done(11),
              },
              {
                kind: 'training',
                title: 'Undervisning i klagevejledning',
                ownerId,
                dueDate: done(8),
                status: 'done',
                completedOn: done(9),
              },
              {
                kind: 'checklist_item',
                title: 'Klagevejledning som fast punkt på tjeklisten',
                ownerId,
                dueDate: done(-2),
                status: 'in_progress',
                completedOn: null,
              },
            ],
          },
        ]
      : [],
  });
}
