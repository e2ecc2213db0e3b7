import '../workflows/workflows.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { TAnalysisInfo, TLogEncoding, TProcessModelSummary, TUploadedLog } from '@sagsgang/contracts';
import { ApiError } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { Link, navigate, useLocation } from '../../router/router.js';
import { workflowsApi } from '../workflows/workflows-api.js';
import { navigatorApi, pct } from './navigator-api.js';

/** Choose a workflow and a population, start an analysis; upload logs from other systems; earlier analyses. */
export function NavigatorPage() {
  const { t } = useT();
  const location = useLocation();
  const [models, setModels] = useState<TProcessModelSummary[]>([]);
  const [logs, setLogs] = useState<TUploadedLog[]>([]);
  const [analyses, setAnalyses] = useState<TAnalysisInfo[]>([]);
  const [modelId, setModelId] = useState(location.searchParams.get('model') ?? '');
  const [kind, setKind] = useState<'log' | 'case-type'>('log');
  const [logId, setLogId] = useState('');
  const [period, setPeriod] = useState({ caseTypeCode: '', from: '', to: '' });
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    void workflowsApi.search({}).then((m) => {
      setModels(m);
      setModelId((cur) => cur || m[0]?.id || '');
    });
    void navigatorApi.logs().then((l) => {
      setLogs(l);
      setLogId((cur) => cur || l[0]?.id || '');
    });
    void navigatorApi.list().then(setAnalyses);
  }, []);

  const onUpload = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget.elements;
    const file = (form.namedItem('nav-file') as HTMLInputElement).files?.[0];
    const encoding = (form.namedItem('nav-encoding') as HTMLSelectElement).value as TLogEncoding;
    if (!file) return setUploadError(new Error(t('navigator:chooseFile')));
    setUploading(true);
    setUploadError(null);
    try {
      const log = await navigatorApi.uploadLog(file, encoding);
      setLogs([log, ...logs]);
      setLogId(log.id);
      setKind('log');
    } catch (err) {
      const badEncoding = err instanceof ApiError && (err.details as { reason?: string })?.reason === 'bad_encoding';
      setUploadError(badEncoding ? new Error(t('navigator:badEncoding')) : err);
    } finally {
      setUploading(false);
    }
  };
  const onStart = async (e: FormEvent) => {
    e.preventDefault();
    setStartError(null);
    try {
      const population =
        kind === 'log'
          ? { kind, logId }
          : {
              kind,
              caseTypeCode: period.caseTypeCode,
              unitIds: [],
              from: period.from || undefined,
              to: period.to || undefined,
            };
      const a = await navigatorApi.start({ modelId, population, name: '' });
      navigate(`/app/navigator/analyses/${a.id}`);
    } catch (err) {
      setStartError(err);
    }
  };
  return (
    <>
      <h1>{t('navigator:title')}</h1>
      <p className="font-lead">{t('navigator:intro')}</p>
      <section aria-labelledby="nav-start">
        <h2 id="nav-start">{t('navigator:startTitle')}</h2>
        {startError != null && <ErrorAlert error={startError} t={t} />}
        <form onSubmit={(e) => void onStart(e)}>
          <div className="form-group">
            <label className="form-label" htmlFor="nav-model">
              {t('navigator:workflow')}
            </label>
            <select
              className="form-select"
              id="nav-model"
              value={modelId}
              onChange={(e) => setModelId(e.target.value)}
              required
            >
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="form-label">{t('navigator:population')}</legend>
            <div className="form-group-radio">
              <input
                className="form-radio"
                type="radio"
                id="pop-log"
                name="pop"
                checked={kind === 'log'}
                onChange={() => setKind('log')}
              />
              <label htmlFor="pop-log">{t('navigator:popLog')}</label>
            </div>
            <div className="form-group-radio">
              <input
                className="form-radio"
                type="radio"
                id="pop-ct"
                name="pop"
                checked={kind === 'case-type'}
                onChange={() => setKind('case-type')}
              />
              <label htmlFor="pop-ct">{t('navigator:popCaseType')}</label>
            </div>
          </fieldset>
          {kind === 'log' ? (
            <div className="form-group">
              <label className="form-label" htmlFor="nav-log">
                {t('navigator:log')}
              </label>
              <select className="form-select" id="nav-log" value={logId} onChange={(e) => setLogId(e.target.value)}>
                {logs.map((l) => (
                  <option key={l.id} value={l.id}>
                    {t('navigator:logOption', { name: l.name, cases: l.cases, events: l.events })}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="bo-filter">
              <div className="form-group">
                <label className="form-label" htmlFor="nav-ct">
                  {t('navigator:caseTypeCode')}
                </label>
                <input
                  className="form-input"
                  id="nav-ct"
                  value={period.caseTypeCode}
                  onChange={(e) => setPeriod({ ...period, caseTypeCode: e.target.value })}
                />
              </div>
              <div className="form-group">
                <label className="form-label" htmlFor="nav-from">
                  {t('navigator:from')}
                </label>
                <input
                  className="form-input"
                  type="date"
                  id="nav-from"
                  value={period.from}
                  onChange={(e) => setPeriod({ ...period, from: e.target.value })}
                />
              </div>
              <div className="form-group">
                <label className="form-label" htmlFor="nav-to">
                  {t('navigator:to')}
                </label>
                <input
                  className="form-input"
                  type="date"
                  id="nav-to"
                  value={period.to}
                  onChange={(e) => setPeriod({ ...period, to: e.target.value })}
                />
              </div>
            </div>
          )}
          <button type="submit" className="button button-primary">
            {t('navigator:runAnalysis')}
          </button>
        </form>
      </section>
      <section aria-labelledby="nav-upload" id="import">
        <h2 id="nav-upload">{t('navigator:uploadTitle')}</h2>
        <p>{t('navigator:uploadIntro')}</p>
        {uploadError != null && <ErrorAlert error={uploadError} t={t} />}
        <form onSubmit={(e) => void onUpload(e)}>
          <div className="form-group">
            <label className="form-label" htmlFor="nav-file">
              {t('navigator:logFile')}
            </label>
            <input className="form-file-input" id="nav-file" name="nav-file" type="file" accept=".xes,.csv,.gz,.xml" />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="nav-encoding">
              {t('navigator:encoding')}
            </label>
            <select className="form-select" id="nav-encoding" name="nav-encoding" defaultValue="auto">
              <option value="auto">{t('navigator:encodingAuto')}</option>
              <option value="utf-8">{t('navigator:encodingUtf8')}</option>
              <option value="windows-1252">{t('navigator:encodingWindows1252')}</option>
            </select>
          </div>
          <button type="submit" className="button button-secondary" disabled={uploading}>
            {uploading ? t('navigator:uploading') : t('navigator:upload')}
          </button>
        </form>
      </section>
      <section aria-labelledby="nav-earlier">
        <h2 id="nav-earlier">{t('navigator:earlier')}</h2>
        {analyses.length === 0 ? (
          <p>{t('navigator:none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('navigator:workflow')}</th>
                <th scope="col">{t('navigator:population')}</th>
                <th scope="col">{t('navigator:status')}</th>
                <th scope="col">{t('navigator:fitness')}</th>
                <th scope="col">{t('navigator:created')}</th>
              </tr>
            </thead>
            <tbody>
              {analyses.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/app/navigator/analyses/${a.id}`}>{a.modelName}</Link>
                  </td>
                  <td>{a.populationLabel}</td>
                  <td>{t(`navigator:status_${a.status}`)}</td>
                  <td>{a.summary ? pct(a.summary.logFitness, 1) : '—'}</td>
                  <td>{a.createdAt.slice(0, 16).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
