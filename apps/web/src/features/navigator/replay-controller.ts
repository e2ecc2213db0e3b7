import type { TReplay } from '@sagsgang/contracts';
import type { DiagramHandle } from '../workflows/bpmn-viewer.js';
import { makeSprites, pixelSprites, STATE_STYLE, type PixelSprite } from './ball-sprites.js';
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
  private sprites: PixelSprite[] = [];
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;
  private frame = 0;
  private lastTs = 0;
  private lastNotify = 0;
  private viewbox: { x: number; y: number; scale: number };
  private readonly offViewbox: () => void;

  constructor(
    data: TReplay,
    private readonly diagram: DiagramHandle,
  ) {
    this.engine = new ReplayEngine(data, geometryOf(diagram));
    const { from, to } = this.engine.span;
    this.snapshot = {
      playing: false,
      time: from,
      from,
      to,
      speed: Math.max(60, (to - from) / 60),
      visibleByState: [0, 0, 0, 0],
      hidden: [false, false, false, false],
    };
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
    this.sprites = pixelSprites(makeSprites(BALL_RADIUS, window.devicePixelRatio || 1));
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

  /** The canvas' pixel buffer, re-made when the canvas changes size. */
  private buffer(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; px: Uint32Array; w: number; h: number } {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * ratio)),
      h = Math.max(1, Math.round(canvas.clientHeight * ratio));
    const ctx = canvas.getContext('2d')!;
    if (canvas.width !== w || canvas.height !== h || !this.image) {
      canvas.width = w;
      canvas.height = h;
      this.image = ctx.createImageData(w, h);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    return { ctx, px: this.pixels!, w, h };
  }

  /**
   * Draws every visible ball at the current time, writing sprite pixels straight into one buffer that is put on
   * the canvas once: thousands of balls cost one image upload instead of thousands of draw calls.
   */
  draw(): void {
    const canvas = this.canvas;
    if (!canvas || !this.sprites.length) return;
    const { ctx, px, w, h } = this.buffer(canvas);
    px.fill(0);
    const n = this.engine.positions(this.snapshot.time, this.xy, this.visible);
    const ratio = window.devicePixelRatio || 1;
    const { x: vx, y: vy, scale } = this.viewbox;
    const k = scale * ratio;
    const counts = [0, 0, 0, 0];
    const half = this.sprites[0].size >> 1;
    for (let b = 0; b < n; b++) {
      const s = this.engine.states[this.visible[b]];
      counts[s]++;
      if (this.snapshot.hidden[s]) continue;
      const x0 = Math.round((this.xy[b * 2] - vx) * k) - half;
      const y0 = Math.round((this.xy[b * 2 + 1] - vy) * k) - half;
      const sp = this.sprites[s];
      if (x0 >= 0 && y0 >= 0 && x0 + sp.size < w && y0 + sp.size < h) {
        const at = y0 * w + x0;
        for (let i = 0; i < sp.colours.length; i++) px[at + sp.dy[i] * w + sp.dx[i]] = sp.colours[i];
      } else {
        for (let i = 0; i < sp.colours.length; i++) {
          const x = x0 + sp.dx[i],
            y = y0 + sp.dy[i];
          if (x >= 0 && y >= 0 && x < w && y < h) px[y * w + x] = sp.colours[i];
        }
      }
    }
    ctx.putImageData(this.image!, 0, 0);
    this.snapshot.visibleByState = counts;
  }
}

export const STATES = STATE_STYLE;
