import type { Cut } from './im-cuts.js';
import { compact, type ImLog } from './im-log.js';

/** Splits a log along a cut into one sublog per group (noise-tolerant: stray events are dropped). */
export function splitLog(log: ImLog, cut: Cut): ImLog[] {
  const groupOf = new Map<number, number>();
  cut.groups.forEach((g, i) => g.forEach((a) => groupOf.set(a, i)));
  const k = cut.groups.length;
  const parts: Int32Array[][] = Array.from({ length: k }, () => []);
  const counts: number[][] = Array.from({ length: k }, () => []);
  const add = (i: number, t: number[], c: number) => {
    parts[i].push(Int32Array.from(t));
    counts[i].push(c);
  };
  log.traces.forEach((t, ti) => {
    const c = log.counts[ti];
    if (cut.op === 'xor') {
      const i = majorityGroup(t, groupOf, k);
      add(
        i,
        Array.from(t).filter((a) => groupOf.get(a) === i),
        c,
      );
    } else if (cut.op === 'and') {
      for (let i = 0; i < k; i++)
        add(
          i,
          Array.from(t).filter((a) => groupOf.get(a) === i),
          c,
        );
    } else if (cut.op === 'seq') {
      seqSegments(t, groupOf, k).forEach((seg, i) => add(i, seg, c));
    } else {
      for (const [i, seg] of loopSegments(t, groupOf)) add(i, seg, c);
    }
  });
  return parts.map((p, i) => compact(p, counts[i]));
}

function majorityGroup(t: Int32Array, groupOf: Map<number, number>, k: number): number {
  const votes = new Array<number>(k).fill(0);
  for (const a of t) votes[groupOf.get(a) ?? 0]++;
  return votes.indexOf(Math.max(...votes));
}

// Events in group order; an event of an earlier group than the current one is out of place and dropped.
function seqSegments(t: Int32Array, groupOf: Map<number, number>, k: number): number[][] {
  const segs: number[][] = Array.from({ length: k }, () => []);
  let cur = 0;
  for (const a of t) {
    const g = groupOf.get(a) ?? cur;
    if (g >= cur) cur = g;
    else continue;
    segs[g].push(a);
  }
  return segs;
}

// Alternating do (group 0) and redo segments; a trace always starts and ends with a do segment.
function loopSegments(t: Int32Array, groupOf: Map<number, number>): [number, number[]][] {
  const out: [number, number[]][] = [];
  let cur: number[] = [];
  let g = 0;
  for (const a of t) {
    const ga = groupOf.get(a) ?? 0;
    if (ga !== g && !(g !== 0 && ga !== 0)) {
      out.push([g, cur]);
      cur = [];
      g = ga;
    } else if (ga !== g) {
      out.push([g, cur], [0, []]);
      cur = [];
      g = ga;
    }
    cur.push(a);
  }
  out.push([g, cur]);
  if (g !== 0) out.push([0, []]);
  if (out[0][0] !== 0) out.unshift([0, []]);
  return out;
}
