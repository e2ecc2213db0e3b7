import './case-types.css';
import { useEffect, useState } from 'react';
import type { TCaseTypeSummary, TUnitNode } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { caseTypesApi } from './case-types-api.js';
import { localized } from '../../i18n/localized-text.js';
import { definitionToForm, emptyForm, type CaseTypeForm } from './case-type-form.js';
import { CaseTypeEditor, type PublishOutcome, type UnitOption } from './case-type-editor.js';

interface Editing {
  form: CaseTypeForm;
  code: string | null;
  version: number | null;
  key: string;
}

/** The authority's units in tree order, indented, for the handling-unit picker. */
function unitOptions(roots: TUnitNode[], locale: string): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (nodes: TUnitNode[], depth: number) => {
    for (const n of [...nodes].sort((a, b) => a.nameDa.localeCompare(b.nameDa, 'da'))) {
      out.push({
        code: n.code,
        label: `${'\u00a0\u00a0'.repeat(depth)}${locale === 'da' ? n.nameDa : n.nameEn} (${n.code})`,
      });
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/**
 * The case-type catalogue for administrators: open the current version of a case type (or a new, empty one) in a
 * structured editor and publish it as the next version; move definitions between installations by export and
 * import. Cases keep the version they were opened under.
 */
export function CaseTypesPage() {
  const { t, locale } = useT();
  const [types, setTypes] = useState<TCaseTypeSummary[]>([]);
  const [units, setUnits] = useState<TUnitNode[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => caseTypesApi.list().then(setTypes, (e: unknown) => setError(e));
  useEffect(() => {
    void load();
    void caseTypesApi.units().then(setUnits, (e: unknown) => setError(e));
  }, []);
  const attempt = async (work: () => Promise<string>) => {
    setError(null);
    try {
      setStatus(await work());
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const open = (code: string) =>
    attempt(async () => {
      const detail = await caseTypesApi.get(code);
      setEditing({
        form: definitionToForm(detail.definition),
        code,
        version: detail.currentVersion,
        key: `${code}@${detail.currentVersion}`,
      });
      return t('caseTypes:editing', { code, version: detail.currentVersion });
    });
  const openNew = () => {
    setError(null);
    setEditing({ form: emptyForm(), code: null, version: null, key: `new@${Date.now()}` });
    setStatus(t('caseTypes:creating'));
  };
  const published = (r: PublishOutcome) => {
    if (!r.published) return setStatus(t('caseTypes:unchanged'));
    // Reopen what the server stored, as its new version: the form then shows exactly what cases will get.
    void attempt(async () => {
      const detail = await caseTypesApi.get(r.code);
      setEditing({
        form: definitionToForm(detail.definition),
        code: r.code,
        version: detail.currentVersion,
        key: `${r.code}@${detail.currentVersion}`,
      });
      return t('caseTypes:published', { code: r.code, version: r.version });
    });
  };
  const exportAll = () =>
    attempt(async () => {
      const file = await caseTypesApi.exportAll();
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'case-types.json';
      a.click();
      URL.revokeObjectURL(url);
      return t('caseTypes:exported', { n: file.caseTypes.length });
    });
  const importFile = (file: File) =>
    attempt(async () => {
      const r = await caseTypesApi.importAll(JSON.parse(await file.text()));
      return t('caseTypes:imported', { published: r.published.length, unchanged: r.unchanged.length });
    });
  const heading = editing?.code
    ? t('caseTypes:editingHeading', { code: editing.code, version: editing.version ?? 0 })
    : t('caseTypes:newTypeHeading');
  return (
    <>
      <h1>{t('caseTypes:title')}</h1>
      <p className="font-lead">{t('caseTypes:intro')}</p>
      <p role="status" className="bo-status">
        {status}
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      <table className="table table--compact">
        <caption>{t('caseTypes:caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('caseTypes:name')}</th>
            <th scope="col">{t('caseTypes:code')}</th>
            <th scope="col">{t('caseTypes:version')}</th>
            <th scope="col">{t('caseTypes:goal')}</th>
            <th scope="col">
              <span className="sr-only">{t('caseTypes:edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {types.map((c) => (
            <tr key={c.id}>
              <td>{localized(c.name, locale)}</td>
              <td>{c.code}</td>
              <td>{c.currentVersion}</td>
              <td>
                {c.serviceGoal.duration.amount} {t(`cases:unit_${c.serviceGoal.duration.unit}`)},{' '}
                {Math.round(c.serviceGoal.targetShare * 100)} %
              </td>
              <td>
                <button className="button button-secondary" type="button" onClick={() => void open(c.code)}>
                  {t('caseTypes:editNamed', { code: c.code })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button className="button button-primary" type="button" onClick={openNew}>
          {t('caseTypes:newType')}
        </button>{' '}
        <button className="button button-secondary" type="button" onClick={() => void exportAll()}>
          {t('caseTypes:export')}
        </button>
      </p>
      <div className="form-group">
        <label className="form-label" htmlFor="ct-import">
          {t('caseTypes:import')}
        </label>
        <input
          className="form-file-input"
          id="ct-import"
          type="file"
          accept="application/json"
          onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
        />
      </div>
      {editing && (
        <CaseTypeEditor
          key={editing.key}
          initial={editing.form}
          isNew={editing.code === null}
          heading={heading}
          units={unitOptions(units, locale)}
          onPublished={published}
          onClose={() => {
            setEditing(null);
            setStatus('');
          }}
        />
      )}
    </>
  );
}
