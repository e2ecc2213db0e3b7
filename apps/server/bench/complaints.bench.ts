/**
 * The complaints figures on the demo authority's generated history: the demo's complaints, reconsiderations and
 * appeals over BENCH_COMPLAINTS_CASES cases (default 20,000), then the figures of the last 12 months as the back
 * office's page shows them, and what generating the complaints and reading the figures cost. Printed, never asserted.
 */
import { sql } from 'kysely';
import { expandScope, type Principal } from '../src/platform/auth/principal.js';
import { getComplaintFigures } from '../src/modules/complaints/index.js';
import { decidedCasesForComplaints } from '../src/modules/cases/index.js';
import { generateDemoHistory, seedDemoComplaints } from '../src/modules/demo/index.js';
import { benchDatabase } from './bench-support.js';

const CASES = Number(process.env.BENCH_COMPLAINTS_CASES ?? 20_000);
const NOW = new Date('2026-11-01T12:00:00Z');
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

async function main() {
  const db = await benchDatabase('pglite');
  const made = await generateDemoHistory(db.db, { cases: CASES, seed: 2026, now: NOW });
  console.log(`demo history: ${made.cases} cases, ${made.events} events (${(made.millis / 1000).toFixed(1)} s)`);
  const units = (
    await sql<{ id: string; parentId: string | null }>`
    SELECT id, parent_id AS "parentId" FROM unit`.execute(db.db)
  ).rows;
  const roots = units.filter((u) => !u.parentId).map((u) => u.id);
  let t = performance.now();
  const decided = await decidedCasesForComplaints(db.db);
  console.log(`decided cases read: ${decided.length} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  t = performance.now();
  const n = await seedDemoComplaints(db.db, roots, null, NOW);
  console.log(`complaints generated and imported: ${n} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const grants = roots.map((unitId) => ({ role: 'quality' as const, unitId }));
  const reader: Principal = {
    userId: '00000000-0000-4000-8000-000000000000',
    kind: 'staff',
    displayName: 'Bench',
    locale: 'da',
    grants,
    scope: expandScope(grants, units),
  };
  t = performance.now();
  const f = await getComplaintFigures(db.db, reader, { from: '2025-11-01', to: '2026-10-31' }, NOW);
  const ms = performance.now() - t;
  const x = f.totals;
  console.table([
    {
      complaints: x.complaints,
      decisions: x.decisions,
      'per 1,000 decisions': x.per1000Decisions?.toFixed(1) ?? '–',
      'changed by the authority': `${pct(x.shareChangedByAuthority)} of ${x.reconsidered}`,
      'appeal decisions': x.appealDecisions,
      'reversal rate': pct(x.reversalRate),
      'median days to forwarding': x.medianDaysToForwarding ?? '–',
    },
  ]);
  console.log('appeal outcomes:', JSON.stringify(x.appealOutcomes));
  console.log('procedure complaints by cause:', JSON.stringify(f.procedureByCause));
  console.log(`figures read in ${ms.toFixed(0)} ms (${f.rows.length} rows by case type, unit and quarter)`);
  await db.close();
}

void main();
