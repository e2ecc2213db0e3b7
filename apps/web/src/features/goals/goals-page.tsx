import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { GOAL_AREAS, type TDashboard, type TGoalArea, type TIndicator, type TReport } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { Link, useLocation } from '../../router/router.js';
import { useSession } from '../../session/session.js';
import { goalsApi } from './goals-api.js';
import { drillHref, formatFigure, quarterOf, STATE_SYMBOL } from './goal-format.js';

const READERS = ['teamlead', 'quality', 'analyst', 'admin'];
const SETTERS = ['teamlead', 'admin'];

/** The manager's dashboard: goals against targets, the figures to follow down, a new goal, the committee report. */
export function GoalsPage() {
  const { t, locale } = useT();
  const { me } = useSession();
  const readable = useMemo(() => me.units.filter((u) => u.roles.some((r) => READERS.includes(r))), [me.units]);
  const settable = readable.filter((u) => u.roles.some((r) => SETTERS.includes(r)));
  const name = (u: { nameDa: string; nameEn: string }) => (locale === 'da' ? u.nameDa : u.nameEn);
  const query = useLocation().searchParams;
  const [period, setPeriod] = useState(() => query.get('period') ?? quarterOf(new Date()));
  const [unitId, setUnitId] = useState(
    () => query.get('unitId') ?? readable.find((u) => !readable.some((p) => p.id === u.parentId))?.id ?? '',
  );
  const [board, setBoard] = useState<TDashboard | null>(null);
  const [indicators, setIndicators] = useState<TIndicator[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(async () => {
    setError(null);
    try {
      setBoard(await goalsApi.dashboard({ unitId: unitId || undefined, period }));
    } catch (e) {
      setError(e);
    }
  }, [unitId, period]);
  useEffect(() => void load(), [load]);
  useEffect(() => void goalsApi.indicators().then(setIndicators, setError), []);

  return (
    <>
      <h1>{t('goals:page.title')}</h1>
      <p role="status" className="bo-status">
        {status}
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      <form
        className="bo-filter"
        aria-label={t('goals:page.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div className="form-group">
          <label className="form-label" htmlFor="goals-unit">
            {t('goals:page.unit')}
          </label>
          <select className="form-select" id="goals-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {readable.map((u) => (
              <option key={u.id} value={u.id}>
                {name(u)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="goals-period">
            {t('goals:page.period')}
          </label>
          <input
            className="form-input"
            id="goals-period"
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
          />
        </div>
      </form>
      {board && board.goals.length === 0 && <p>{t('goals:page.noGoals')}</p>}
      {board && board.goals.length > 0 && (
        <div className="table--responsive-scroll">
          <table className="table table--compact" id="goals-table">
            <caption>{t('goals:page.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('goals:col.unit')}</th>
                <th scope="col">{t('goals:col.indicator')}</th>
                <th scope="col">{t('goals:col.value')}</th>
                <th scope="col">{t('goals:col.target')}</th>
                <th scope="col">{t('goals:col.status')}</th>
                <th scope="col">{t('goals:col.trend')}</th>
                <th scope="col">{t('goals:page.drill')}</th>
              </tr>
            </thead>
            <tbody>
              {board.goals.map((g) => (
                <tr key={g.goalId} data-goal-id={g.goalId}>
                  <td>{g.unitName}</td>
                  <th scope="row">{t(g.labelKey)}</th>
                  <td className="goal-value">{formatFigure(g.value, g.unit, locale)}</td>
                  <td>{formatFigure(g.target, g.unit, locale)}</td>
                  <td>
                    <span aria-hidden="true">{STATE_SYMBOL[g.state]} </span>
                    {t(`goals:state.${g.state}`)}
                  </td>
                  <td>{g.trend.map((x) => `${x.period}: ${formatFigure(x.value, g.unit, locale)}`).join(' · ')}</td>
                  <td>
                    <Link
                      href={drillHref({
                        indicatorId: g.indicatorId,
                        unitId: board.unitId,
                        period: g.period,
                        caseTypeId: g.caseTypeId ?? undefined,
                      })}
                    >
                      {t('goals:page.drill')}
                      <span className="sr-only"> – {t(g.labelKey)}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {settable.length > 0 && (
        <NewGoal
          units={settable.map((u) => ({ id: u.id, name: name(u) }))}
          indicators={indicators}
          period={period}
          onSaved={async () => {
            setStatus(t('goals:page.saved'));
            await load();
          }}
          onError={setError}
        />
      )}
      <Reports unitId={unitId || board?.unitId || ''} period={period} onError={setError} />
    </>
  );
}

function NewGoal(props: {
  units: { id: string; name: string }[];
  indicators: TIndicator[];
  period: string;
  onSaved: () => Promise<void>;
  onError: (e: unknown) => void;
}) {
  const { t } = useT();
  const [unitId, setUnitId] = useState(props.units[0]?.id ?? '');
  const [indicatorId, setIndicatorId] = useState('');
  const [area, setArea] = useState<TGoalArea>('service');
  const [target, setTarget] = useState('');
  const [baseline, setBaseline] = useState('');
  const number = (s: string) => Number(s.replace(',', '.'));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await goalsApi.setGoal({
        unitId,
        indicatorId: indicatorId || props.indicators[0]?.id,
        area,
        period: props.period,
        target: number(target),
        ...(baseline ? { baseline: number(baseline) } : {}),
      });
      await props.onSaved();
    } catch (err) {
      props.onError(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="new-goal-heading">
      <h2 id="new-goal-heading">{t('goals:page.newGoal')}</h2>
      <div className="form-group">
        <label className="form-label" htmlFor="goal-unit">
          {t('goals:page.unit')}
        </label>
        <select className="form-select" id="goal-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="goal-indicator">
          {t('goals:page.indicator')}
        </label>
        <select
          className="form-select"
          id="goal-indicator"
          value={indicatorId}
          onChange={(e) => setIndicatorId(e.target.value)}
        >
          {props.indicators.map((i) => (
            <option key={i.id} value={i.id}>
              {t(i.labelKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="goal-area">
          {t('goals:page.area')}
        </label>
        <select
          className="form-select"
          id="goal-area"
          value={area}
          onChange={(e) => setArea(e.target.value as TGoalArea)}
        >
          {GOAL_AREAS.map((a) => (
            <option key={a} value={a}>
              {t(`goals:area.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="goal-target">
          {t('goals:page.target')}
        </label>
        <span className="form-hint" id="goal-target-hint">
          {t('goals:page.targetHelp')}
        </span>
        <input
          className="form-input"
          id="goal-target"
          inputMode="decimal"
          required
          aria-describedby="goal-target-hint"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="goal-baseline">
          {t('goals:page.baseline')}
        </label>
        <input
          className="form-input"
          id="goal-baseline"
          inputMode="decimal"
          value={baseline}
          onChange={(e) => setBaseline(e.target.value)}
        />
      </div>
      <button className="button button-primary" type="submit">
        {t('goals:page.save')}
      </button>
    </form>
  );
}

function Reports(props: { unitId: string; period: string; onError: (e: unknown) => void }) {
  const { t } = useT();
  const [report, setReport] = useState<TReport | null>(null);
  useEffect(() => {
    if (!report || report.status === 'issued' || report.status === 'failed') return;
    const timer = setTimeout(() => void goalsApi.report(report.id).then(setReport, props.onError), 500);
    return () => clearTimeout(timer);
  }, [report, props.onError]);
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('goals:page.reports')}</h2>
      <button
        className="button button-secondary"
        type="button"
        onClick={() =>
          void goalsApi
            .requestReport({ unitId: props.unitId, committee: 'committee', period: props.period })
            .then(setReport, props.onError)
        }
      >
        {t('goals:page.requestReport')}
      </button>
      <p role="status">
        {report && report.status !== 'issued' && t('goals:page.reportProgress', { progress: report.progress })}
      </p>
      {report?.status === 'issued' && (
        <ul>
          <li>
            <a href={`/api/goals/reports/${report.id}/pdf`} id="report-pdf">
              {t('goals:page.downloadPdf')}
            </a>
          </li>
          <li>
            <a href={`/api/goals/reports/${report.id}/xlsx`} id="report-xlsx">
              {t('goals:page.downloadXlsx')}
            </a>
          </li>
        </ul>
      )}
    </section>
  );
}
