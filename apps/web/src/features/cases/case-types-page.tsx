import './cases.css';
import { useEffect, useState } from 'react';
import type { TCaseTypeSummary } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { casesApi } from './cases-api.js';
import { localized } from './case-format.js';

/**
 * The case-type catalogue for administrators: edit a definition as JSON and publish it as a new version, and move
 * definitions between installations by export and import. The server names any invalid field.
 */
export function CaseTypesPage() {
  const { t, locale } = useT();
  const [types, setTypes] = useState<TCaseTypeSummary[]>([]);
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = () => casesApi.caseTypes().then(setTypes, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  const attempt = async (work: () => Promise<string>) => {
    setError(null);
    try { setStatus(await work()); await load(); } catch (e) { setError((e as Error).message); }
  };
  const edit = (c: string) => attempt(async () => {
    const detail = await casesApi.caseType(c);
    setCode(c);
    setText(JSON.stringify(detail.definition, null, 2));
    return t('caseTypes:editing', { code: c, version: detail.currentVersion });
  });
  const publish = () => attempt(async () => {
    const r = await casesApi.publishCaseType(JSON.parse(text));
    return r.published ? t('caseTypes:published', { code: r.code, version: r.version }) : t('caseTypes:unchanged');
  });
  const exportAll = () => attempt(async () => {
    const file = await casesApi.exportCaseTypes();
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'case-types.json';
    a.click();
    URL.revokeObjectURL(url);
    return t('caseTypes:exported', { n: file.caseTypes.length });
  });
  const importFile = (file: File) => attempt(async () => {
    const r = await casesApi.importCaseTypes(JSON.parse(await file.text()));
    return t('caseTypes:imported', { published: r.published.length, unchanged: r.unchanged.length });
  });
  return (
    <>
      <h1>{t('caseTypes:title')}</h1>
      <p className="font-lead">{t('caseTypes:intro')}</p>
      <p role="status" className="bo-status">{status}</p>
      {error && <div className="alert alert-error" role="alert"><div className="alert-body"><p className="alert-text">{error}</p></div></div>}
      <table className="table table--compact">
        <caption>{t('caseTypes:caption')}</caption>
        <thead><tr><th scope="col">{t('caseTypes:name')}</th><th scope="col">{t('caseTypes:code')}</th><th scope="col">{t('caseTypes:version')}</th><th scope="col">{t('caseTypes:goal')}</th><th scope="col"><span className="sr-only">{t('caseTypes:edit')}</span></th></tr></thead>
        <tbody>
          {types.map((c) => (
            <tr key={c.id}>
              <td>{localized(c.name, locale)}</td><td>{c.code}</td><td>{c.currentVersion}</td>
              <td>{c.serviceGoal.duration.amount} {t(`cases:unit_${c.serviceGoal.duration.unit}`)}, {Math.round(c.serviceGoal.targetShare * 100)} %</td>
              <td><button className="button button-secondary" type="button" onClick={() => void edit(c.code)}>{t('caseTypes:editNamed', { code: c.code })}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-group">
        <label className="form-label" htmlFor="ct-json">{code ? t('caseTypes:definitionOf', { code }) : t('caseTypes:definition')}</label>
        <span className="form-hint" id="ct-json-hint">{t('caseTypes:definitionHint')}</span>
        <textarea className="form-input bo-json" id="ct-json" aria-describedby="ct-json-hint" rows={18} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <p>
        <button className="button button-primary" type="button" disabled={!text} onClick={() => void publish()}>{t('caseTypes:publish')}</button>{' '}
        <button className="button button-secondary" type="button" onClick={() => void exportAll()}>{t('caseTypes:export')}</button>
      </p>
      <div className="form-group">
        <label className="form-label" htmlFor="ct-import">{t('caseTypes:import')}</label>
        <input className="form-file-input" id="ct-import" type="file" accept="application/json" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
      </div>
    </>
  );
}
