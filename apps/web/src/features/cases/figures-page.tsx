import './cases.css';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from '../../router/router.js';
import type { TCaseTypeSummary, TFigures } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { casesApi } from './cases-api.js';
import { caseTypesApi } from '../case-types/case-types-api.js';
import { localized } from '../../i18n/localized-text.js';
import { ComplianceChart, DistributionChart } from './figures-charts.js';
import { UnitFilter } from './unit-filter.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
/** The roles that may read the figures, as the server has them: the unit filter offers their units. */
const READER_ROLES = ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const;
const num = (x: number | null) => (x === null ? '–' : String(Math.round(x)));

/** Service-goal figures per case type for a period, from the event log: the table, then charts per case type. */
export function FiguresPage() {
  const { t, locale } = useT();
  const [types, setTypes] = useState<TCaseTypeSummary[]>([]);
  const [query, setQuery] = useState({ unitId: '', caseTypeId: '', from: '', to: '', breachWithinDays: '14' });
  const [applied, setApplied] = useState(query);
  const [figures, setFigures] = useState<TFigures | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void caseTypesApi.list().then(setTypes, () => undefined), []);
  useEffect(() => {
    const ctl = new AbortController();
    casesApi.figures(applied, ctl.signal).then(setFigures, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [applied]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(query);
  };
  return (
    <>
      <h1>{t('cases:figuresTitle')}</h1>
      <p className="font-lead">{t('cases:figuresIntro')}</p>
      <p>
        <Link href="/app/cases/forecast-calibration">{t('calibration:backOfficeTitle')}</Link>
      </p>
      <form className="bo-filter" onSubmit={onSubmit} aria-label={t('cases:filters')}>
        <UnitFilter
          id="f-unit"
          roles={READER_ROLES}
          value={query.unitId}
          onChange={(unitId) => setQuery({ ...query, unitId })}
        />
        <div className="form-group">
          <label className="form-label" htmlFor="f-type">
            {t('cases:caseType')}
          </label>
          <select
            className="form-select"
            id="f-type"
            value={query.caseTypeId}
            onChange={(e) => setQuery({ ...query, caseTypeId: e.target.value })}
          >
            <option value="">{t('cases:all')}</option>
            {types.map((c) => (
              <option key={c.id} value={c.id}>
                {localized(c.name, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-from">
            {t('cases:from')}
          </label>
          <input
            className="form-input"
            type="date"
            id="f-from"
            value={query.from}
            onChange={(e) => setQuery({ ...query, from: e.target.value })}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-to">
            {t('cases:to')}
          </label>
          <input
            className="form-input"
            type="date"
            id="f-to"
            value={query.to}
            onChange={(e) => setQuery({ ...query, to: e.target.value })}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-n">
            {t('cases:breachWithin')}
          </label>
          <input
            className="form-input"
            type="number"
            min={1}
            max={365}
            id="f-n"
            value={query.breachWithinDays}
            onChange={(e) => setQuery({ ...query, breachWithinDays: e.target.value })}
          />
        </div>
        <button className="button button-secondary" type="submit">
          {t('cases:applyFilters')}
        </button>
      </form>
      {error != null && <ErrorAlert error={error} t={t} />}
      {figures && (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--compact">
              <caption>{t('cases:figuresCaption', { from: figures.from, to: figures.to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases:caseType')}</th>
                  <th scope="col">{t('cases:decided')}</th>
                  <th scope="col">{t('cases:withinGoal')}</th>
                  <th scope="col">{t('cases:target')}</th>
                  <th scope="col">{t('cases:median')}</th>
                  <th scope="col">{t('cases:p75')}</th>
                  <th scope="col">{t('cases:p90')}</th>
                  <th scope="col">{t('cases:informedOnReceipt')}</th>
                  <th scope="col">{t('cases:openNow')}</th>
                  <th scope="col">{t('cases:willBreach', { n: figures.breachWithinDays })}</th>
                </tr>
              </thead>
              <tbody>
                {figures.rows.map((r) => (
                  <tr key={r.caseTypeId}>
                    <th scope="row">{localized(r.caseTypeName, locale)}</th>
                    <td>{r.decided}</td>
                    <td className={r.shareWithinGoal !== null && r.shareWithinGoal < r.targetShare ? 'bo-below' : ''}>
                      {pct(r.shareWithinGoal)}
                    </td>
                    <td>{pct(r.targetShare)}</td>
                    <td>{num(r.medianDays)}</td>
                    <td>{num(r.p75Days)}</td>
                    <td>{num(r.p90Days)}</td>
                    <td>{pct(r.shareFullyInformedOnReceipt)}</td>
                    <td>
                      {t('cases:openBreakdown', {
                        running: r.open.running,
                        warning: r.open.warning,
                        breached: r.open.breached,
                        paused: r.open.paused,
                        notStarted: r.open.notStarted,
                      })}
                    </td>
                    <td>{r.willBreachSoon}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="bo-muted">{t('cases:daysNote')}</p>
          {figures.rows
            .filter((r) => r.decided > 0)
            .map((r) => (
              <section key={r.caseTypeId} aria-labelledby={`fig-${r.caseTypeId}`}>
                <h2 id={`fig-${r.caseTypeId}`}>{localized(r.caseTypeName, locale)}</h2>
                <div className="bo-chart-pair">
                  <div>
                    <h3 className="h5">{t('cases:complianceChart')}</h3>
                    <ComplianceChart figures={figures} row={r} t={t} />
                  </div>
                  <div>
                    <h3 className="h5">{t('cases:distributionChart')}</h3>
                    <DistributionChart figures={figures} row={r} t={t} />
                  </div>
                </div>
              </section>
            ))}
        </>
      )}
    </>
  );
}
