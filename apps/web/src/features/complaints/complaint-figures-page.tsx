import { useEffect, useState } from 'react';
import { APPEAL_OUTCOMES, type TComplaintFigures } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link } from '../../router/router.js';
import { complaintsApi } from './complaints-api.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null, digits = 1) => (x === null ? '–' : x.toFixed(digits));
const yearAgo = () => {
  const d = new Date();
  d.setFullYear(d.getFullYear() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Complaints in figures: per 1,000 decisions by case type, unit and quarter; what the authority changed itself; the
 * appeal body's outcomes and the reversal rate; procedure complaints by cause; the advisor's open findings. Each
 * figure links to the complaints behind it.
 */
export function ComplaintFiguresPage() {
  const { t } = useT();
  const [from, setFrom] = useState(yearAgo);
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [f, setF] = useState<TComplaintFigures | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    complaintsApi.figures(from, to, ctl.signal).then(setF, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [from, to]);
  const list = (q: Record<string, string>) => `/app/complaints?${new URLSearchParams(q).toString()}`;
  return (
    <>
      <h1>{t('complaints:figuresTitle')}</h1>
      <div className="bo-filter">
        <div className="form-group">
          <label className="form-label" htmlFor="cf-from">
            {t('complaints:from')}
          </label>
          <input
            className="form-input"
            type="date"
            id="cf-from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="cf-to">
            {t('complaints:to')}
          </label>
          <input className="form-input" type="date" id="cf-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      {error != null && <ErrorAlert error={error} t={t} />}
      {f && (
        <>
          <dl className="bo-facts">
            <dt>{t('complaints:per1000')}</dt>
            <dd id="figure-per1000">
              {num(f.totals.per1000Decisions)} ({f.totals.complaints} / {f.totals.decisions})
            </dd>
            <dt>{t('complaints:shareChanged')}</dt>
            <dd>
              {pct(f.totals.shareChangedByAuthority)} ({f.totals.changedByAuthority} / {f.totals.reconsidered})
            </dd>
            <dt>{t('complaints:reversalRate')}</dt>
            <dd id="figure-reversal">
              {pct(f.totals.reversalRate)} ({f.totals.appealDecisions})
            </dd>
            <dt>{t('complaints:medianDaysToForwarding')}</dt>
            <dd>
              {num(f.totals.medianDaysToForwarding)} ({f.totals.forwarded})
            </dd>
          </dl>
          <h2>{t('complaints:appealOutcomes')}</h2>
          <ul>
            {APPEAL_OUTCOMES.map((o) => (
              <li key={o}>
                <Link href={list({ appealOutcome: o })}>{t(`complaints:appealOutcome_${o}`)}</Link>:{' '}
                {f.totals.appealOutcomes[o] ?? 0}
              </li>
            ))}
          </ul>
          <h2>{t('complaints:per1000')}</h2>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('complaints:quarter')}</th>
                <th scope="col">{t('complaints:caseType')}</th>
                <th scope="col">{t('complaints:complaintsCount')}</th>
                <th scope="col">{t('complaints:decisionsCount')}</th>
                <th scope="col">{t('complaints:per1000')}</th>
              </tr>
            </thead>
            <tbody>
              {f.rows.map((r) => (
                <tr key={`${r.quarter}-${r.caseTypeId}-${r.unitId}`}>
                  <td>{r.quarter}</td>
                  <td>{r.caseTypeCode}</td>
                  <td>
                    <Link href={list({ quarter: r.quarter, caseTypeId: r.caseTypeId, unitId: r.unitId })}>
                      {r.complaints}
                    </Link>
                  </td>
                  <td>{r.decisions}</td>
                  <td>{num(r.per1000Decisions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('complaints:procedureByCause')}</h2>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('complaints:cause')}</th>
                <th scope="col">{t('complaints:answeredCount')}</th>
                <th scope="col">{t('complaints:justifiedCount')}</th>
              </tr>
            </thead>
            <tbody>
              {f.procedureByCause.map((c) => (
                <tr key={c.cause}>
                  <td>
                    <Link href={list({ cause: c.cause })}>{t(`complaints:cause_${c.cause}`)}</Link>
                  </td>
                  <td>{c.answered}</td>
                  <td>{c.justified}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('complaints:openFindings')}</h2>
          <ul>
            {f.openFindings.map((o) => (
              <li key={o.id}>
                <Link href="/app/complaints/findings">{o.title}</Link> – {t('complaints:nextDue')}: {o.nextDue ?? '–'}
                {o.overdueActions > 0 && `, ${t('complaints:overdueActions')}: ${o.overdueActions}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
