import './workflows.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TModelTask, TProcessModelDetail } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, navigate, useLocation, useParams } from '../../router/router.js';
import { activeRoles, useSession } from '../../session/session.js';
import { BpmnDiagram } from './bpmn-diagram.js';
import type { DiagramHandle } from './bpmn-viewer.js';
import { GuidanceEditor } from './guidance-editor.js';
import { StepGuidance } from './step-guidance.js';
import { EDITOR_ROLES, workflowsApi } from './workflows-api.js';
import { WorkflowUnit } from './workflow-unit.js';

/** One workflow: the diagram, its steps (a list for keyboard users too), and the chosen step's guidance. */
export function WorkflowPage() {
  const { t } = useT();
  const { id } = useParams();
  const location = useLocation();
  const { me } = useSession();
  const mayDraw = EDITOR_ROLES.some((r) => activeRoles(me).has(r));
  const version = Number(location.searchParams.get('version')) || undefined;
  const selected = location.searchParams.get('step');
  const [model, setModel] = useState<TProcessModelDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const diagram = useRef<DiagramHandle | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    workflowsApi.get(id, version, ctl.signal).then(setModel, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [id, version]);

  const select = useCallback(
    (elementId: string | null) => {
      const p = new URLSearchParams(location.search);
      if (elementId) p.set('step', elementId);
      else p.delete('step');
      setEditing(false);
      navigate(`${location.pathname}?${p}`, { replace: true });
    },
    [location],
  );
  const onSelect = useCallback(
    (el: string) => model?.tasks.some((x) => x.elementId === el) && select(el),
    [model, select],
  );
  const onReady = useCallback((h: DiagramHandle) => (diagram.current = h), []);

  useEffect(() => {
    const h = diagram.current;
    if (!h || !selected) return;
    h.addMarker(selected, 'bo-selected');
    return () => h.removeMarker(selected, 'bo-selected');
  }, [selected, model]);

  if (error != null) return <ErrorAlert error={error} t={t} />;
  if (!model) return <p role="status">{t('workflows:loading')}</p>;
  const task = model.tasks.find((x) => x.elementId === selected) ?? null;
  const isCurrent = model.version === model.currentVersion;
  // The server says whether this workflow is the reader's to change (its unit's analysts, the authority's admins).
  const canEdit = mayDraw && model.editable;
  const onSaved = (saved: TModelTask) => {
    setModel({ ...model, tasks: model.tasks.map((x) => (x.elementId === saved.elementId ? saved : x)) });
    setEditing(false);
  };
  return (
    <>
      <p>
        <Link href="/app/workflows">{t('workflows:backToPortal')}</Link>
      </p>
      <h1>{model.name}</h1>
      <p className="bo-meta">
        {[model.topic, model.caseTypeCode, t('workflows:versionN', { version: model.version })]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {model.description && <p>{model.description}</p>}
      <WorkflowUnit
        model={model}
        onMoved={(moved) => setModel({ ...model, unitId: moved.unitId, editable: moved.editable })}
      />
      <div className="bo-actions">
        {model.versions.length > 1 && (
          <div className="form-group">
            <label className="form-label" htmlFor="wf-version">
              {t('workflows:version')}
            </label>
            <select
              className="form-select"
              id="wf-version"
              value={model.version}
              onChange={(e) => navigate(`/app/workflows/${model.id}?version=${e.target.value}`)}
            >
              {model.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t('workflows:versionOption', {
                    version: v.version,
                    date: v.createdAt.slice(0, 10),
                    comment: v.comment || v.source,
                  })}
                </option>
              ))}
            </select>
          </div>
        )}
        {canEdit && isCurrent && (
          <Link className="button button-secondary" href={`/app/workflows/${model.id}/edit`}>
            {t('workflows:editDiagram')}
          </Link>
        )}
        {canEdit && (
          <Link className="button button-secondary" href={`/app/workflows/${model.id}/mapping`}>
            {t('workflows:mapping')}
          </Link>
        )}
        <Link className="button button-secondary" href={`/app/navigator?model=${model.id}`}>
          {t('workflows:openInNavigator')}
        </Link>
      </div>
      {model.warnings.length > 0 && (
        <div className="alert alert-warning">
          <div className="alert-body">
            <ul className="alert-text">
              {model.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <div className="bo-split">
        <div className="bo-split-main">
          <BpmnDiagram
            xml={model.bpmnXml}
            label={t('workflows:diagramLabel', { name: model.name })}
            onReady={onReady}
            onSelect={onSelect}
          />
          <h2 className="h3">{t('workflows:steps')}</h2>
          <ul className="bo-step-list">
            {model.tasks.map((s) => (
              <li key={s.elementId}>
                <button
                  type="button"
                  className="function-link"
                  aria-pressed={s.elementId === selected}
                  onClick={() => select(s.elementId)}
                >
                  {s.name || s.elementId}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <aside className="bo-split-side" aria-live="polite">
          {!task && <p>{t('workflows:chooseStep')}</p>}
          {task && !editing && <StepGuidance task={task} />}
          {task && !editing && canEdit && isCurrent && (
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
              {t('workflows:editGuidance')}
            </button>
          )}
          {task && editing && (
            <GuidanceEditor
              modelId={model.id}
              version={model.version}
              task={task}
              onSaved={onSaved}
              onCancel={() => setEditing(false)}
            />
          )}
        </aside>
      </div>
    </>
  );
}
