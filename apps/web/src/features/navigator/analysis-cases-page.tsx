import '../workflows/workflows.css';
import { useEffect, useState } from 'react';
import type { TCaseList } from '@sagsgang/contracts';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { useT } from '../../i18n/i18n.js';
import { Link, useLocation, useParams } from '../../router/router.js';
import { navigatorApi, pct } from './navigator-api.js';

const PAGE = 100;

/** The cases behind a number of the navigator, each leading on to the case itself when it is one of ours. */
export function AnalysisCasesPage() {
  const { t } = useT();
  const { id } = useParams();
  const location = useLocation();
  const [list, setList] = useState<TCaseList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const params = new URLSearchParams(location.search);
  const offset = Number(params.get('offset') ?? 0);

  useEffect(() => {
    const ctl = new AbortController();
    const q = new URLSearchParams(location.search);
    q.set('limit', String(PAGE));
    navigatorApi.cases(id, q.toString(), ctl.signal).then(setList, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [id, location.search]);

  const filters = ['element', 'metric', 'flow', 'variant', 'unit', 'state', 'activity']
    .filter((k) => params.get(k))
    .map((k) => `${t(`navigator:filter_${k}`)}: ${params.get(k)}`);
  const page = (o: number) => {
    const p = new URLSearchParams(location.search);
    p.set('offset', String(o));
    return `${location.pathname}?${p}`;
  };
  return (
    <>
      <p>
        <Link href={`/app/navigator/analyses/${id}`}>{t('navigator:backToAnalysis')}</Link>
      </p>
      <h1>{t('navigator:casesTitle')}</h1>
      <p>{filters.length ? filters.join(' · ') : t('navigator:allCases')}</p>
      {error != null && <ErrorAlert error={error} t={t} />}
      {!list ? (
        <p role="status">{t('navigator:loading')}</p>
      ) : (
        <>
          <p role="status">{t('navigator:casesCount', { total: list.total })}</p>
          <div className="table--responsive-scroll">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('navigator:case')}</th>
                  <th scope="col">{t('navigator:unit')}</th>
                  <th scope="col">{t('navigator:stateCol')}</th>
                  <th scope="col">{t('navigator:fitness')}</th>
                  <th scope="col">{t('navigator:deviations')}</th>
                  <th scope="col">{t('navigator:period')}</th>
                </tr>
              </thead>
              <tbody>
                {list.cases.map((c) => (
                  <tr key={c.caseKey}>
                    <th scope="row">
                      {c.caseId ? <Link href={`/app/cases/${c.caseId}`}>{c.caseKey}</Link> : c.caseKey}
                    </th>
                    <td>{c.unit ?? '—'}</td>
                    <td>{t(`navigator:state_${c.state}`)}</td>
                    <td>{pct(c.fitness, 1)}</td>
                    <td>
                      {c.deviations.length
                        ? c.deviations.map((d) => `${t(`navigator:dev_${d.kind}`)}: ${d.activity}`).join('; ')
                        : t('navigator:followsModel')}
                    </td>
                    <td>
                      {c.startedAt?.slice(0, 10)} – {c.endedAt?.slice(0, 10)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t('navigator:pages')} className="bo-actions">
            {offset > 0 && <Link href={page(Math.max(0, offset - PAGE))}>{t('navigator:previous')}</Link>}
            {offset + PAGE < list.total && <Link href={page(offset + PAGE)}>{t('navigator:next')}</Link>}
          </nav>
        </>
      )}
    </>
  );
}
