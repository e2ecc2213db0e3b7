import type { EventLog } from '../log/event-log.js';
import { findCut, type Cut } from './im-cuts.js';
import { filterDfg, imDfg, type ImDfg, type ImLog } from './im-log.js';
import { splitLog } from './im-split.js';
import { leaf, node, tau, type ProcessTree } from './process-tree.js';

export interface InductiveOptions {
  /** IMf noise threshold (0 = plain IM). */
  noiseThreshold?: number;
}

/** Inductive miner (IM, or IMf with a noise threshold): a block-structured, sound process tree. */
export function inductiveMiner(log: EventLog, opts: InductiveOptions = {}): ProcessTree {
  const variants = log.variants();
  const start: ImLog = { traces: variants.map((v) => v.activities), counts: variants.map((v) => v.count) };
  return new Miner(log.activityNames, opts.noiseThreshold ?? 0).mine(start);
}

class Miner {
  constructor(
    private readonly names: string[],
    private readonly noise: number,
  ) {}

  mine(log: ImLog): ProcessTree {
    const d = imDfg(log, this.names.length);
    const total = log.counts.reduce((a, b) => a + b, 0);
    if (d.activities.length === 0) return tau();
    if (d.emptyTraces > 0) {
      const rest = dropEmpty(log);
      if (this.noise > 0 && d.emptyTraces < this.noise * total) return this.mine(rest);
      return node('xor', [tau(), this.mine(rest)]);
    }
    if (d.activities.length === 1) return this.single(log, d);
    const cut = findCut(d) ?? (this.noise > 0 ? findCut(filterDfg(d, this.noise)) : null);
    if (cut) return this.apply(log, cut);
    return this.fallThrough(log, d);
  }

  private apply(log: ImLog, cut: Cut): ProcessTree {
    const subs = splitLog(log, cut);
    return node(
      cut.op,
      subs.map((s) => this.mine(s)),
    );
  }

  private single(log: ImLog, d: ImDfg): ProcessTree {
    const a = leaf(this.names[d.activities[0]]);
    const once = log.traces.every((t) => t.length === 1);
    if (once) return a;
    if (this.noise > 0) {
      const total = log.counts.reduce((x, y) => x + y, 0);
      const onceCount = log.traces.reduce((s, t, i) => s + (t.length === 1 ? log.counts[i] : 0), 0);
      if (onceCount >= (1 - this.noise) * total) return a;
    }
    return node('loop', [a, tau()]);
  }

  // When no cut exists: an activity once per trace in parallel, a tau loop, or the flower model.
  private fallThrough(log: ImLog, d: ImDfg): ProcessTree {
    for (const a of d.activities) {
      if (log.traces.every((t) => t.filter((x) => x === a).length === 1)) {
        const rest: ImLog = { traces: log.traces.map((t) => t.filter((x) => x !== a)), counts: log.counts };
        return node('and', [leaf(this.names[a]), this.mine(rest)]);
      }
    }
    const split = splitAtRestarts(log, d);
    if (split) return node('loop', [this.mine(split), tau()]);
    return node('loop', [
      tau(),
      node(
        'xor',
        d.activities.map((a) => leaf(this.names[a])),
      ),
    ]);
  }
}

function dropEmpty(log: ImLog): ImLog {
  const keep = log.traces.map((t, i) => i).filter((i) => log.traces[i].length > 0);
  return { traces: keep.map((i) => log.traces[i]), counts: keep.map((i) => log.counts[i]) };
}

// Cuts traces where an end activity is directly followed by a start activity (strict tau loop).
function splitAtRestarts(log: ImLog, d: ImDfg): ImLog | null {
  const traces: Int32Array[] = [];
  const counts: number[] = [];
  let split = false;
  log.traces.forEach((t, i) => {
    let from = 0;
    for (let j = 1; j < t.length; j++) {
      if (d.ends.has(t[j - 1]) && d.starts.has(t[j])) {
        traces.push(t.slice(from, j));
        counts.push(log.counts[i]);
        from = j;
        split = true;
      }
    }
    traces.push(t.slice(from));
    counts.push(log.counts[i]);
  });
  return split ? { traces, counts } : null;
}
