import type pg from 'pg';
import type { Statement } from '../test/support/query-counter.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

export interface StatementPlan {
  sql: string;
  ms: number;
  /** Each table read, with how: `case_clock: Index Scan case_clock_forecast_idx ×6 → 500`. */
  reads: string[];
  /** Scans that read a table row by row past a few hundred rows: what an index could avoid. */
  suspicious: string[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * EXPLAIN ANALYZE of each statement a page sent, with its parameters, each in a transaction that is rolled back
 * (a page may write: the session's last use, the audit log).
 */
export async function explainStatements(pool: pg.Pool, statements: readonly Statement[]): Promise<StatementPlan[]> {
  const client = await pool.connect();
  const out: StatementPlan[] = [];
  try {
    for (const s of statements) {
      if (!/^\s*(select|with|insert|update|delete)\b/i.test(s.text)) continue;
      await client.query('BEGIN');
      try {
        const r = await client.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`,
          s.values as unknown[],
        );
        const raw = r.rows[0]['QUERY PLAN'];
        const [plan] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
          Plan: PlanNode;
          'Execution Time': number;
        }[];
        const nodes = nodesOf(plan.Plan).filter((n) => n['Relation Name']);
        out.push({
          sql: oneLine(s.text).slice(0, 110),
          ms: Math.round(plan['Execution Time'] * 100) / 100,
          reads: nodes.map(
            (n) =>
              `${n['Relation Name']}: ${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''} ×${n['Actual Loops']} → ${n['Actual Rows']}`,
          ),
          suspicious: nodes
            .filter(
              (n) =>
                n['Node Type'] === 'Seq Scan' &&
                ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1) > 500,
            )
            .map((n) => `${n['Relation Name']} (${n['Rows Removed by Filter'] ?? 0} rows filtered away)`),
        });
      } finally {
        await client.query('ROLLBACK');
      }
    }
  } finally {
    client.release();
  }
  return out;
}
