import { useEffect, useState } from 'react';
import type { TComplaintView } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, useLocation } from '../../router/router.js';
import { complaintsApi } from './complaints-api.js';

const FILTERS = ['state', 'kind', 'caseTypeId', 'unitId', 'quarter', 'appealOutcome', 'cause'] as const;

/** The complaints the reader may see; the figures' drill-down lands here with its filter in the address. */
export function ComplaintsPage() {
  const { t, locale } = useT();
  const url = useLocation();
  const search = url.searchParams.toString();
  const [list, setList] = useState<TComplaintView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const params = new URLSearchParams(search);
    const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
    complaintsApi
      .list({ ...filter, limit: '500' }, ctl.signal)
      .then(setList, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [search]);
  const active = FILTERS.filter((f) => url.searchParams.get(f)).map((f) => `${f} = ${url.searchParams.get(f)}`);
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale === 'da' ? 'da-DK' : 'en-GB');
  return (
    <>
      <h1>{t('complaints:pageTitle')}</h1>
      <p>
        <Link href="/app/complaints/figures">{t('complaints:figuresLink')}</Link> ·{' '}
        <Link href="/app/complaints/findings">{t('complaints:findingsLink')}</Link>
      </p>
      {active.length > 0 && (
        <p>
          {t('complaints:filterActive', { filter: active.join(', ') })}{' '}
          <Link href="/app/complaints">{t('complaints:clearFilter')}</Link>
        </p>
      )}
      {error != null && <ErrorAlert error={error} t={t} />}
      {list && (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('complaints:caseReference')}</th>
              <th scope="col">{t('complaints:kind')}</th>
              <th scope="col">{t('complaints:state')}</th>
              <th scope="col">{t('complaints:responseDeadline')}</th>
              <th scope="col">{t('complaints:appealOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/app/complaints/${c.id}`}>{c.caseReference}</Link> ({day(c.receivedAt)})
                </td>
                <td>{t(`complaints:kind_${c.kind}`)}</td>
                <td>{t(`complaints:state_${c.state}`)}</td>
                <td>
                  {c.responseDeadline ?? '–'}
                  {c.deadlineStatus && ` (${t(`complaints:deadlineStatus_${c.deadlineStatus}`)})`}
                </td>
                <td>{c.appealOutcome ? t(`complaints:appealOutcome_${c.appealOutcome}`) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list?.length === 0 && <p>{t('complaints:none')}</p>}
    </>
  );
}
