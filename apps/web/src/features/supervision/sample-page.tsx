import { useEffect, useState } from 'react';
import type { TEstimate, TSample, TSampleAnalysis } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, useParams } from '../../router/router.js';
import { pct, supervisionApi } from './supervision-api.js';

const range = (e: TEstimate | null) => (e ? `${pct(e.lower)} – ${pct(e.upper)}` : '–');
const rate = (e: TEstimate | null) => (e ? `${pct(e.estimate)} (${e.errors}/${e.reviewed})` : '–');

/** A drawn sample: its strata and cases (each leading to its review), and the analysis of what has been reviewed. */
export function SamplePage() {
  const { t } = useT();
  const { id } = useParams();
  const [sample, setSample] = useState<TSample | null>(null);
  const [analysis, setAnalysis] = useState<TSampleAnalysis | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const fail = (e: unknown) => !isAbort(e) && setError(e);
    supervisionApi.sample(id, ctl.signal).then(setSample, fail);
    supervisionApi.analysis(id, ctl.signal).then(setAnalysis, fail);
    return () => ctl.abort();
  }, [id]);
  if (!sample) return error !== null ? <ErrorAlert error={error} t={t} /> : null;
  return (
    <>
      <p>
        <Link href={`/app/supervision/programmes/${sample.programmeId}`}>{t('supervision:samples')}</Link>
      </p>
      <h1>{t('supervision:sampleHeading', { label: sample.label })}</h1>
      <p>{t('supervision:sampleFacts', { size: sample.size, population: sample.populationSize, seed: sample.seed })}</p>
      {error !== null && <ErrorAlert error={error} t={t} />}
      <h2>{t('supervision:strata')}</h2>
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('supervision:stratum')}</th>
              <th scope="col">{t('supervision:population')}</th>
              <th scope="col">{t('supervision:drawn')}</th>
            </tr>
          </thead>
          <tbody>
            {sample.strata.map((s) => (
              <tr key={s.key}>
                <td>{s.label}</td>
                <td>{s.populationSize}</td>
                <td>{s.drawn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('supervision:cases')}</h2>
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('supervision:reference')}</th>
              <th scope="col">{t('supervision:unit')}</th>
              <th scope="col">{t('supervision:status')}</th>
            </tr>
          </thead>
          <tbody>
            {sample.cases.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.replaced ? (
                    c.reference
                  ) : (
                    <Link href={`/app/supervision/samples/${sample.id}/cases/${c.caseId}`}>{c.reference}</Link>
                  )}
                </td>
                <td>{c.unitName}</td>
                <td>
                  {c.replaced
                    ? t('supervision:replaced', { reason: c.replaced.reason })
                    : c.reviewed
                      ? t('supervision:reviewed')
                      : t('supervision:notReviewed')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {analysis && <Analysis analysis={analysis} />}
    </>
  );
}

/** The error rate of each criterion as a dot with its interval: a picture of the table below it. */
function IntervalChart(props: { rows: { label: string; e: TEstimate | null }[]; caption: string }) {
  const rows = props.rows.filter((r) => r.e);
  const width = 480;
  const left = 150;
  const rowH = 28;
  const x = (v: number) => left + v * (width - left - 20);
  return (
    <svg
      role="img"
      aria-label={props.caption}
      viewBox={`0 0 ${width} ${rows.length * rowH + 30}`}
      style={{ maxWidth: '100%', width: `${width}px` }}
    >
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={0} y2={rows.length * rowH} stroke="#ccc" />
          <text x={x(v)} y={rows.length * rowH + 18} fontSize="11" textAnchor="middle">
            {`${v * 100} %`}
          </text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={r.label}>
          <text x={0} y={i * rowH + 18} fontSize="12">
            {r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label}
          </text>
          <line
            x1={x(r.e!.lower)}
            x2={x(r.e!.upper)}
            y1={i * rowH + 14}
            y2={i * rowH + 14}
            stroke="#1a1a1a"
            strokeWidth={2}
          />
          <circle cx={x(r.e!.estimate)} cy={i * rowH + 14} r={5} fill="#0059b3" />
        </g>
      ))}
    </svg>
  );
}

function Analysis({ analysis: a }: { analysis: TSampleAnalysis }) {
  const { t } = useT();
  const changeText = (c: NonNullable<TSampleAnalysis['criteria'][number]['change']>) =>
    t(c.significant ? 'supervision:changeSignificant' : 'supervision:changeChance', {
      diff: `${c.difference > 0 ? '+' : ''}${(c.difference * 100).toFixed(1)}`,
      p: c.pValue < 0.001 ? '< 0,001' : c.pValue.toFixed(3),
    });
  return (
    <section aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">{t('supervision:analysis')}</h2>
      <p>{t('supervision:reviewedOf', { reviewed: a.reviewedCases, sampled: a.sampledCases })}</p>
      <p>
        {t('supervision:anyError')}: {rate(a.anyError)}, {t('supervision:interval')} {range(a.anyError)}
      </p>
      <IntervalChart
        caption={t('supervision:chartCaption')}
        rows={a.criteria.map((c) => ({ label: c.text, e: c.overall }))}
      />
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <caption>{t('supervision:chartCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('supervision:criterion')}</th>
              <th scope="col">{t('supervision:errorRate')}</th>
              <th scope="col">{t('supervision:interval')}</th>
              <th scope="col">{t('supervision:notApplicableCount')}</th>
              <th scope="col">{t('supervision:change', { label: '' })}</th>
            </tr>
          </thead>
          <tbody>
            {a.criteria.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{c.text}</th>
                <td>{rate(c.overall)}</td>
                <td>{range(c.overall)}</td>
                <td>{c.notApplicable}</td>
                <td>{c.change ? `${c.change.previousLabel}: ${changeText(c.change)}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('supervision:byUnit')}</h3>
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('supervision:criterion')}</th>
              <th scope="col">{t('supervision:unit')}</th>
              <th scope="col">{t('supervision:errorRate')}</th>
              <th scope="col">{t('supervision:interval')}</th>
            </tr>
          </thead>
          <tbody>
            {a.criteria.flatMap((c) =>
              c.byUnit.map((u) => (
                <tr key={`${c.criterionId}-${u.unitId}`}>
                  <td>{c.code}</td>
                  <td>{u.unitName}</td>
                  <td>{rate(u.estimate)}</td>
                  <td>{range(u.estimate)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <h3>{t('supervision:scoreDistribution')}</h3>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('supervision:score')}</th>
            <th scope="col">{t('supervision:count')}</th>
          </tr>
        </thead>
        <tbody>
          {a.scoreDistribution.map((s) => (
            <tr key={s.score}>
              <td>{s.score}</td>
              <td>{s.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.perPerson && (
        <>
          <h3>{t('supervision:perPerson')}</h3>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('supervision:person')}</th>
                <th scope="col">{t('supervision:anyError')}</th>
                <th scope="col">{t('supervision:interval')}</th>
              </tr>
            </thead>
            <tbody>
              {a.perPerson.map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td>{rate(p.anyError)}</td>
                  <td>{range(p.anyError)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('supervision:reviewedCases')}</h3>
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('supervision:reference')}</th>
              <th scope="col">{t('supervision:unit')}</th>
              <th scope="col">{t('supervision:holisticScore')}</th>
              <th scope="col">{t('supervision:notMet')}</th>
            </tr>
          </thead>
          <tbody>
            {a.cases.map((c) => (
              <tr key={c.sampleCaseId}>
                <td>
                  <Link href={`/app/supervision/samples/${a.sampleId}/cases/${c.caseId}`}>{c.reference}</Link>
                </td>
                <td>{c.unitName}</td>
                <td>{c.holisticScore}</td>
                <td>{c.notMet.join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
