import './cases.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { TCaseSummary, TCaseTypeSummary, TWorkQueuePage } from '@sagsgang/contracts';
import { useT, type Translate } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link } from '../../router/router.js';
import { casesApi } from './cases-api.js';
import { caseTypesApi } from '../case-types/case-types-api.js';
import { ClockTag, daysLeftText, formatDate } from './case-format.js';
import { localized } from '../../i18n/localized-text.js';
import { UnitFilter } from './unit-filter.js';

const PAGE = 50;
/** The roles the server serves the queue for: the unit filter offers the units where the person has one. */
const QUEUE_ROLES = ['caseworker', 'teamlead'] as const;
const STATES = ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing'];
const empty = { unitId: '', caseTypeId: '', phase: '', state: '', assignee: '', risk: '' };

/** The rows of a queue, shared with the team lead's view (which adds a selection column). */
export function QueueTable(props: {
  items: TCaseSummary[];
  t: Translate;
  locale: string;
  caption: string;
  select?: (c: TCaseSummary) => React.ReactNode;
}) {
  const { items, t, locale } = props;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.select && (
              <th scope="col">
                <span className="sr-only">{t('cases:select')}</span>
              </th>
            )}
            <th scope="col">{t('cases:reference')}</th>
            <th scope="col">{t('cases:applicant')}</th>
            <th scope="col">{t('cases:caseType')}</th>
            <th scope="col">{t('cases:phase')}</th>
            <th scope="col">{t('cases:state')}</th>
            <th scope="col">{t('cases:clock')}</th>
            <th scope="col">{t('cases:deadline')}</th>
            <th scope="col">{t('cases:assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              {props.select && <td>{props.select(c)}</td>}
              <td>
                <Link href={`/app/cases/${c.id}`}>{c.reference}</Link>
              </td>
              <td>{c.applicantName}</td>
              <td>{localized(c.caseTypeName, locale)}</td>
              <td>{c.phaseCode ?? '–'}</td>
              <td>{t(`cases:state_${c.state}`)}</td>
              <td>
                <ClockTag clock={c.clock} t={t} />
              </td>
              <td>
                {formatDate(c.clock.deadlineDate, locale)} <span className="bo-muted">{daysLeftText(c.clock, t)}</span>
              </td>
              <td>{c.assigneeName ?? t('cases:unassigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The caseworker's open cases across their units, most at risk of missing the deadline first. */
export function WorkQueuePage() {
  const { t, locale } = useT();
  const [filters, setFilters] = useState(empty);
  const [applied, setApplied] = useState(empty);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<TWorkQueuePage | null>(null);
  const [types, setTypes] = useState<TCaseTypeSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void caseTypesApi.list().then(setTypes, () => undefined), []);
  useEffect(() => {
    const ctl = new AbortController();
    casesApi
      .queue({ ...applied, limit: PAGE, offset }, ctl.signal)
      .then(setPage, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [applied, offset]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setApplied(filters);
  };
  const select = (key: keyof typeof empty, label: string, options: [string, string][]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`q-${key}`}>
        {label}
      </label>
      <select
        className="form-select"
        id={`q-${key}`}
        value={filters[key]}
        onChange={(e) => setFilters({ ...filters, [key]: e.target.value })}
      >
        <option value="">{t('cases:all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const phases = ['received', 'screening', 'processing', 'hearing', 'decision'];
  return (
    <>
      <h1>{t('cases:queueTitle')}</h1>
      <p className="font-lead">{t('cases:queueIntro')}</p>
      <p>
        <Link href="/app/cases/figures">{t('cases:figuresTitle')}</Link>
      </p>
      <form className="bo-filter" onSubmit={onSubmit} aria-label={t('cases:filters')}>
        <UnitFilter
          id="q-unitId"
          roles={QUEUE_ROLES}
          value={filters.unitId}
          onChange={(unitId) => setFilters({ ...filters, unitId })}
        />
        {select(
          'caseTypeId',
          t('cases:caseType'),
          types.map((c) => [c.id, localized(c.name, locale)]),
        )}
        {select(
          'phase',
          t('cases:phase'),
          phases.map((p) => [p, p]),
        )}
        {select(
          'state',
          t('cases:state'),
          STATES.map((s) => [s, t(`cases:state_${s}`)]),
        )}
        {select('assignee', t('cases:assignee'), [
          ['me', t('cases:assignedToMe')],
          ['unassigned', t('cases:unassigned')],
        ])}
        {select('risk', t('cases:risk'), [
          ['breached', t('cases:clock_breached')],
          ['warning', t('cases:clock_warning')],
          ['paused', t('cases:clock_paused')],
        ])}
        <button className="button button-secondary" type="submit">
          {t('cases:applyFilters')}
        </button>
      </form>
      {error != null && <ErrorAlert error={error} t={t} />}
      {page && (
        <>
          <p role="status">{t('cases:queueCount', { n: page.totalCapped ? `${page.total}+` : page.total })}</p>
          <QueueTable items={page.items} t={t} locale={locale} caption={t('cases:queueCaption')} />
          <nav className="bo-pager" aria-label={t('cases:pages')}>
            <button
              className="button button-secondary"
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('cases:previous')}
            </button>
            <span>
              {t('cases:pageOf', {
                from: page.total ? offset + 1 : 0,
                to: Math.min(offset + PAGE, page.total),
                total: page.total,
              })}
            </span>
            <button
              className="button button-secondary"
              type="button"
              disabled={offset + PAGE >= page.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('cases:next')}
            </button>
          </nav>
        </>
      )}
    </>
  );
}
