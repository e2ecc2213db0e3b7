import './cases.css';
import { useCallback, useEffect, useState } from 'react';
import type { TAssignee, TCaseSummary } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { casesApi } from './cases-api.js';
import { QueueTable } from './work-queue-page.js';

/** The team lead's view: cases past or near their deadline and cases nobody has, with reassignment in bulk. */
export function TeamRiskPage() {
  const { t, locale } = useT();
  const [lists, setLists] = useState<{
    breached: TCaseSummary[];
    warning: TCaseSummary[];
    unassigned: TCaseSummary[];
  } | null>(null);
  const [people, setPeople] = useState<TAssignee[]>([]);
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    const [breached, warning, unassigned] = await Promise.all([
      casesApi.queue({ risk: 'breached', limit: 100 }),
      casesApi.queue({ risk: 'warning', limit: 100 }),
      casesApi.queue({ assignee: 'unassigned', limit: 100 }),
    ]);
    setLists({ breached: breached.items, warning: warning.items, unassigned: unassigned.items });
    setSelected(new Map());
  }, []);
  useEffect(() => void load().catch((e: unknown) => setError(e)), [load]);
  useEffect(() => void casesApi.assignees().then(setPeople, () => undefined), []);
  const toggle = (c: TCaseSummary) => {
    const next = new Map(selected);
    if (next.has(c.id)) next.delete(c.id);
    else next.set(c.id, c.version);
    setSelected(next);
  };
  const checkbox = (c: TCaseSummary) => (
    <input
      className="form-checkbox"
      type="checkbox"
      aria-label={t('cases:selectCase', { reference: c.reference })}
      checked={selected.has(c.id)}
      onChange={() => toggle(c)}
    />
  );
  const reassign = async () => {
    setError(null);
    try {
      const r = await casesApi.bulkReassign({
        assigneeId: assignee || null,
        cases: [...selected].map(([caseId, expectedVersion]) => ({ caseId, expectedVersion })),
      });
      setStatus(t('cases:bulkDone', { ok: r.reassigned.length, failed: r.failed.length }));
      await load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h1>{t('cases:teamTitle')}</h1>
      <p className="font-lead">{t('cases:teamIntro')}</p>
      <p role="status" className="bo-status">
        {status}
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      <div className="bo-filter">
        <div className="form-group">
          <label className="form-label" htmlFor="bulk-assignee">
            {t('cases:reassignTo')}
          </label>
          <select
            className="form-select"
            id="bulk-assignee"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          >
            <option value="">{t('cases:unassigned')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button
          className="button button-primary"
          type="button"
          disabled={selected.size === 0}
          onClick={() => void reassign()}
        >
          {t('cases:reassignSelected', { n: selected.size })}
        </button>
      </div>
      {lists && (
        <>
          <h2>
            {t('cases:clock_breached')} ({lists.breached.length})
          </h2>
          <QueueTable
            items={lists.breached}
            t={t}
            locale={locale}
            caption={t('cases:breachedCaption')}
            select={checkbox}
          />
          <h2>
            {t('cases:clock_warning')} ({lists.warning.length})
          </h2>
          <QueueTable
            items={lists.warning}
            t={t}
            locale={locale}
            caption={t('cases:warningCaption')}
            select={checkbox}
          />
          <h2>
            {t('cases:unassigned')} ({lists.unassigned.length})
          </h2>
          <QueueTable
            items={lists.unassigned}
            t={t}
            locale={locale}
            caption={t('cases:unassignedCaption')}
            select={checkbox}
          />
        </>
      )}
    </>
  );
}
