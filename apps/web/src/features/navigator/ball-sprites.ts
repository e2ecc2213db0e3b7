/** The four ball states: each has a colour AND a shape, so colour is never the only cue. */
export const STATE_STYLE = [
  { key: 'on_time', colour: '#2e7d32', shape: 'circle' },
  { key: 'at_risk', colour: '#b25e00', shape: 'triangle' },
  { key: 'late', colour: '#c62828', shape: 'square' },
  { key: 'deviating', colour: '#5e35b1', shape: 'diamond' },
] as const;

export type BallShape = (typeof STATE_STYLE)[number]['shape'];

/** Traces a shape of radius r centred on (x, y). */
export function traceShape(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  shape: BallShape,
  x: number,
  y: number,
  r: number,
): void {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(x, y, r, 0, Math.PI * 2);
  else if (shape === 'square') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else if (shape === 'triangle') {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y + r * 0.8);
    ctx.lineTo(x - r, y + r * 0.8);
  } else {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
  }
  ctx.closePath();
}

/** One pre-drawn image per state; drawing ten thousand images is far cheaper than tracing ten thousand paths. */
export function makeSprites(radius: number, ratio: number): HTMLCanvasElement[] {
  return STATE_STYLE.map((s) => {
    const size = Math.ceil((radius * 2 + 2) * ratio);
    const c = document.createElement('canvas');
    c.width = size;
    c.height = size;
    const ctx = c.getContext('2d')!;
    ctx.scale(ratio, ratio);
    traceShape(ctx, s.shape, radius + 1, radius + 1, radius);
    ctx.fillStyle = s.colour;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    return c;
  });
}

/** A sprite as the pixels it covers: offsets from its top-left corner and the packed RGBA value of each. */
export interface PixelSprite {
  size: number;
  offsets: Int32Array;
  dx: Int16Array;
  dy: Int16Array;
  colours: Uint32Array;
}

/** The sprites as pixel lists, for writing thousands of balls straight into one ImageData per frame. */
export function pixelSprites(sprites: HTMLCanvasElement[]): PixelSprite[] {
  return sprites.map((c) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const px = new Uint32Array(data.data.buffer);
    const dx: number[] = [],
      dy: number[] = [],
      colours: number[] = [];
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        const v = px[y * c.width + x];
        // Only the solid part: half-transparent edge pixels would need blending, and the shapes read fine without.
        if (v >>> 24 < 128) continue;
        dx.push(x);
        dy.push(y);
        colours.push(v | 0xff000000);
      }
    }
    return {
      size: c.width,
      offsets: new Int32Array(dx.length),
      dx: Int16Array.from(dx),
      dy: Int16Array.from(dy),
      colours: Uint32Array.from(colours),
    };
  });
}
