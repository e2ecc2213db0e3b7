import type { ImDfg } from './im-log.js';

/** A cut found in a DFG: the operator and the activity groups, in order. */
export interface Cut {
  op: 'xor' | 'seq' | 'and' | 'loop';
  groups: number[][];
}

/** Tries the cuts in the inductive miner's order: exclusive, sequence, parallel, loop. */
export function findCut(d: ImDfg): Cut | null {
  if (d.activities.length < 2) return null;
  return xorCut(d) ?? seqCut(d) ?? andCut(d) ?? loopCut(d);
}

function local(d: ImDfg) {
  const pos = new Map(d.activities.map((a, i) => [a, i]));
  const n = d.activities.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const has = new Set<number>();
  for (const k of d.edges.keys()) {
    const a = pos.get(Math.floor(k / d.stride)),
      b = pos.get(k % d.stride);
    if (a === undefined || b === undefined) continue;
    succ[a].push(b);
    has.add(a * n + b);
  }
  return { pos, n, succ, edge: (a: number, b: number) => has.has(a * n + b) };
}

function components(n: number, linked: (a: number, b: number) => boolean): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (linked(a, b)) parent[find(a)] = find(b);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(i);
  }
  return [...groups.values()];
}

function xorCut(d: ImDfg): Cut | null {
  const { n, edge } = local(d);
  const groups = components(n, (a, b) => edge(a, b) || edge(b, a));
  return groups.length > 1 ? { op: 'xor', groups: groups.map((g) => g.map((i) => d.activities[i])) } : null;
}

function reachability(n: number, succ: number[][]): Uint8Array[] {
  return Array.from({ length: n }, (_, s) => {
    const seen = new Uint8Array(n);
    const stack = [...succ[s]];
    while (stack.length) {
      const x = stack.pop()!;
      if (seen[x]) continue;
      seen[x] = 1;
      stack.push(...succ[x]);
    }
    return seen;
  });
}

function seqCut(d: ImDfg): Cut | null {
  const { n, succ } = local(d);
  const reach = reachability(n, succ);
  // Activities that reach each other, or neither reaches the other, belong to the same step.
  let groups = components(n, (a, b) => reach[a][b] === reach[b][a]);
  let gr = groupReach(groups, reach, n);
  for (let changed = true; changed && groups.length > 1;) {
    const merged = components(groups.length, (i, j) => gr(i, j) === gr(j, i));
    changed = merged.length < groups.length;
    groups = merged.map((m) => m.flatMap((i) => groups[i]));
    gr = groupReach(groups, reach, n);
  }
  if (groups.length < 2) return null;
  const order = groups.map((_, i) => i).sort((x, y) => (gr(x, y) ? -1 : gr(y, x) ? 1 : 0));
  groups = order.map((i) => groups[i]);
  return { op: 'seq', groups: groups.map((g) => g.map((i) => d.activities[i])) };
}

// Whether some member of group i reaches some member of group j (via unions of reach rows).
function groupReach(groups: number[][], reach: Uint8Array[], n: number) {
  const rows = groups.map((g) => {
    const r = new Uint8Array(n);
    for (const a of g) for (let b = 0; b < n; b++) r[b] |= reach[a][b];
    return r;
  });
  return (i: number, j: number) => groups[j].some((b) => rows[i][b] === 1);
}

function andCut(d: ImDfg): Cut | null {
  const { n, edge } = local(d);
  const groups = components(n, (a, b) => !(edge(a, b) && edge(b, a)));
  if (groups.length < 2) return null;
  const isStart = (i: number) => d.starts.has(d.activities[i]);
  const isEnd = (i: number) => d.ends.has(d.activities[i]);
  const valid = groups.filter((g) => g.some(isStart) && g.some(isEnd));
  const invalid = groups.filter((g) => !(g.some(isStart) && g.some(isEnd)));
  if (valid.length < 2) return null;
  valid[0].push(...invalid.flat());
  return { op: 'and', groups: valid.map((g) => g.map((i) => d.activities[i])) };
}

function loopCut(d: ImDfg): Cut | null {
  const { n, edge } = local(d);
  const start = (i: number) => d.starts.has(d.activities[i]);
  const end = (i: number) => d.ends.has(d.activities[i]);
  const inner = Array.from({ length: n }, (_, i) => i).filter((i) => !start(i) && !end(i));
  const comps = components(inner.length, (a, b) => edge(inner[a], inner[b]) || edge(inner[b], inner[a])).map((c) =>
    c.map((i) => inner[i]),
  );
  const doPart = Array.from({ length: n }, (_, i) => i).filter((i) => start(i) || end(i));
  const redo: number[][] = [];
  for (const c of comps) {
    const inC = new Set(c);
    let fromEnd = false,
      toStart = false,
      proper = true;
    for (let x = 0; x < n && proper; x++) {
      if (inC.has(x)) continue;
      for (const y of c) {
        if (edge(x, y)) {
          if (end(x)) fromEnd = true;
          else proper = false;
        }
        if (edge(y, x)) {
          if (start(x)) toStart = true;
          else proper = false;
        }
      }
    }
    if (proper && fromEnd && toStart) redo.push(c);
    else doPart.push(...c);
  }
  if (!redo.length) return null;
  return { op: 'loop', groups: [doPart, ...redo].map((g) => g.map((i) => d.activities[i])) };
}
