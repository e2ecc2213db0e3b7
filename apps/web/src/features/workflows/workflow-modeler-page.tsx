import './workflows.css';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { TProcessModelDetail, TUploadedLog } from '@sagsgang/contracts';
import { api } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { ApiError } from '../../api/client.js';
import { ErrorContent } from '../../errors/error-alert.js';
import { Link, navigate, useParams } from '../../router/router.js';
import type { ModelerHandle } from './bpmn-modeler.js';
import { workflowsApi } from './workflows-api.js';

interface Problem {
  message: string;
  elementId?: string;
  line?: number;
}

function problemsOf(err: unknown): Problem[] {
  const details = err instanceof ApiError ? (err.details as { problems?: Problem[] } | undefined) : undefined;
  return details?.problems ?? [];
}

/** Draw a workflow in the browser, or import a .bpmn file, and save it as a new model or a new version. */
export function WorkflowModelerPage() {
  const { t } = useT();
  const { id } = useParams();
  const container = useRef<HTMLDivElement>(null);
  const modeler = useRef<ModelerHandle | null>(null);
  const [existing, setExisting] = useState<TProcessModelDetail | null>(null);
  const [form, setForm] = useState({ name: '', topic: '', caseTypeCode: '', description: '', comment: '' });
  const [source, setSource] = useState<'modeler' | 'import' | 'discovered'>('modeler');
  const [logs, setLogs] = useState<TUploadedLog[]>([]);
  const [logId, setLogId] = useState('');
  useEffect(
    () =>
      void api.get<TUploadedLog[]>('/api/navigator/logs').then(
        (l) => {
          setLogs(l);
          setLogId(l[0]?.id ?? '');
        },
        () => undefined,
      ),
    [],
  );
  const [error, setError] = useState<{ error: unknown; problems: Problem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let handle: ModelerHandle | null = null;
    let cancelled = false;
    void (async () => {
      const mod = await import('./bpmn-modeler.js');
      if (cancelled) return;
      handle = mod.createModeler(container.current!);
      modeler.current = handle;
      const model = id ? await workflowsApi.get(id) : null;
      if (cancelled) return;
      setExisting(model);
      await handle.load(model?.bpmnXml ?? mod.EMPTY_DIAGRAM);
    })().catch((e: unknown) => setError({ error: e, problems: [] }));
    return () => {
      cancelled = true;
      handle?.destroy();
    };
  }, [id]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file || !modeler.current) return;
    setError(null);
    try {
      await modeler.current.load(await file.text());
      setSource('import');
      if (!form.name && !existing) setForm({ ...form, name: file.name.replace(/\.bpmn$/i, '') });
    } catch (err) {
      setError({
        error: new Error(t('workflows:importFailed', { file: file.name, message: (err as Error).message })),
        problems: [],
      });
    }
  };

  // A model discovered from a log by the mining engine, opened in the modeler to be edited before it is saved.
  const onDiscover = async () => {
    if (!modeler.current || !logId) return;
    setError(null);
    try {
      const found = await api.post<{ bpmnXml: string }>('/api/navigator/discover', {
        population: { kind: 'log', logId },
      });
      await modeler.current.load(found.bpmnXml);
      setSource('discovered');
    } catch (err) {
      setError({ error: err, problems: [] });
    }
  };

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (!modeler.current) return;
    setBusy(true);
    setError(null);
    try {
      const bpmnXml = await modeler.current.save();
      const saved = existing
        ? await workflowsApi.saveVersion(existing.id, { bpmnXml, source, comment: form.comment })
        : await workflowsApi.create({ ...form, caseTypeCode: form.caseTypeCode || null, bpmnXml, source });
      navigate(`/app/workflows/${saved.id}`);
    } catch (err) {
      setError({ error: err, problems: problemsOf(err) });
    } finally {
      setBusy(false);
    }
  };
  const input = (k: keyof typeof form, label: string, required = false) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`wm-${k}`}>
        {label}
      </label>
      <input
        className="form-input"
        id={`wm-${k}`}
        required={required}
        value={form[k]}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      />
    </div>
  );
  return (
    <>
      <p>
        <Link href={existing ? `/app/workflows/${existing.id}` : '/app/workflows'}>{t('workflows:back')}</Link>
      </p>
      <h1>{existing ? t('workflows:editTitle', { name: existing.name }) : t('workflows:newTitle')}</h1>
      <p>{t('workflows:modelerIntro')}</p>
      {error && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <ErrorContent error={error.error} t={t} />
            {error.problems.length > 0 && (
              <ul>
                {error.problems.map((p, i) => (
                  <li key={i}>
                    {p.message}
                    {p.elementId ? ` (${p.elementId})` : ''}
                    {p.line ? ` — ${t('workflows:line', { line: p.line })}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <div className="form-group">
        <label className="form-label" htmlFor="wm-file">
          {t('workflows:importFile')}
        </label>
        <span className="form-hint" id="wm-file-hint">
          {t('workflows:importHint')}
        </span>
        <input
          className="form-file-input"
          id="wm-file"
          type="file"
          accept=".bpmn,.xml,application/xml,text/xml"
          aria-describedby="wm-file-hint"
          onChange={(e) => void onFile(e)}
        />
      </div>
      {logs.length > 0 && (
        <div className="bo-actions">
          <div className="form-group">
            <label className="form-label" htmlFor="wm-log">
              {t('workflows:discoverFrom')}
            </label>
            <select className="form-select" id="wm-log" value={logId} onChange={(e) => setLogId(e.target.value)}>
              {logs.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.cases})
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button button-secondary" onClick={() => void onDiscover()}>
            {t('workflows:discover')}
          </button>
        </div>
      )}
      <div className="bo-modeler" ref={container} role="application" aria-label={t('workflows:modelerLabel')} />
      <form onSubmit={(e) => void onSave(e)}>
        {!existing && input('name', t('workflows:name'), true)}
        {!existing && input('topic', t('workflows:topic'))}
        {!existing && input('caseTypeCode', t('workflows:caseTypeCode'))}
        {!existing && input('description', t('workflows:description'))}
        {input('comment', t('workflows:versionComment'))}
        <button type="submit" className="button button-primary" disabled={busy}>
          {existing ? t('workflows:saveVersion') : t('workflows:create')}
        </button>
      </form>
    </>
  );
}
