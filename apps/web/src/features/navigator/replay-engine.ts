import type { TReplay } from '@sagsgang/contracts';

export interface Pt {
  x: number;
  y: number;
}

/** The drawn model as the replay needs it: where each task is, and the flows between nodes. */
export interface ReplayGeometry {
  centre(elementId: string): Pt | undefined;
  /** Connections: id, source, target, waypoints. */
  connections: { source: string; target: string; waypoints: Pt[] }[];
  isTask(id: string): boolean;
  ends: string[];
}

/** A polyline with cumulative lengths, so a point at a fraction of its length is found quickly. */
class Polyline {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly cum: Float64Array;
  constructor(points: Pt[]) {
    this.xs = Float64Array.from(points, (p) => p.x);
    this.ys = Float64Array.from(points, (p) => p.y);
    this.cum = new Float64Array(points.length);
    for (let i = 1; i < points.length; i++)
      this.cum[i] = this.cum[i - 1] + Math.hypot(this.xs[i] - this.xs[i - 1], this.ys[i] - this.ys[i - 1]);
  }
  at(f: number, out: Float64Array, o: number): void {
    const n = this.xs.length;
    const d = Math.min(1, Math.max(0, f)) * this.cum[n - 1];
    let i = 1;
    while (i < n - 1 && this.cum[i] < d) i++;
    const seg = this.cum[i] - this.cum[i - 1] || 1;
    const u = (d - this.cum[i - 1]) / seg;
    out[o] = this.xs[i - 1] + (this.xs[i] - this.xs[i - 1]) * u;
    out[o + 1] = this.ys[i - 1] + (this.ys[i] - this.ys[i - 1]) * u;
  }
}

/**
 * The waypoints from task a to task b along the model's flows: through gateways only, or — for steps on parallel
 * branches — through other tasks too. Null when the model does not lead from a to b at all.
 */
function routeBetween(g: ReplayGeometry, a: string, b: string | null, throughTasks = false): Pt[] | null {
  const out = new Map<string, ReplayGeometry['connections']>();
  for (const c of g.connections) (out.get(c.source) ?? out.set(c.source, []).get(c.source)!).push(c);
  const seen = new Set([a]);
  let frontier: { id: string; pts: Pt[] }[] = [{ id: a, pts: [] }];
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const { id, pts } of frontier) {
      for (const c of out.get(id) ?? []) {
        if (seen.has(c.target)) continue;
        seen.add(c.target);
        const walked = [...pts, ...c.waypoints];
        if (b === null ? g.ends.includes(c.target) : c.target === b) return walked;
        if (throughTasks || !g.isTask(c.target)) next.push({ id: c.target, pts: walked });
      }
    }
    frontier = next;
  }
  return null;
}

/** Minutes a finished case takes to roll from its last step to the end event. */
const TAIL_MINUTES = 24 * 60;

/**
 * Positions of every case's ball at a replay time. Cases move from step to step along the model's flows, timed by
 * their real events; a step the model does not connect is a straight jump. Kept in typed arrays so ten thousand
 * balls cost well under a millisecond per frame.
 */
export class ReplayEngine {
  readonly count: number;
  readonly states: Uint8Array;
  private readonly start: Uint32Array;
  private readonly len: Uint32Array;
  private readonly el: Int32Array;
  private readonly tm: Float64Array;
  private readonly cursor: Uint32Array;
  private readonly jitter: Float32Array;
  private readonly routes = new Map<number, Polyline>();
  private readonly elementCount: number;

  constructor(
    private readonly data: TReplay,
    private readonly geometry: ReplayGeometry,
  ) {
    const cases = data.cases;
    this.count = cases.length;
    this.elementCount = data.elements.length;
    this.states = Uint8Array.from(cases, (c) => c.s);
    this.start = new Uint32Array(this.count);
    this.len = new Uint32Array(this.count);
    let total = 0;
    for (const c of cases) total += c.p.length / 2;
    this.el = new Int32Array(total);
    this.tm = new Float64Array(total);
    let k = 0;
    cases.forEach((c, i) => {
      this.start[i] = k;
      for (let j = 0; j < c.p.length; j += 2) {
        if (c.p[j] < 0) continue; // activities outside the model have no place on the diagram
        this.el[k] = c.p[j];
        this.tm[k++] = c.p[j + 1];
      }
      this.len[i] = k - this.start[i];
    });
    this.cursor = new Uint32Array(this.count);
    this.jitter = Float32Array.from(
      { length: this.count * 2 },
      (_, i) => (((i * 2654435761) >>> 0) % 1000) / 1000 - 0.5,
    );
  }

  /** Replay time span in minutes since t0. */
  get span(): { from: number; to: number } {
    let from = Infinity,
      to = -Infinity;
    for (let i = 0; i < this.count; i++) {
      if (!this.len[i]) continue;
      from = Math.min(from, this.tm[this.start[i]]);
      to = Math.max(to, this.tm[this.start[i] + this.len[i] - 1] + TAIL_MINUTES);
    }
    return Number.isFinite(from) ? { from, to } : { from: 0, to: 0 };
  }

  private route(a: number, b: number): Polyline {
    const key = a * (this.elementCount + 1) + (b < 0 ? this.elementCount : b);
    let r = this.routes.get(key);
    if (!r) {
      const ida = this.data.elements[a];
      const idb = b < 0 ? null : this.data.elements[b];
      const pa = this.geometry.centre(ida) ?? { x: 0, y: 0 };
      const pts = routeBetween(this.geometry, ida, idb) ?? routeBetween(this.geometry, ida, idb, true) ?? [];
      // From centre to centre, so a ball neither jumps onto the flow nor off it at either end.
      const pb = idb ? this.geometry.centre(idb) : undefined;
      const points = [pa, ...pts, ...(pb ? [pb] : [])];
      r = new Polyline(points.length > 1 ? points : [pa, pa]);
      this.routes.set(key, r);
    }
    return r;
  }

  /** The event index a case is at (its last event at or before t); -1 before its first. */
  private seek(i: number, t: number): number {
    const s = this.start[i],
      n = this.len[i];
    let c = this.cursor[i];
    if (c >= n || this.tm[s + c] > t) c = 0;
    if (this.tm[s] > t) return -1;
    while (c + 1 < n && this.tm[s + c + 1] <= t) c++;
    this.cursor[i] = c;
    return c;
  }

  /**
   * Writes [x, y] of each visible ball into `xy` and its index into `visible`; returns how many are visible.
   * `spread` scatters balls that share a place by up to that many diagram units.
   */
  positions(t: number, xy: Float64Array, visible: Uint32Array, spread = 10): number {
    let v = 0;
    for (let i = 0; i < this.count; i++) {
      const n = this.len[i];
      if (!n) continue;
      const c = this.seek(i, t);
      if (c < 0) continue;
      const s = this.start[i] + c;
      const last = c === n - 1;
      if (last && t > this.tm[s] + TAIL_MINUTES) continue;
      const t0 = this.tm[s];
      const t1 = last ? t0 + TAIL_MINUTES : this.tm[s + 1];
      const f = t1 > t0 ? (t - t0) / (t1 - t0) : 1;
      this.route(this.el[s], last ? -1 : this.el[s + 1]).at(f, xy, v * 2);
      xy[v * 2] += this.jitter[i * 2] * spread;
      xy[v * 2 + 1] += this.jitter[i * 2 + 1] * spread;
      visible[v++] = i;
    }
    return v;
  }
}
