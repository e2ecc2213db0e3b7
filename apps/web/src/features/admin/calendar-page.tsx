import './admin.css';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TCalendarYear } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { Link, navigate, useLocation } from '../../router/router.js';
import { adminApi } from './admin-api.js';
import { formatDay } from './admin-format.js';
import { calendarRows, yearFromSearch } from './calendar-rows.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { ErrorSummary, issueMessage, RemoveButton, StatusMessage, TextField, useAction } from './form-fields.js';

/**
 * The working-day calendar the service-goal clocks count in: a year's public holidays and the authority's own
 * closure days, the number of working days, and adding or removing a closure day.
 */
export function CalendarPage() {
  const { t, locale } = useT();
  const location = useLocation();
  const year = yearFromSearch(location.search);
  const [calendar, setCalendar] = useState<TCalendarYear | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [form, setForm] = useState({ day: '', reason: '' });
  const add = useAction();
  const remove = useAction();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoadError(null);
      setCalendar(await adminApi.calendar(year, signal));
    },
    [year],
  );
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal).catch((e: unknown) => !isAbort(e) && setLoadError(e));
    return () => ctl.abort();
  }, [load]);

  const fields = {
    day: { id: 'closure-day', label: t('admin:closureDay') },
    reason: { id: 'closure-reason', label: t('admin:closureReason') },
  };
  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await add.run(async () => {
      const r = await adminApi.addClosure({ day: form.day, reason: form.reason });
      const message = t('admin:closureAdded', { day: formatDay(r.day, locale) });
      const addedYear = Number(r.day.slice(0, 4));
      if (addedYear !== year) navigate(`/app/admin/calendar?year=${addedYear}`);
      else await load();
      setStatus(message);
    });
    if (ok) setForm({ day: '', reason: '' });
  };
  const onRemove = (day: string) =>
    remove.run(async () => {
      await adminApi.removeClosure(day);
      await load();
      setStatus(t('admin:closureRemoved', { day: formatDay(day, locale) }));
    });

  const rows = calendar ? calendarRows(calendar, locale) : [];
  return (
    <>
      <h1>{t('admin:calendarTitle')}</h1>
      <p className="font-lead">{t('admin:calendarIntro')}</p>
      <p>{t('admin:calendarRecompute')}</p>
      <StatusMessage text={status} />
      <nav className="bo-year-nav" aria-label={t('admin:chooseYear')}>
        <Link href={`/app/admin/calendar?year=${year - 1}`}>{t('admin:previousYear', { year: year - 1 })}</Link>
        <h2 className="bo-year">{year}</h2>
        <Link href={`/app/admin/calendar?year=${year + 1}`}>{t('admin:nextYear', { year: year + 1 })}</Link>
      </nav>
      {loadError != null && <ErrorAlert error={loadError} t={t} />}
      {calendar && (
        <>
          <p>{t('admin:workingDays', { year: calendar.year, count: calendar.workingDays })}</p>
          <ErrorSummary action={remove} fields={{}} t={t} />
          <div className="table--responsive-scroll">
            <table className="table table--compact">
              <caption>{t('admin:calendarCaption', { year: calendar.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin:date')}</th>
                  <th scope="col">{t('admin:dayKind')}</th>
                  <th scope="col">{t('admin:nameOrReason')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('admin:actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.kind}-${r.day}`} data-day={r.day}>
                    <td>
                      <time dateTime={r.day}>{formatDay(r.day, locale)}</time>
                    </td>
                    <td>{r.kind === 'holiday' ? t('admin:holiday') : <strong>{t('admin:closure')}</strong>}</td>
                    <td>{r.text}</td>
                    <td>
                      {r.kind === 'closure' && calendar.canChange && (
                        <RemoveButton
                          t={t}
                          busy={remove.busy}
                          onClick={() => void onRemove(r.day)}
                          label={t('admin:removeClosureNamed', { day: formatDay(r.day, locale) })}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {calendar && !calendar.canChange && <p>{t('admin:calendarReadOnly')}</p>}
      {calendar?.canChange && (
        <section aria-labelledby="closure-heading" className="bo-admin-section">
          <h2 id="closure-heading">{t('admin:addClosure')}</h2>
          <form onSubmit={onAdd} noValidate aria-labelledby="closure-heading" className="bo-admin-form">
            <ErrorSummary action={add} fields={fields} t={t} />
            <TextField
              {...fields.day}
              t={t}
              type="date"
              required
              value={form.day}
              onChange={(v) => setForm({ ...form, day: v })}
              error={issueMessage(add.issues.get('day'), t)}
              hint={t('admin:closureDayHint')}
            />
            <TextField
              {...fields.reason}
              t={t}
              required
              value={form.reason}
              onChange={(v) => setForm({ ...form, reason: v })}
              error={issueMessage(add.issues.get('reason'), t)}
              hint={t('admin:closureReasonHint')}
            />
            <button className="button button-primary" type="submit" disabled={add.busy}>
              {t('admin:addClosureButton')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
