import { useEffect, useState } from 'react';
import type { TBookingView } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { contactsApi } from './contacts-api.js';

/** My appointments from today, whether the citizen came, and my private calendar subscription. */
export function AppointmentsPage() {
  const { t, locale } = useT();
  const [items, setItems] = useState<TBookingView[]>([]);
  const [feed, setFeed] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const load = (signal?: AbortSignal) => contactsApi.bookings(from, signal).then(setItems);
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal).catch((e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, []);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await work();
      setStatus(message);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <h1>{t('contacts:myBookingsTitle')}</h1>
      <p role="status" className="bo-status">
        {status}
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      <h2>{t('contacts:calendarFeed')}</h2>
      <p>{t('contacts:calendarFeedHelp')}</p>
      {feed && (
        <p>
          <code>{feed}</code>
        </p>
      )}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void act(async () => setFeed((await contactsApi.newFeed()).url), t('contacts:calendarFeedNew'))}
      >
        {t('contacts:calendarFeedNew')}
      </button>{' '}
      <button
        type="button"
        className="button button-tertiary"
        onClick={() =>
          void act(async () => {
            await contactsApi.revokeFeed();
            setFeed('');
          }, t('contacts:calendarFeedRevoke'))
        }
      >
        {t('contacts:calendarFeedRevoke')}
      </button>
      <div className="table--responsive-scroll">
        <table className="table table--zebra">
          <caption>{t('contacts:myBookingsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('contacts:colWhen')}</th>
              <th scope="col">{t('contacts:colWhat')}</th>
              <th scope="col">{t('contacts:colWith')}</th>
              <th scope="col">{t('contacts:colStatus')}</th>
              <th scope="col">{t('contacts:colAction')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => {
              const begun = new Date(b.startsAt).getTime() <= Date.now();
              return (
                <tr key={b.id}>
                  <td>{when(b.startsAt)}</td>
                  <td>{locale === 'da' ? b.appointmentName.da : b.appointmentName.en}</td>
                  <td>{b.citizenName}</td>
                  <td>{t(`contacts:status_${b.status}`)}</td>
                  <td>
                    {b.status === 'booked' && begun && (
                      <>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() =>
                            void act(() => contactsApi.outcome(b.id, 'attended'), t('contacts:status_attended'))
                          }
                        >
                          {t('contacts:status_attended')}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() =>
                            void act(() => contactsApi.outcome(b.id, 'no_show'), t('contacts:status_no_show'))
                          }
                        >
                          {t('contacts:status_no_show')}
                        </button>
                      </>
                    )}
                    {b.status === 'booked' && !begun && (
                      <button
                        type="button"
                        className="button button-tertiary"
                        onClick={() => void act(() => contactsApi.cancel(b.id), t('contacts:status_cancelled'))}
                      >
                        {t('contacts:cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
