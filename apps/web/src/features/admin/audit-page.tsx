import './admin.css';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { AUDIT_PURPOSES, auditPurposeKey, type TAuditEntry } from '@sagsgang/contracts';
import { useT, type Translate } from '../../i18n/i18n.js';
import { Link, navigate, useLocation } from '../../router/router.js';
import { adminApi } from './admin-api.js';
import { formatInstant } from './admin-format.js';
import {
  apiQuery,
  AUDIT_ACTION_KEYS,
  AUDIT_ENTITY_TYPES,
  filtersFromSearch,
  searchFromFilters,
  type AuditFilters,
} from './audit-query.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { PersonPicker } from './person-picker.js';
import { useUnits } from './use-units.js';

const PAGE = 50;
const ACTIONS = Object.keys(AUDIT_ACTION_KEYS) as (keyof typeof AUDIT_ACTION_KEYS)[];
const PURPOSES = Object.keys(AUDIT_PURPOSES) as (keyof typeof AUDIT_PURPOSES)[];

const entityTypeName = (type: string, t: Translate) =>
  (AUDIT_ENTITY_TYPES as readonly string[]).includes(type) ? t(`admin:entity_${type}`) : type;
const purposeText = (purpose: string, t: Translate) => {
  const key = auditPurposeKey(purpose);
  return key ? t(`admin:purpose_${key}`) : purpose;
};

function AuditTable({
  entries,
  caption,
  t,
  locale,
}: {
  entries: TAuditEntry[];
  caption: string;
  t: Translate;
  locale: string;
}) {
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin:at')}</th>
            <th scope="col">{t('admin:action')}</th>
            <th scope="col">{t('admin:actor')}</th>
            <th scope="col">{t('admin:subject')}</th>
            <th scope="col">{t('admin:entityType')}</th>
            <th scope="col">{t('admin:entityId')}</th>
            <th scope="col">{t('admin:purpose')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{formatInstant(e.at, locale)}</time>
              </td>
              <td>{t(AUDIT_ACTION_KEYS[e.action])}</td>
              <td>{e.actor ? (e.actor.displayName ?? e.actor.id) : t('admin:noActor')}</td>
              <td>{e.subjectUserId ? (e.subjectName ?? e.subjectUserId) : '–'}</td>
              <td>{entityTypeName(e.entityType, t)}</td>
              <td className="bo-break">{e.entityId ?? '–'}</td>
              <td>{purposeText(e.purpose, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The audit log for administrators: filters kept in the address (so a link can open a filtered view), newest
 * first a page at a time, and the same filters as a CSV download. Each search is itself recorded in the log.
 */
export function AuditPage() {
  const { t, locale } = useT();
  const location = useLocation();
  const units = useUnits();
  const applied = useMemo(() => filtersFromSearch(location.search), [location.search]);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  // The ids each page started below; the last is the page shown. Newer pages are those before it.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [entries, setEntries] = useState<TAuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const before = cursors[cursors.length - 1];

  useEffect(() => {
    setDraft(applied);
    setCursors([undefined]);
  }, [applied]);
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    adminApi
      .audit({ ...apiQuery(applied), before, limit: PAGE + 1 }, ctl.signal)
      .then(setEntries, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [applied, before]);

  const set = (key: keyof AuditFilters) => (value: string) => setDraft({ ...draft, [key]: value });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/app/admin/audit${searchFromFilters(draft)}`);
  };
  const shown = entries?.slice(0, PAGE) ?? [];
  const hasOlder = (entries?.length ?? 0) > PAGE;
  const select = (key: 'action' | 'entityType' | 'purpose', label: string, options: [string, string][]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`audit-${key}`}>
        {label}
      </label>
      <select className="form-select" id={`audit-${key}`} value={draft[key]} onChange={(e) => set(key)(e.target.value)}>
        <option value="">{t('admin:all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const entityTypes = [
    ...AUDIT_ENTITY_TYPES,
    ...(draft.entityType && !(AUDIT_ENTITY_TYPES as readonly string[]).includes(draft.entityType)
      ? [draft.entityType]
      : []),
  ];

  return (
    <>
      <h1>{t('admin:auditTitle')}</h1>
      <p className="font-lead">{t('admin:auditIntro')}</p>
      <form className="bo-audit-filters" onSubmit={onSubmit} aria-label={t('admin:filters')}>
        <div className="bo-filter">
          <div className="form-group">
            <label className="form-label" htmlFor="audit-from">
              {t('admin:from')}
            </label>
            <input
              className="form-input"
              id="audit-from"
              type="date"
              value={draft.from}
              onChange={(e) => set('from')(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="audit-to">
              {t('admin:to')}
            </label>
            <input
              className="form-input"
              id="audit-to"
              type="date"
              value={draft.to}
              onChange={(e) => set('to')(e.target.value)}
            />
          </div>
          {select(
            'action',
            t('admin:action'),
            ACTIONS.map((a) => [a, t(AUDIT_ACTION_KEYS[a])]),
          )}
          {select(
            'entityType',
            t('admin:entityType'),
            entityTypes.map((e) => [e, entityTypeName(e, t)]),
          )}
          {select(
            'purpose',
            t('admin:purpose'),
            PURPOSES.map((p) => [p, t(`admin:purpose_${p}`)]),
          )}
          <div className="form-group">
            <label className="form-label" htmlFor="audit-entityId">
              {t('admin:entityId')}
            </label>
            <input
              className="form-input"
              id="audit-entityId"
              type="text"
              value={draft.entityId}
              onChange={(e) => set('entityId')(e.target.value)}
            />
          </div>
        </div>
        <div className="bo-pickers">
          <PersonPicker
            id="audit-actor"
            legend={t('admin:actor')}
            value={draft.actorUserId}
            onChange={set('actorUserId')}
            t={t}
            includeApplicants={units.authorityWide}
          />
          <PersonPicker
            id="audit-subject"
            legend={t('admin:subject')}
            value={draft.subjectUserId}
            onChange={set('subjectUserId')}
            t={t}
            includeApplicants={units.authorityWide}
          />
        </div>
        <p className="bo-links">
          <button className="button button-primary" type="submit">
            {t('admin:showEntries')}
          </button>
          <Link href="/app/admin/audit">{t('admin:clearFilters')}</Link>
        </p>
      </form>
      <p>
        <a className="button button-secondary" href={adminApi.auditExportHref(apiQuery(applied))} download>
          {t('admin:exportCsv')}
        </a>
        <span className="form-hint bo-inline-hint">{t('admin:exportHint')}</span>
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      <p role="status">
        {entries === null
          ? t('admin:loading')
          : t(hasOlder ? 'admin:auditShownMore' : 'admin:auditShown', { count: shown.length, page: cursors.length })}
      </p>
      {shown.length > 0 && (
        <AuditTable entries={shown} caption={t('admin:auditCaption', { page: cursors.length })} t={t} locale={locale} />
      )}
      <nav className="bo-pager" aria-label={t('admin:pages')}>
        <button
          className="button button-secondary"
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('admin:newer')}
        </button>
        <button
          className="button button-secondary"
          type="button"
          disabled={!hasOlder}
          onClick={() => setCursors([...cursors, shown[shown.length - 1]!.id])}
        >
          {t('admin:older')}
        </button>
      </nav>
    </>
  );
}
