/**
 * What the distances read of a fully explored reachability graph; the MarkingGraph is one. Declared here rather
 * than imported from marking-graph.ts, which calls this file: the two would import each other.
 */
export interface ExploredGraph {
  readonly size: number;
  readonly final: number;
  /** Model label id per transition (-1: silent). */
  readonly labelOf: Int32Array;
  readonly labels: readonly string[];
  /** Enabled transitions of marking id. */
  transitionsOf(id: number): Int32Array;
  /** Successor markings, parallel to transitionsOf(id). */
  successorsOf(id: number): Int32Array;
}

/** Stands for "unbounded" in the per-label firing counts. */
export const UNBOUNDED = 0x3fffffff;

/**
 * What a fully explored reachability graph says about the way from each marking to the final one,
 * over all firing sequences that reach it: the fewest labelled and the fewest silent transitions,
 * and per label the fewest and the most transitions with that label (UNBOUNDED when a cycle on
 * the way can repeat it). Markings from which the final marking cannot be reached get Infinity.
 */
export interface FinalDistance {
  labelled: Float64Array;
  silent: Float64Array;
  /**
   * Per marking m and label l, at [m * labelCount + l]. These tables are null when they would have
   * more than maxLabelTable entries (default 1,000,000, about 12 MB for the three of them).
   */
  minLabel: Int32Array | null;
  maxLabel: Int32Array | null;
  /** Per marking and label, the fewest silent transitions to a marking that enables that label (UNBOUNDED: none). */
  silentToLabel: Int32Array | null;
  /**
   * At [a * labelCount + b], the fewest silent transitions from a marking just after a transition
   * labelled a to one that enables b; at [labelCount * labelCount + a], to the final marking.
   */
  silentBetween: Int32Array | null;
  labelCount: number;
}

export function finalDistance(g: ExploredGraph, maxLabelTable = 1_000_000): FinalDistance {
  const n = g.size;
  const labelOf = g.labelOf;
  const labelCount = g.labels.length;
  const rev = reverseGraph(g);
  // Edge weights per transition (0 or 1), one array per distance.
  const weight = new Uint8Array(labelOf.length);
  const labelled = zeroOneDistance(
    g,
    rev,
    weight.map((_, t) => (labelOf[t] < 0 ? 0 : 1)),
  );
  const silent = zeroOneDistance(
    g,
    rev,
    weight.map((_, t) => (labelOf[t] < 0 ? 1 : 0)),
  );
  if (n * labelCount > maxLabelTable)
    return { labelled, silent, minLabel: null, maxLabel: null, silentToLabel: null, silentBetween: null, labelCount };
  const minLabel = new Int32Array(n * labelCount);
  for (let l = 0; l < labelCount; l++) {
    for (let t = 0; t < labelOf.length; t++) weight[t] = labelOf[t] === l ? 1 : 0;
    const d = zeroOneDistance(g, rev, weight);
    for (let m = 0; m < n; m++) minLabel[m * labelCount + l] = d[m] === Infinity ? UNBOUNDED : d[m];
  }
  const toLabel = silentToLabel(g, rev);
  const between = labelCount * labelCount <= maxLabelTable ? silentBetween(g, toLabel, silent) : null;
  return {
    labelled,
    silent,
    minLabel,
    maxLabel: maxLabelCounts(g, labelled),
    silentToLabel: toLabel,
    silentBetween: between,
    labelCount,
  };
}

function silentBetween(g: ExploredGraph, toLabel: Int32Array, silent: Float64Array): Int32Array {
  const L = g.labels.length;
  const out = new Int32Array(L * L + L).fill(UNBOUNDED);
  const seen = new Uint8Array(g.size * L);
  for (let m = 0; m < g.size; m++) {
    const ts = g.transitionsOf(m),
      ms = g.successorsOf(m);
    for (let k = 0; k < ts.length; k++) {
      const a = g.labelOf[ts[k]],
        m2 = ms[k];
      if (a < 0 || silent[m2] === Infinity || seen[m2 * L + a]) continue;
      seen[m2 * L + a] = 1;
      for (let b = 0; b < L; b++) out[a * L + b] = Math.min(out[a * L + b], toLabel[m2 * L + b]);
      out[L * L + a] = Math.min(out[L * L + a], silent[m2]);
    }
  }
  return out;
}

// Breadth-first search backwards along silent transitions from the markings that enable each label.
function silentToLabel(g: ExploredGraph, rev: Reverse): Int32Array {
  const n = g.size;
  const L = g.labels.length;
  const labelOf = g.labelOf;
  const out = new Int32Array(n * L).fill(UNBOUNDED);
  for (let m = 0; m < n; m++) {
    const ts = g.transitionsOf(m);
    for (let k = 0; k < ts.length; k++) if (labelOf[ts[k]] >= 0) out[m * L + labelOf[ts[k]]] = 0;
  }
  // Only the silent edges backwards, once for all labels.
  const start = new Int32Array(n + 1);
  for (let m = 0; m < n; m++) {
    start[m + 1] = start[m];
    for (let k = rev.start[m]; k < rev.start[m + 1]; k++) if (labelOf[rev.predT[k]] < 0) start[m + 1]++;
  }
  const pred = new Int32Array(start[n]);
  for (let m = 0, at = 0; m < n; m++)
    for (let k = rev.start[m]; k < rev.start[m + 1]; k++) if (labelOf[rev.predT[k]] < 0) pred[at++] = rev.pred[k];
  const queue = new Int32Array(n);
  for (let l = 0; l < L; l++) {
    let tail = 0;
    for (let m = 0; m < n; m++) if (out[m * L + l] === 0) queue[tail++] = m;
    for (let head = 0; head < tail; head++) {
      const m = queue[head];
      const d = out[m * L + l] + 1;
      for (let k = start[m]; k < start[m + 1]; k++) {
        const p = pred[k];
        if (out[p * L + l] <= d) continue;
        out[p * L + l] = d;
        queue[tail++] = p;
      }
    }
  }
  return out;
}

interface Reverse {
  start: Int32Array;
  pred: Int32Array;
  predT: Int32Array;
}

// For each marking, the (predecessor, transition) pairs that lead to it, in CSR form.
function reverseGraph(g: ExploredGraph): Reverse {
  const n = g.size;
  const start = new Int32Array(n + 1);
  for (let m = 0; m < n; m++) {
    const ms = g.successorsOf(m);
    for (let k = 0; k < ms.length; k++) start[ms[k] + 1]++;
  }
  for (let m = 0; m < n; m++) start[m + 1] += start[m];
  const pred = new Int32Array(start[n]);
  const predT = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  for (let m = 0; m < n; m++) {
    const ts = g.transitionsOf(m),
      ms = g.successorsOf(m);
    for (let k = 0; k < ms.length; k++) {
      const at = fill[ms[k]]++;
      pred[at] = m;
      predT[at] = ts[k];
    }
  }
  return { start, pred, predT };
}

// Distance of every marking to the final one with edge weights 0 or 1: 0-1 breadth-first search
// backwards from the final marking (weight-0 edges to the front of a deque, weight-1 to the back).
function zeroOneDistance(g: ExploredGraph, rev: Reverse, weight: Uint8Array): Float64Array {
  const n = g.size;
  const dist = new Float64Array(n).fill(Infinity);
  const cap = rev.pred.length + 2;
  const ring = new Int32Array(cap);
  const { start, pred, predT } = rev;
  let head = 0,
    len = 1;
  dist[g.final] = 0;
  ring[0] = g.final;
  while (len > 0) {
    const m = ring[head];
    if (++head === cap) head = 0;
    len--;
    const d = dist[m];
    for (let k = start[m]; k < start[m + 1]; k++) {
      const p = pred[k];
      const w = weight[predT[k]];
      if (d + w >= dist[p]) continue;
      dist[p] = d + w;
      if (w === 0) {
        if (--head < 0) head = cap - 1;
        ring[head] = p;
      } else {
        const back = head + len;
        ring[back >= cap ? back - cap : back] = p;
      }
      len++;
    }
  }
  return dist;
}

// The most transitions of each label on any sequence to the final marking: over the strongly
// connected components of the markings that can reach it, a label on an edge inside a component
// is unbounded there; otherwise the longest way through the (acyclic) component graph counts.
function maxLabelCounts(g: ExploredGraph, toFinal: Float64Array): Int32Array {
  const n = g.size;
  const L = g.labels.length;
  const labelOf = g.labelOf;
  const comp = stronglyConnected(g, toFinal);
  // Tarjan numbers components in reverse topological order: successors' components come first.
  const compCount = comp.count;
  // The markings of each component, in CSR form.
  const first = new Int32Array(compCount + 1);
  for (let m = 0; m < n; m++) if (comp.of[m] >= 0) first[comp.of[m] + 1]++;
  for (let c = 0; c < compCount; c++) first[c + 1] += first[c];
  const members = new Int32Array(first[compCount]);
  const fill = first.slice(0, compCount);
  for (let m = 0; m < n; m++) if (comp.of[m] >= 0) members[fill[comp.of[m]]++] = m;
  const byComp = new Int32Array(compCount * L);
  for (let c = 0; c < compCount; c++) {
    const row = c * L;
    for (let j = first[c]; j < first[c + 1]; j++) {
      const m = members[j];
      const ts = g.transitionsOf(m),
        ms = g.successorsOf(m);
      for (let k = 0; k < ms.length; k++) {
        const c2 = comp.of[ms[k]];
        if (c2 < 0) continue;
        const l = labelOf[ts[k]];
        if (c2 === c) {
          if (l >= 0) byComp[row + l] = UNBOUNDED;
          continue;
        }
        const next = c2 * L;
        for (let x = 0; x < L; x++) {
          const nx = byComp[next + x];
          const v = nx === UNBOUNDED ? UNBOUNDED : nx + (x === l ? 1 : 0);
          if (v > byComp[row + x]) byComp[row + x] = v;
        }
      }
    }
  }
  const out = new Int32Array(n * L);
  for (let m = 0; m < n; m++) {
    const c = comp.of[m];
    if (c >= 0) for (let x = 0; x < L; x++) out[m * L + x] = byComp[c * L + x];
  }
  return out;
}

// Iterative Tarjan over the markings that can reach the final one (finite toFinal); others get component -1.
function stronglyConnected(g: ExploredGraph, toFinal: Float64Array): { of: Int32Array; count: number } {
  const n = g.size;
  const of = new Int32Array(n).fill(-1);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const work: number[] = []; // pairs (marking, next edge)
  let counter = 0,
    count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0 || toFinal[root] === Infinity) continue;
    work.push(root, 0);
    while (work.length) {
      const k = work.pop()!;
      const v = work.pop()!;
      if (k === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const ms = g.successorsOf(v);
      let descended = false;
      for (let e = k; e < ms.length; e++) {
        const w = ms[e];
        if (toFinal[w] === Infinity) continue;
        if (index[w] < 0) {
          work.push(v, e + 1, w, 0);
          descended = true;
          break;
        }
        if (onStack[w] && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
      // Back in the parent: fold this marking's low link into it.
      if (work.length) {
        const parent = work[work.length - 2];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  return { of, count };
}
