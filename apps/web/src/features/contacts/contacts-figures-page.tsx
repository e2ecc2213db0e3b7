import { useEffect, useState, type FormEvent } from 'react';
import type { TContactFigures, TInquiryList } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { contactsApi, pct } from './contacts-api.js';

type Row = TContactFigures['byChannel'][number];
type Drill = Record<string, string | number | undefined>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Citizen service in figures: volume, first-contact resolution against the target, channel shift, bookings. */
export function ContactsFiguresPage() {
  const { t } = useT();
  const [period, setPeriod] = useState(() => {
    const to = new Date();
    return { from: isoDay(new Date(to.getTime() - 365 * 86_400_000)), to: isoDay(to) };
  });
  const [draft, setDraft] = useState(period);
  const [figures, setFigures] = useState<TContactFigures | null>(null);
  const [drill, setDrill] = useState<{ title: string; list: TInquiryList } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    contactsApi
      .figures(period.from, period.to, ctl.signal)
      .then(setFigures)
      .catch((e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [period]);

  const show = async (title: string, filter: Drill) => {
    try {
      setDrill({ title, list: await contactsApi.drill({ ...period, ...filter, limit: 100 }) });
    } catch (e) {
      setError(e);
    }
  };
  const onPeriod = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(draft);
  };

  const table = (
    caption: string,
    rows: Row[],
    filterOf: (key: string) => Drill,
    label = (k: string) => k,
    shareTitle = t('contacts:colShare'),
  ) => (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('contacts:colKey')}</th>
            <th scope="col">{t('contacts:colCount')}</th>
            <th scope="col">{shareTitle}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <button
                  type="button"
                  className="button-unstyled function-link"
                  onClick={() => void show(`${caption}: ${label(r.key)}`, filterOf(r.key))}
                >
                  {label(r.key)}
                </button>
              </th>
              <td>{r.count}</td>
              <td>{pct(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  const heat = figures ? new Map(figures.heatMap.map((r) => [r.key, r.count])) : new Map<string, number>();
  const max = Math.max(1, ...heat.values());
  return (
    <>
      <h1>{t('contacts:figuresTitle')}</h1>
      <form className="bo-inline-form" onSubmit={onPeriod}>
        <label className="form-label" htmlFor="fig-from">
          {t('contacts:from')}
        </label>
        <input
          className="form-input input-width-s"
          type="date"
          id="fig-from"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <label className="form-label" htmlFor="fig-to">
          {t('contacts:to')}
        </label>
        <input
          className="form-input input-width-s"
          type="date"
          id="fig-to"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <button type="submit" className="button button-secondary">
          {t('contacts:show')}
        </button>
      </form>
      {error != null && <ErrorAlert error={error} t={t} />}
      {figures && (
        <>
          <p className="font-lead">{t('contacts:figuresTotal', { count: figures.total })}</p>
          <p>
            <button
              type="button"
              className="button-unstyled function-link"
              onClick={() => void show(t('contacts:result_resolved'), { firstContact: 'yes' })}
            >
              {t('contacts:figuresFirstContact', {
                share: pct(figures.firstContact.share),
                target: pct(figures.target),
              })}
            </button>
          </p>
          <p>
            {t('contacts:figuresForwarded', { share: pct(figures.forwarded.share), basis: figures.forwarded.basis })}
          </p>
          <p>
            {t('contacts:figuresBookings', {
              total: figures.bookings.total,
              noShow: pct(figures.bookings.noShowShare),
              lead: figures.bookings.medianLeadDays ?? '–',
              utilisation: pct(figures.bookings.utilisation),
            })}
          </p>
          {table(
            t('contacts:byChannel'),
            figures.byChannel,
            (k) => ({ channel: k }),
            (k) => t(`contacts:channel_${k}`),
          )}
          {table(t('contacts:byTopic'), figures.byTopic, (k) => ({ topicCode: k }))}
          {table(t('contacts:byMonth'), figures.firstContactByMonth, (k) => ({ month: k }))}
          {table(
            t('contacts:indicatorChannelShift'),
            figures.channelShift,
            (k) => ({ month: k }),
            (k) => k,
            t('contacts:colDigital'),
          )}
          {/* A region the keyboard can reach, so the wide table can be scrolled without a mouse. */}
          <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label={t('contacts:heatMap')}>
            <table className="table table--compact bo-heat">
              <caption>{t('contacts:heatMap')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contacts:colKey')}</th>
                  {Array.from({ length: 24 }, (_, h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((d) => (
                  <tr key={d}>
                    <th scope="row">{d}</th>
                    {Array.from({ length: 24 }, (_, h) => {
                      const n = heat.get(`${d}:${h}`) ?? 0;
                      return (
                        <td
                          key={h}
                          style={{
                            background: `rgba(0, 90, 187, ${(n / max) * 0.8})`,
                            color: n / max > 0.5 ? '#fff' : undefined,
                          }}
                        >
                          {n}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {drill && (
        <section aria-live="polite">
          <h2>{t('contacts:drillTitle', { total: drill.list.total })}</h2>
          <p>{drill.title}</p>
          <ul>
            {drill.list.items.map((i) => (
              <li key={i.id}>
                {i.receivedAt.slice(0, 16).replace('T', ' ')} · {t(`contacts:channel_${i.channel}`)} · {i.topicCode} ·{' '}
                {t(`contacts:result_${i.result}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
