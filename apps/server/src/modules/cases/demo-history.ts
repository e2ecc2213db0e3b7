/**
 * Two years of generated casework for the demo authority, so the queue, clocks, figures and process navigator
 * have something realistic to show on first start. Deterministic (seeded PRNG) and written in bulk batches.
 */
import { sql } from 'kysely';
import { localDateOf } from '@sagsgang/clock';
import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { DEMO_CASE_TYPE_UNITS, demoCaseTypes, publishCaseType } from '../case-types/index.js';
import { deriveClockRow } from './case-clock.js';
import type { BusinessCalendar } from '@sagsgang/clock';
import { loadAuthorityCalendar } from '../calendar/index.js';
import { createRng, type Rng } from './demo-prng.js';
import { simulateCase, type SimEvent, type SimType } from './demo-history-simulation.js';
import { historyRepository as repo, type BulkCase, type BulkEvent } from './history.repository.js';
import type { ClockRow } from './case-clock.js';

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
  const authority = await sql<{
    id: string;
  }>`SELECT id FROM unit WHERE kind = 'authority' ORDER BY created_at LIMIT 1`.execute(db);
  let parent = authority.rows[0]?.id;
  if (!parent) {
    const r = await sql<{
      id: string;
    }>`INSERT INTO unit (kind, code, name_da, name_en) VALUES ('authority', 'demo', 'Sagsgang Kommune', 'Sagsgang Municipality') RETURNING id`.execute(
      db,
    );
    parent = r.rows[0].id;
  }
  for (const code of Object.values(DEMO_CASE_TYPE_UNITS)) {
    const name = code.replace('demo-', '');
    await sql`INSERT INTO unit (parent_id, kind, code, name_da, name_en) VALUES (${parent}, 'team', ${code}, ${'Team ' + name}, ${'Team ' + name})
      ON CONFLICT (code) DO NOTHING`.execute(db);
  }
}

async function typeContexts(db: Executor): Promise<TypeContext[]> {
  await ensureUnits(db);
  const out: TypeContext[] = [];
  for (const definition of demoCaseTypes()) {
    const published = await publishCaseType(db, definition, null);
    const unit = await sql<{ id: string }>`SELECT id FROM unit WHERE code = ${definition.unitCode}`.execute(db);
    const unitId = unit.rows[0].id;
    const staff = await sql<{ user_id: string }>`
      SELECT DISTINCT g.user_id FROM role_grant g WHERE g.role = 'caseworker' AND g.unit_id = ${unitId} ORDER BY g.user_id`.execute(
      db,
    );
    const profile = PROFILE[definition.code];
    out.push({
      sim: { ...profile, definition },
      weight: profile.weight,
      caseTypeId: published.caseTypeId,
      versionId: published.versionId,
      unitId,
      staff: staff.rows.map((s) => s.user_id),
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

interface Built {
  kase: BulkCase;
  events: BulkEvent[];
  clock: ClockRow;
}

function buildCase(
  rng: Rng,
  ctx: TypeContext,
  sim: SimEvent[],
  ref: string,
  now: Date,
  calendar: BusinessCalendar,
): Built {
  const id = rng.uuid();
  const assignee = ctx.staff.length && !rng.chance(0.03) ? rng.pick(ctx.staff) : null;
  let state = 'received',
    phase: string | null = ctx.sim.definition.phases[0].code,
    outcome: string | null = null;
  const events: BulkEvent[] = sim.map((e, i) => {
    state = NEXT_STATE[e.activity] ?? state;
    if (e.activity === 'phase_changed') {
      e.attributes = { from: phase, ...e.attributes };
      phase = String(e.attributes.to);
    }
    if (e.activity === 'decided') outcome = String(e.attributes.outcome);
    return {
      case_id: id,
      seq: i + 1,
      activity: e.activity,
      occurred_at: new Date(e.at).toISOString(),
      actor_id: e.activity === 'received' ? null : assignee,
      unit_id: ctx.unitId,
      attributes: e.attributes,
    };
  });
  const receivedAt = new Date(sim[0].at);
  const kase: BulkCase = {
    id,
    reference: ref,
    case_type_id: ctx.caseTypeId,
    case_type_version_id: ctx.versionId,
    unit_id: ctx.unitId,
    assignee_id: assignee,
    applicant_name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
    channel: String(sim[0].attributes.channel),
    state,
    phase_code: phase,
    outcome,
    received_at: receivedAt.toISOString(),
    version: events.length,
  };
  const logged = sim.map((e) => ({ activity: e.activity, occurredAt: new Date(e.at), attributes: e.attributes }));
  const clock = deriveClockRow(
    {
      caseId: id,
      caseTypeId: ctx.caseTypeId,
      unitId: ctx.unitId,
      assigneeId: assignee,
      state,
      phaseCode: phase,
      outcome,
      receivedAt,
    },
    logged,
    ctx.sim.definition,
    now,
    calendar,
  );
  return { kase, events, clock };
}

async function writeBatch(db: Executor, batch: Built[]): Promise<void> {
  await repo.insertCases(
    db,
    batch.map((b) => b.kase),
  );
  await repo.insertEvents(
    db,
    batch.flatMap((b) => b.events),
  );
  await repo.insertClocks(
    db,
    batch.map((b) => b.clock),
  );
}

/** Generates the history once: does nothing when cases already exist. */
export async function generateDemoHistory(db: Executor, options: DemoHistoryOptions = {}): Promise<DemoHistoryResult> {
  const started = performance.now();
  const total = options.cases ?? 20_000;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  if ((await repo.countCases(db)) > 0) return { cases: 0, events: 0, openCases: 0, millis: 0, skipped: true };
  return inTransaction(db, async (trx) => {
    const rng = createRng(options.seed ?? 2026);
    const contexts = await typeContexts(trx);
    const calendar = await loadAuthorityCalendar(trx);
    const weights = contexts.map((c) => c.weight);
    const days = Math.round((options.years ?? 2) * 365);
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY;
    const cum = dayWeights(start, days);
    let events = 0,
      open = 0,
      made = 0,
      batch: Built[] = [];
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
      const built = buildCase(rng, ctx, sim, `SAG-${year}-${String(i + 1).padStart(6, '0')}`, now, calendar);
      const own = options.applicants?.[i % 997];
      if (own && receivedAt > now.getTime() - 120 * DAY && i % 997 < (options.applicants?.length ?? 0)) {
        built.kase.applicant_id = own.id;
        built.kase.applicant_name = own.name;
      }
      events += built.events.length;
      made++;
      if (built.kase.state !== 'closed' && built.kase.state !== 'decided') open++;
      batch.push(built);
      if (batch.length >= batchSize) {
        await writeBatch(trx, batch);
        batch = [];
      }
    }
    await writeBatch(trx, batch);
    await repo.advanceReferenceSequence(trx, total + 1);
    return { cases: made, events, openCases: open, millis: Math.round(performance.now() - started), skipped: false };
  });
}

function pickWeighted(rng: Rng, weights: number[]): number {
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return i;
  return weights.length - 1;
}
