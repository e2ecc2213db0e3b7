import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useT } from '../../i18n/i18n.js';
import { traceShape, STATE_STYLE } from './ball-sprites.js';
import type { ReplayController } from './replay-controller.js';

const SPEEDS = [
  { key: 'navigator:speedDay', minutesPerSecond: 24 * 60 },
  { key: 'navigator:speedWeek', minutesPerSecond: 7 * 24 * 60 },
  { key: 'navigator:speedMonth', minutesPerSecond: 30 * 24 * 60 },
  { key: 'navigator:speedQuarter', minutesPerSecond: 91 * 24 * 60 },
];

/** The canvas the balls are drawn on; it lies over the diagram and lets clicks through. */
export function ReplayCanvas(props: { controller: ReplayController | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => props.controller?.attach(ref.current), [props.controller]);
  return <canvas ref={ref} className="bo-replay-canvas" aria-hidden="true" data-testid="replay-canvas" />;
}

function ShapeIcon(props: { state: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const s = STATE_STYLE[props.state];
    traceShape(ctx, s.shape, 8, 8, 6);
    ctx.fillStyle = s.colour;
    ctx.fill();
  }, [props.state]);
  return <canvas ref={ref} width={16} height={16} aria-hidden="true" className="bo-shape-icon" />;
}

/** Play, pause, speed, a time scrubber and a legend whose entries also show or hide each state. */
export function ReplayControls(props: { controller: ReplayController; t0: number; total: number }) {
  const { t, locale } = useT();
  const c = props.controller;
  const s = useSyncExternalStore(c.subscribe, () => c.state);
  const dateOf = (minutes: number) =>
    new Date(props.t0 + minutes * 60_000).toLocaleDateString(locale === 'da' ? 'da-DK' : 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
  return (
    <div className="bo-replay-controls" role="group" aria-label={t('navigator:replayControls')}>
      <button
        type="button"
        className="button button-primary"
        onClick={() => (s.playing ? c.pause() : c.play())}
        aria-pressed={s.playing}
      >
        {s.playing ? t('navigator:pause') : t('navigator:play')}
      </button>
      <div className="form-group">
        <label className="form-label" htmlFor="replay-speed">
          {t('navigator:speed')}
        </label>
        <select
          className="form-select"
          id="replay-speed"
          value={s.speed}
          onChange={(e) => c.setSpeed(Number(e.target.value))}
        >
          {!SPEEDS.some((x) => x.minutesPerSecond === s.speed) && (
            <option value={s.speed}>{t('navigator:speedWhole')}</option>
          )}
          {SPEEDS.map((x) => (
            <option key={x.key} value={x.minutesPerSecond}>
              {t(x.key)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group bo-scrubber">
        <label className="form-label" htmlFor="replay-time">
          {t('navigator:time')}: <span data-testid="replay-date">{dateOf(s.time)}</span>
        </label>
        <input
          id="replay-time"
          type="range"
          min={s.from}
          max={s.to}
          step={60}
          value={s.time}
          aria-valuetext={dateOf(s.time)}
          onChange={(e) => c.seek(Number(e.target.value))}
        />
      </div>
      <fieldset className="bo-legend">
        <legend>{t('navigator:legend', { total: props.total })}</legend>
        {STATE_STYLE.map((st, i) => (
          <div key={st.key} className="form-group-checkbox">
            <input
              className="form-checkbox"
              type="checkbox"
              id={`legend-${st.key}`}
              checked={!s.hidden[i]}
              onChange={() => c.toggleState(i)}
            />
            <label htmlFor={`legend-${st.key}`}>
              <ShapeIcon state={i} /> {t(`navigator:state_${st.key}`)} — {t(`navigator:shape_${st.shape}`)} (
              {s.visibleByState[i]})
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
