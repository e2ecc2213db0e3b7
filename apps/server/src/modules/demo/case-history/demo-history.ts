/**
 * Two years of generated casework for the demo authority, so the queue, clocks, figures and process navigator
 * have something realistic to show on first start. Deterministic (seeded PRNG) and written in bulk batches.
 */
import { localDateOf } from '@sagsgang/clock';
import type { Executor } from '../../../platform/db/transaction.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { publishCaseType } from '../../case-types/index.js';
import {
  advanceCaseReferences,
  countCases,
  importCaseHistory,
  type ImportedCase,
  type ImportedCaseEvent,
} from '../../cases/index.js';
import { addMissingUnits, caseworkersOf, firstAuthorityId, importOrganisation, unitIdByCode } from '../../org/index.js';
import { DEMO_CASE_TYPE_UNITS, demoCaseTypes } from '../case-types/demo-case-types.js';
import { createRng, type Rng } from './demo-prng.js';
import { simulateCase, type SimEvent, type SimType } from './demo-history-simulation.js';

const DAY = 86_400_000;
const SEASON = [1.1, 1.0, 1.1, 1.0, 1.0, 1.05, 0.6, 1.2, 1.15, 1.05, 1.0, 0.75];
const BACKLOG = [1.0, 0.95, 1.0, 1.0, 1.0, 1.05, 1.3, 1.25, 1.05, 1.0, 1.05, 1.15];

const PROFILE: Record<string, Omit<SimType, 'definition'> & { weight: number }> = {
  'family-reunification': {
    weight: 0.15,
    informedFrom: 0.45,
    informedTo: 0.65,
    medianShare: 0.55,
    sigma: 0.3,
    hearingRate: 0.15,
    extensionRate: 0.03,
  },
  'job-card': {
    weight: 0.12,
    informedFrom: 0.6,
    informedTo: 0.75,
    medianShare: 0.5,
    sigma: 0.45,
    hearingRate: 0,
    extensionRate: 0,
  },
  'cash-benefit': {
    weight: 0.28,
    informedFrom: 0.5,
    informedTo: 0.6,
    medianShare: 0.6,
    sigma: 0.45,
    hearingRate: 0,
    extensionRate: 0.03,
  },
  'housing-support': {
    weight: 0.25,
    informedFrom: 0.7,
    informedTo: 0.8,
    medianShare: 0.5,
    sigma: 0.4,
    hearingRate: 0,
    extensionRate: 0,
  },
  rehabilitation: {
    weight: 0.08,
    informedFrom: 0.8,
    informedTo: 0.85,
    medianShare: 0.7,
    sigma: 0.3,
    hearingRate: 0.3,
    extensionRate: 0.05,
  },
  'building-permit': {
    weight: 0.12,
    informedFrom: 0.35,
    informedTo: 0.5,
    medianShare: 0.65,
    sigma: 0.45,
    hearingRate: 0.25,
    extensionRate: 0.05,
  },
};

const FIRST = [
  'Amira',
  'Jens',
  'Mette',
  'Ali',
  'Sofie',
  'Lars',
  'Fatima',
  'Anders',
  'Ida',
  'Mohammed',
  'Karin',
  'Peter',
  'Nadia',
  'Ole',
  'Emma',
  'Yusuf',
];
const LAST = [
  'Hansen',
  'Nielsen',
  'Jensen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Khan',
  'Ahmadi',
  'Olsen',
];

export interface DemoHistoryOptions {
  cases?: number;
  seed?: number;
  now?: Date;
  years?: number;
  batchSize?: number;
  /** Demo applicants who get the most recent cases of the history as their own (portal: "my cases"). */
  applicants?: { id: string; name: string }[];
}

export interface DemoHistoryResult {
  cases: number;
  events: number;
  openCases: number;
  millis: number;
  skipped: boolean;
}

interface TypeContext {
  sim: SimType;
  weight: number;
  caseTypeId: string;
  versionId: string;
  unitId: string;
  staff: string[];
}

/** Creates the demo case-type units that do not exist yet, under the demo authority (or a new one). */
async function ensureUnits(db: Executor): Promise<void> {
  let parent = await firstAuthorityId(db);
  if (!parent) {
    const authority = { code: 'demo', parentCode: null, kind: 'authority', nameDa: 'Sagsgang Kommune' } as const;
    const made = await importOrganisation(db, {
      units: [{ ...authority, nameEn: 'Sagsgang Municipality' }],
      accounts: [],
    });
    parent = made.units.demo;
  }
  const teams = Object.values(DEMO_CASE_TYPE_UNITS).map((code) => {
    const name = `Team ${code.replace('demo-', '')}`;
    return { code, kind: 'team' as const, nameDa: name, nameEn: name };
  });
  await addMissingUnits(db, parent, teams);
}

async function typeContexts(db: Executor): Promise<TypeContext[]> {
  await ensureUnits(db);
  const out: TypeContext[] = [];
  for (const definition of demoCaseTypes()) {
    const published = await publishCaseType(db, definition, null);
    const unitId = await unitIdByCode(db, definition.unitCode);
    if (!unitId) throw new Error(`no unit ${definition.unitCode} for the demo case type ${definition.code}`);
    const staff = await caseworkersOf(db, unitId);
    const profile = PROFILE[definition.code];
    out.push({
      sim: { ...profile, definition },
      weight: profile.weight,
      caseTypeId: published.caseTypeId,
      versionId: published.versionId,
      unitId,
      staff,
    });
  }
  return out;
}

/** Cumulative weights of each day of the history: working days, seasons, a slow growth in volume. */
function dayWeights(start: number, days: number): Float64Array {
  const cum = new Float64Array(days);
  let total = 0;
  for (let i = 0; i < days; i++) {
    const d = new Date(start + i * DAY);
    const weekday = d.getUTCDay();
    const w = (weekday === 0 || weekday === 6 ? 0.12 : 1) * SEASON[d.getUTCMonth()] * (0.9 + 0.2 * (i / days));
    cum[i] = total += w;
  }
  return cum;
}

function sampleDay(rng: Rng, cum: Float64Array): number {
  const target = rng() * cum[cum.length - 1];
  let lo = 0,
    hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const NEXT_STATE: Record<string, string> = {
  received: 'received',
  screened: 'in_progress',
  information_requested: 'awaiting_applicant',
  information_received: 'in_progress',
  hearing_started: 'awaiting_hearing',
  hearing_replied: 'in_progress',
  decided: 'decided',
  closed: 'closed',
};

function buildCase(rng: Rng, ctx: TypeContext, sim: SimEvent[], ref: string): ImportedCase {
  const id = rng.uuid();
  const assignee = ctx.staff.length && !rng.chance(0.03) ? rng.pick(ctx.staff) : null;
  let state = 'received',
    phase: string | null = ctx.sim.definition.phases[0].code,
    outcome: string | null = null;
  const events: ImportedCaseEvent[] = sim.map((e) => {
    state = NEXT_STATE[e.activity] ?? state;
    if (e.activity === 'phase_changed') {
      e.attributes = { from: phase, ...e.attributes };
      phase = String(e.attributes.to);
    }
    if (e.activity === 'decided') outcome = String(e.attributes.outcome);
    return {
      activity: e.activity,
      occurredAt: new Date(e.at),
      actorId: e.activity === 'received' ? null : assignee,
      attributes: e.attributes,
    };
  });
  return {
    id,
    reference: ref,
    caseTypeId: ctx.caseTypeId,
    caseTypeVersionId: ctx.versionId,
    definition: ctx.sim.definition,
    unitId: ctx.unitId,
    assigneeId: assignee,
    applicantName: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
    channel: String(sim[0].attributes.channel),
    state,
    phaseCode: phase,
    outcome,
    receivedAt: new Date(sim[0].at),
    events,
  };
}

/** Generates the history once: does nothing when cases already exist. */
export async function generateDemoHistory(db: Executor, options: DemoHistoryOptions = {}): Promise<DemoHistoryResult> {
  const started = performance.now();
  const total = options.cases ?? 20_000;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  if ((await countCases(db)) > 0) return { cases: 0, events: 0, openCases: 0, millis: 0, skipped: true };
  return inTransaction(db, async (trx) => {
    const rng = createRng(options.seed ?? 2026);
    const contexts = await typeContexts(trx);
    const weights = contexts.map((c) => c.weight);
    const days = Math.round((options.years ?? 2) * 365);
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY;
    const cum = dayWeights(start, days);
    let events = 0,
      open = 0,
      made = 0,
      batch: ImportedCase[] = [];
    for (let i = 0; i < total; i++) {
      const day = sampleDay(rng, cum);
      const receivedAt = start + day * DAY + rng.int(7 * 3600, 15 * 3600) * 1000;
      if (receivedAt > now.getTime()) continue;
      const ctx = contexts[pickWeighted(rng, weights)];
      const month = new Date(receivedAt).getUTCMonth();
      const sim = simulateCase(rng, {
        type: ctx.sim,
        receivedAt,
        progress: day / days,
        load: BACKLOG[(month + 1) % 12],
      }).filter((e) => e.at <= now.getTime());
      const year = localDateOf(receivedAt).slice(0, 4);
      const built = buildCase(rng, ctx, sim, `SAG-${year}-${String(i + 1).padStart(6, '0')}`);
      const own = options.applicants?.[i % 997];
      if (own && receivedAt > now.getTime() - 120 * DAY && i % 997 < (options.applicants?.length ?? 0)) {
        built.applicantId = own.id;
        built.applicantName = own.name;
      }
      events += built.events.length;
      made++;
      if (built.state !== 'closed' && built.state !== 'decided') open++;
      batch.push(built);
      if (batch.length >= batchSize) {
        await importCaseHistory(trx, batch, { now });
        batch = [];
      }
    }
    await importCaseHistory(trx, batch, { now });
    await advanceCaseReferences(trx, total + 1);
    return { cases: made, events, openCases: open, millis: Math.round(performance.now() - started), skipped: false };
  });
}

function pickWeighted(rng: Rng, weights: number[]): number {
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return i;
  return weights.length - 1;
}
