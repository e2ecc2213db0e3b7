/** A weighted multiset of traces over global activity ids: the inductive miner's working log. */
export interface ImLog {
  traces: Int32Array[];
  counts: number[];
}

/** Directly-follows facts of an ImLog (activities are global ids; edges keyed a * stride + b). */
export interface ImDfg {
  activities: number[];
  edges: Map<number, number>;
  starts: Map<number, number>;
  ends: Map<number, number>;
  actCount: Map<number, number>;
  stride: number;
  emptyTraces: number;
}

export function imDfg(log: ImLog, stride: number): ImDfg {
  const edges = new Map<number, number>();
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  const actCount = new Map<number, number>();
  let emptyTraces = 0;
  const inc = (m: Map<number, number>, k: number, by: number) => m.set(k, (m.get(k) ?? 0) + by);
  log.traces.forEach((t, i) => {
    const c = log.counts[i];
    if (!t.length) return void (emptyTraces += c);
    inc(starts, t[0], c);
    inc(ends, t[t.length - 1], c);
    for (let j = 0; j < t.length; j++) {
      inc(actCount, t[j], c);
      if (j > 0) inc(edges, t[j - 1] * stride + t[j], c);
    }
  });
  return { activities: [...actCount.keys()].sort((a, b) => a - b), edges, starts, ends, actCount, stride, emptyTraces };
}

/** Merges identical traces so each recursion level works on distinct traces only. */
export function compact(traces: Int32Array[], counts: number[]): ImLog {
  const idx = new Map<string, number>();
  const out: ImLog = { traces: [], counts: [] };
  traces.forEach((t, i) => {
    const key = Array.prototype.join.call(t, ',');
    const k = idx.get(key);
    if (k === undefined) {
      idx.set(key, out.traces.length);
      out.traces.push(t);
      out.counts.push(counts[i]);
    } else out.counts[k] += counts[i];
  });
  return out;
}

/** DFG with edges below `threshold` x (the source's strongest outgoing edge) removed (IMf). */
export function filterDfg(d: ImDfg, threshold: number): ImDfg {
  const maxOut = new Map<number, number>();
  for (const [k, v] of d.edges) {
    const a = Math.floor(k / d.stride);
    maxOut.set(a, Math.max(maxOut.get(a) ?? 0, v));
  }
  const edges = new Map([...d.edges].filter(([k, v]) => v >= threshold * maxOut.get(Math.floor(k / d.stride))!));
  const maxStart = Math.max(0, ...d.starts.values());
  const maxEnd = Math.max(0, ...d.ends.values());
  return {
    ...d,
    edges,
    starts: new Map([...d.starts].filter(([, v]) => v >= threshold * maxStart)),
    ends: new Map([...d.ends].filter(([, v]) => v >= threshold * maxEnd)),
  };
}
