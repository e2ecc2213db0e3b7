import { useEffect, useState } from 'react';
import type { TFindingView } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { complaintsApi } from './complaints-api.js';

/** The citizens' advisor's findings with their recommendations, actions, due dates and follow-up status. */
export function FindingsPage() {
  const { t } = useT();
  const [list, setList] = useState<TFindingView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    complaintsApi.findings(ctl.signal).then(setList, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, []);
  const done = async (findingId: string, actionId: string) => {
    try {
      const next = await complaintsApi.actionDone(actionId, true);
      setList((l) => l?.map((f) => (f.id === findingId ? next : f)) ?? null);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h1>{t('complaints:findingsTitle')}</h1>
      {error != null && <ErrorAlert error={error} t={t} />}
      {list?.map((f) => (
        <section key={f.id} aria-labelledby={`finding-${f.id}`}>
          <h2 id={`finding-${f.id}`}>{f.title}</h2>
          <p>
            {t(`complaints:findingSource_${f.source}`)}
            {f.reportYear ? ` ${f.reportYear}` : ''} · {t(`complaints:findingStatus_${f.status}`)} ·{' '}
            {t('complaints:responsible')}: {f.responsibleName ?? '–'}
          </p>
          <p>
            <strong>{t('complaints:recommendation')}:</strong> {f.recommendation}
          </p>
          <table className="table table--compact">
            <caption>{t('complaints:actions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaints:actions')}</th>
                <th scope="col">{t('complaints:due')}</th>
                <th scope="col">{t('complaints:done')}</th>
              </tr>
            </thead>
            <tbody>
              {f.actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.description}</td>
                  <td>{a.dueDate}</td>
                  <td>
                    {a.doneAt ? (
                      a.doneAt.slice(0, 10)
                    ) : (
                      <button type="button" className="button button-secondary" onClick={() => void done(f.id, a.id)}>
                        {t('complaints:markDone')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {list?.length === 0 && <p>{t('complaints:none')}</p>}
    </>
  );
}
