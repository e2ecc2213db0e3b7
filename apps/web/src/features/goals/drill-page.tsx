import { useEffect, useState } from 'react';
import type { TBreakdown, TIndicator } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { Link, useLocation } from '../../router/router.js';
import { goalsApi, type FigureQuery, type IndicatorCase } from './goals-api.js';
import { drillHref, formatFigure } from './goal-format.js';

/**
 * One step of following a figure down: authority → centre → team → case type → the cases → the case. Each step is
 * its own address, so the browser's back button goes up again.
 */
export function DrillPage() {
  const { t, locale } = useT();
  const url = useLocation();
  const q: FigureQuery = {
    indicatorId: url.searchParams.get('indicatorId') ?? '',
    unitId: url.searchParams.get('unitId') ?? '',
    period: url.searchParams.get('period') ?? '',
    caseTypeId: url.searchParams.get('caseTypeId') ?? undefined,
  };
  const key = url.search;
  const [data, setData] = useState<TBreakdown | null>(null);
  const [indicator, setIndicator] = useState<TIndicator | null>(null);
  const [cases, setCases] = useState<IndicatorCase[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setData(null);
    setCases(null);
    setError(null);
    goalsApi.breakdown(q, ctl.signal).then(setData, (e: unknown) => !ctl.signal.aborted && setError(e));
    goalsApi.indicators(ctl.signal).then(
      (all) => setIndicator(all.find((i) => i.id === q.indicatorId) ?? null),
      () => undefined,
    );
    return () => ctl.abort();
  }, [key]);
  const unit = indicator?.unit ?? 'count';
  const fmt = (v: number | null) => formatFigure(v, unit, locale);
  const showCases = async () => {
    try {
      setCases((await goalsApi.cases(q)).cases);
    } catch (e) {
      setError(e);
    }
  };
  const title = indicator ? t(indicator.labelKey) : '';
  return (
    <>
      <h1>
        {title} – {data?.unit.name} {q.period}
      </h1>
      {error != null && <ErrorAlert error={error} t={t} />}
      {data && (
        <>
          <p className="font-lead" id="drill-value">
            {fmt(data.unit.value)} ({t('goals:col.basis')}: {data.unit.basis})
          </p>
          {data.unit.parentId && !q.caseTypeId && (
            <p>
              <Link href={drillHref({ ...q, unitId: data.unit.parentId, caseTypeId: undefined })}>
                {t('goals:page.back')} ↑
              </Link>
            </p>
          )}
          {data.children.length > 0 && (
            <FigureTable
              caption={t('goals:page.units')}
              rows={data.children.map((c) => ({
                key: c.id,
                name: c.name,
                value: fmt(c.value),
                basis: c.basis,
                href: drillHref({ ...q, unitId: c.id }),
              }))}
            />
          )}
          {data.caseTypes.length > 0 && (
            <FigureTable
              caption={t('goals:page.caseTypes')}
              rows={data.caseTypes.map((c) => ({
                key: c.id,
                name: c.code,
                value: fmt(c.value),
                basis: c.basis,
                href: drillHref({ ...q, caseTypeId: c.id }),
              }))}
            />
          )}
          {indicator?.drillsToCases && (
            <section aria-labelledby="cases-heading">
              <h2 id="cases-heading">{t('goals:page.cases')}</h2>
              {cases === null ? (
                <button className="button button-secondary" type="button" onClick={() => void showCases()}>
                  {t('goals:page.showCases')}
                </button>
              ) : (
                <table className="table table--compact" id="drill-cases">
                  <thead>
                    <tr>
                      <th scope="col">{t('goals:page.reference')}</th>
                      <th scope="col">{t('goals:page.measure')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cases.map((c) => (
                      <tr key={c.caseId}>
                        <td>
                          <Link href={`/app/cases/${c.caseId}`}>{c.reference}</Link>
                        </td>
                        <td>{c.measure ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}

function FigureTable(props: {
  caption: string;
  rows: { key: string; name: string; value: string; basis: number; href: string }[];
}) {
  const { t } = useT();
  return (
    <table className="table table--compact">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.caption}</th>
          <th scope="col">{t('goals:col.value')}</th>
          <th scope="col">{t('goals:col.basis')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              <Link href={r.href}>{r.name}</Link>
            </th>
            <td>{r.value}</td>
            <td>{r.basis}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
