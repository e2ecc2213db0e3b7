import './workflows.css';
import { useEffect, useState } from 'react';
import type { TModelMapping } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { errorSentence } from '../../errors/error-text.js';
import { Link, useParams } from '../../router/router.js';
import { workflowsApi } from './workflows-api.js';

const IGNORE = '__ignore__';

/** Ties the event log's activities to the workflow's steps: by name automatically, by hand for the rest. */
export function MappingPage() {
  const { t } = useT();
  const { id } = useParams();
  const [mapping, setMapping] = useState<TModelMapping | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const load = (m: TModelMapping) => {
    setMapping(m);
    setChoice(
      Object.fromEntries(
        m.rows.map((r) => [r.activity, r.how === 'ignored' ? IGNORE : r.how === 'manual' ? (r.elementId ?? '') : '']),
      ),
    );
  };
  useEffect(
    () => void workflowsApi.mapping(id).then(load, (e: unknown) => setStatus({ ok: false, text: errorSentence(e, t) })),
    [id],
  );
  if (!mapping) return <p role="status">{status?.text ?? t('workflows:loading')}</p>;

  const rows = [
    ...mapping.rows,
    ...(extra.trim() && !mapping.rows.some((r) => r.activity === extra.trim())
      ? [{ activity: extra.trim(), elementId: null, how: 'unmapped' as const }]
      : []),
  ];
  const save = async () => {
    const entries = Object.entries(choice)
      .filter(([, v]) => v)
      .map(([activity, v]) => ({ activity, elementId: v === IGNORE ? null : v }));
    try {
      load(await workflowsApi.saveMapping(id, entries));
      setExtra('');
      setStatus({ ok: true, text: t('workflows:mappingSaved') });
    } catch (e) {
      setStatus({ ok: false, text: errorSentence(e, t) });
    }
  };
  const nameOf = (el: string | null) => mapping.tasks.find((x) => x.elementId === el)?.name ?? el ?? '';
  return (
    <>
      <p>
        <Link href={`/app/workflows/${id}`}>{t('workflows:back')}</Link>
      </p>
      <h1>{t('workflows:mappingTitle')}</h1>
      <p>{t('workflows:mappingIntro')}</p>
      {status && (
        <div className={`alert ${status.ok ? 'alert-success' : 'alert-error'}`} role={status.ok ? 'status' : 'alert'}>
          <div className="alert-body">
            <p className="alert-text">{status.text}</p>
          </div>
        </div>
      )}
      <div className="form-group">
        <label className="form-label" htmlFor="map-extra">
          {t('workflows:addActivity')}
        </label>
        <input className="form-input" id="map-extra" value={extra} onChange={(e) => setExtra(e.target.value)} />
      </div>
      <table className="table">
        <caption className="sr-only">{t('workflows:mappingTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workflows:activity')}</th>
            <th scope="col">{t('workflows:mappedBy')}</th>
            <th scope="col">{t('workflows:step')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.activity}>
              <th scope="row">{r.activity}</th>
              <td>
                {t(`workflows:how_${r.how}`)}
                {r.how === 'name' ? ` (${nameOf(r.elementId)})` : ''}
              </td>
              <td>
                <label className="sr-only" htmlFor={`map-${i}`}>
                  {t('workflows:stepFor', { activity: r.activity })}
                </label>
                <select
                  className="form-select"
                  id={`map-${i}`}
                  value={choice[r.activity] ?? ''}
                  onChange={(e) => setChoice({ ...choice, [r.activity]: e.target.value })}
                >
                  <option value="">{r.how === 'name' ? t('workflows:keepByName') : t('workflows:notMapped')}</option>
                  <option value={IGNORE}>{t('workflows:notPartOfWorkflow')}</option>
                  {mapping.tasks.map((x) => (
                    <option key={x.elementId} value={x.elementId}>
                      {x.name || x.elementId}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button-primary" onClick={() => void save()}>
        {t('workflows:saveMapping')}
      </button>
    </>
  );
}
