import type { TReplay } from '@sagsgang/contracts';
import type { DiagramHandle } from '../workflows/bpmn-viewer.js';
import { makeSprites, STATE_STYLE } from './ball-sprites.js';
import { ReplayEngine, type ReplayGeometry } from './replay-engine.js';

const BALL_RADIUS = 5;

export interface ReplaySnapshot {
  playing: boolean;
  /** Replay time in minutes since the analysis' first event. */
  time: number;
  from: number;
  to: number;
  /** Model minutes per real second. */
  speed: number;
  visibleByState: number[];
  hidden: boolean[];
}

function geometryOf(h: DiagramHandle): ReplayGeometry {
  const ids = h.elementIds();
  return {
    centre: (id) => {
      const b = h.box(id);
      return b && { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    },
    connections: h.connections(),
    isTask: (id) => /Task$|SubProcess$|CallActivity$/.test(h.type(id)),
    ends: ids.filter((id) => h.type(id) === 'bpmn:EndEvent'),
  };
}

/**
 * Drives the replay: a requestAnimationFrame loop advances model time by the speed, asks the engine where every
 * ball is and draws them with pre-rendered sprites on one canvas above the diagram (one draw call per ball, no
 * DOM per ball). Listeners hear about time changes a few times a second, not every frame.
 */
export class ReplayController {
  readonly engine: ReplayEngine;
  private snapshot: ReplaySnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly xy: Float64Array;
  private readonly visible: Uint32Array;
  private canvas: HTMLCanvasElement | null = null;
  private sprites: HTMLCanvasElement[] = [];
  private frame = 0;
  private lastTs = 0;
  private lastNotify = 0;
  private viewbox: { x: number; y: number; scale: number };
  private readonly offViewbox: () => void;

  constructor(data: TReplay, private readonly diagram: DiagramHandle) {
    this.engine = new ReplayEngine(data, geometryOf(diagram));
    const { from, to } = this.engine.span;
    this.snapshot = { playing: false, time: from, from, to, speed: Math.max(60, (to - from) / 60), visibleByState: [0, 0, 0, 0], hidden: [false, false, false, false] };
    this.xy = new Float64Array(this.engine.count * 2);
    this.visible = new Uint32Array(this.engine.count);
    this.viewbox = diagram.viewbox();
    this.offViewbox = diagram.onViewboxChange(() => {
      this.viewbox = diagram.viewbox();
      this.draw();
    });
  }

  get state(): ReplaySnapshot {
    return this.snapshot;
  }

  subscribe = (f: () => void): (() => void) => {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  };

  private set(patch: Partial<ReplaySnapshot>, notify = true): void {
    this.snapshot = { ...this.snapshot, ...patch };
    if (notify) this.listeners.forEach((f) => f());
  }

  attach(canvas: HTMLCanvasElement | null): void {
    this.canvas = canvas;
    this.sprites = makeSprites(BALL_RADIUS, window.devicePixelRatio || 1);
    this.draw();
  }

  play(): void {
    if (this.snapshot.playing) return;
    if (this.snapshot.time >= this.snapshot.to) this.set({ time: this.snapshot.from }, false);
    this.set({ playing: true });
    this.lastTs = 0;
    this.frame = requestAnimationFrame(this.tick);
  }

  pause(): void {
    cancelAnimationFrame(this.frame);
    this.set({ playing: false });
  }

  seek(time: number): void {
    this.set({ time: Math.min(this.snapshot.to, Math.max(this.snapshot.from, time)) });
    this.draw();
  }

  setSpeed(speed: number): void {
    this.set({ speed });
  }

  toggleState(state: number): void {
    const hidden = this.snapshot.hidden.slice();
    hidden[state] = !hidden[state];
    this.set({ hidden });
    this.draw();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.offViewbox();
    this.listeners.clear();
  }

  private tick = (ts: number): void => {
    const dt = this.lastTs ? Math.min(100, ts - this.lastTs) : 0;
    this.lastTs = ts;
    const time = this.snapshot.time + (dt / 1000) * this.snapshot.speed;
    const done = time >= this.snapshot.to;
    const notify = done || ts - this.lastNotify > 250;
    if (notify) this.lastNotify = ts;
    this.set({ time: Math.min(time, this.snapshot.to), playing: !done }, notify);
    this.draw();
    if (!done) this.frame = requestAnimationFrame(this.tick);
  };

  /** Draws every visible ball at the current time. */
  draw(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const n = this.engine.positions(this.snapshot.time, this.xy, this.visible);
    const { x: vx, y: vy, scale } = this.viewbox;
    const counts = [0, 0, 0, 0];
    const half = (BALL_RADIUS + 1) * ratio;
    for (let k = 0; k < n; k++) {
      const s = this.engine.states[this.visible[k]];
      counts[s]++;
      if (this.snapshot.hidden[s]) continue;
      const px = ((this.xy[k * 2] - vx) * scale) * ratio - half;
      const py = ((this.xy[k * 2 + 1] - vy) * scale) * ratio - half;
      ctx.drawImage(this.sprites[s], px, py);
    }
    this.snapshot.visibleByState = counts;
  }
}

export const STATES = STATE_STYLE;
