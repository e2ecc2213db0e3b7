import { useMemo, useState } from 'react';
import type { TDfg } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { duration } from './navigator-api.js';

/** Orders activities by their distance from where cases start, most frequent first among equals. */
function order(dfg: TDfg): number[] {
  const n = dfg.activities.length;
  const dist = new Array<number>(n).fill(Infinity);
  const queue = dfg.activities.map((a, i) => (a.starts > 0 ? i : -1)).filter((i) => i >= 0);
  queue.forEach((i) => (dist[i] = 0));
  for (let q = 0; q < queue.length; q++) {
    for (const e of dfg.edges) {
      if (e.from === queue[q] && dist[e.to] === Infinity) {
        dist[e.to] = dist[queue[q]] + 1;
        queue.push(e.to);
      }
    }
  }
  return [...Array(n).keys()].sort((a, b) => dist[a] - dist[b] || dfg.activities[b].count - dfg.activities[a].count);
}

const ROW = 46;
const NODE_W = 300;

/**
 * The discovered process: the directly-follows graph as an arc diagram (activities top to bottom in the order
 * cases reach them; forward arcs right, backward arcs left, width by frequency), with a table of every edge.
 */
export function DfgView(props: { dfg: TDfg }) {
  const { t } = useT();
  const { dfg } = props;
  const [minShare, setMinShare] = useState(5);
  const rows = useMemo(() => order(dfg), [dfg]);
  const pos = new Map(rows.map((a, i) => [a, i]));
  const maxCount = Math.max(1, ...dfg.edges.map((e) => e.count));
  const shown = dfg.edges.filter((e) => (e.count / maxCount) * 100 >= minShare);
  const height = rows.length * ROW + 20;
  const cx = 260;
  const y = (a: number) => 20 + pos.get(a)! * ROW + 14;
  return (
    <div>
      <div className="form-group">
        <label className="form-label" htmlFor="dfg-min">
          {t('navigator:dfgFilter', { share: minShare })}
        </label>
        <input
          id="dfg-min"
          type="range"
          min={0}
          max={100}
          value={minShare}
          onChange={(e) => setMinShare(Number(e.target.value))}
        />
      </div>
      <svg
        className="bo-dfg"
        viewBox={`0 0 ${cx * 2 + NODE_W} ${height}`}
        role="img"
        aria-label={t('navigator:dfgLabel', { activities: rows.length, edges: shown.length })}
      >
        {shown.map((e, i) => {
          const y1 = y(e.from),
            y2 = y(e.to);
          const forward = y2 > y1;
          const x = forward ? cx + NODE_W : cx;
          const bulge = Math.min(cx - 10, 20 + Math.abs(y2 - y1) * 0.35) * (forward ? 1 : -1);
          const w = 1 + (e.count / maxCount) * 7;
          const d =
            e.from === e.to
              ? `M ${x} ${y1 - 6} c 30 -20 30 32 0 12`
              : `M ${x} ${y1} C ${x + bulge} ${y1}, ${x + bulge} ${y2}, ${x} ${y2}`;
          return (
            <g key={i} className={forward ? 'bo-dfg-fwd' : 'bo-dfg-back'}>
              <path d={d} strokeWidth={w} fill="none" markerEnd="url(#dfg-arrow)" />
              <text x={x + bulge * 0.8} y={(y1 + y2) / 2} textAnchor="middle">
                {e.count}
              </text>
            </g>
          );
        })}
        <defs>
          <marker
            id="dfg-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {rows.map((a, i) => (
          <g key={a} className="bo-dfg-node">
            <rect x={cx} y={20 + i * ROW} width={NODE_W} height={28} rx={4} />
            <text
              x={cx + NODE_W / 2}
              y={20 + i * ROW + 18}
              textAnchor="middle"
            >{`${dfg.activities[a].name} (${dfg.activities[a].count})`}</text>
          </g>
        ))}
      </svg>
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <caption>{t('navigator:dfgTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('navigator:fromActivity')}</th>
              <th scope="col">{t('navigator:toActivity')}</th>
              <th scope="col">{t('navigator:count')}</th>
              <th scope="col">{t('navigator:medianTime')}</th>
            </tr>
          </thead>
          <tbody>
            {[...dfg.edges]
              .sort((a, b) => b.count - a.count)
              .map((e, i) => (
                <tr key={i}>
                  <td>{dfg.activities[e.from].name}</td>
                  <td>{dfg.activities[e.to].name}</td>
                  <td>{e.count}</td>
                  <td>{duration(e.medianMs, t)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
