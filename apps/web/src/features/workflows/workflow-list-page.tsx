import './workflows.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { TProcessModelSummary } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link } from '../../router/router.js';
import { activeRoles, useSession } from '../../session/session.js';
import { EDITOR_ROLES, workflowsApi } from './workflows-api.js';

/** The workflow portal: every employee browses and searches the workflows, by case type, topic or guidance text. */
export function WorkflowListPage() {
  const { t } = useT();
  const { me } = useSession();
  const canEdit = EDITOR_ROLES.some((r) => activeRoles(me).has(r));
  const [query, setQuery] = useState({ q: '', caseTypeCode: '', topic: '' });
  const [submitted, setSubmitted] = useState(query);
  const [models, setModels] = useState<TProcessModelSummary[] | null>(null);
  const [all, setAll] = useState<TProcessModelSummary[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    workflowsApi.search(submitted, ctl.signal).then(setModels, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [submitted]);
  useEffect(() => void workflowsApi.search({}).then(setAll, () => undefined), []);

  const caseTypes = [...new Set(all.map((m) => m.caseTypeCode).filter((c): c is string => !!c))].sort();
  const topics = [...new Set(all.map((m) => m.topic).filter(Boolean))].sort();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(query);
  };
  return (
    <>
      <h1>{t('workflows:portalTitle')}</h1>
      <p className="font-lead">{t('workflows:portalIntro')}</p>
      {canEdit && (
        <p>
          <Link href="/app/workflows/new" className="button button-primary">
            {t('workflows:newWorkflow')}
          </Link>
        </p>
      )}
      <form className="bo-filter" role="search" onSubmit={onSubmit}>
        <div className="form-group">
          <label className="form-label" htmlFor="wf-q">
            {t('workflows:searchLabel')}
          </label>
          <span className="form-hint" id="wf-q-hint">
            {t('workflows:searchHint')}
          </span>
          <input
            className="form-input"
            id="wf-q"
            type="search"
            aria-describedby="wf-q-hint"
            value={query.q}
            onChange={(e) => setQuery({ ...query, q: e.target.value })}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="wf-ct">
            {t('workflows:caseType')}
          </label>
          <select
            className="form-select"
            id="wf-ct"
            value={query.caseTypeCode}
            onChange={(e) => setQuery({ ...query, caseTypeCode: e.target.value })}
          >
            <option value="">{t('workflows:all')}</option>
            {caseTypes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="wf-topic">
            {t('workflows:topic')}
          </label>
          <select
            className="form-select"
            id="wf-topic"
            value={query.topic}
            onChange={(e) => setQuery({ ...query, topic: e.target.value })}
          >
            <option value="">{t('workflows:all')}</option>
            {topics.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('workflows:search')}
        </button>
      </form>
      {error != null && <ErrorAlert error={error} t={t} />}
      <p role="status" className="bo-result-count">
        {models ? t('workflows:resultCount', { count: models.length }) : t('workflows:loading')}
      </p>
      <ul className="bo-card-list">
        {models?.map((m) => (
          <li key={m.id} className="bo-card">
            <h2 className="h3">
              <Link href={`/app/workflows/${m.id}`}>{m.name}</Link>
            </h2>
            <p className="bo-meta">
              {[
                m.topic,
                m.caseTypeCode,
                t('workflows:stepCount', { count: m.taskCount }),
                t('workflows:versionN', { version: m.currentVersion }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {m.description && <p>{m.description}</p>}
            {m.matchedTasks.length > 0 && (
              <p>
                {t('workflows:matchedSteps')}{' '}
                {m.matchedTasks.map((s, i) => (
                  <span key={s.elementId}>
                    {i > 0 && ', '}
                    <Link href={`/app/workflows/${m.id}?step=${encodeURIComponent(s.elementId)}`}>{s.name}</Link>
                  </span>
                ))}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
