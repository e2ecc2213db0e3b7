import { useState, type FormEvent } from 'react';
import type { TModelTask, TTaskLink } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { workflowsApi } from './workflows-api.js';

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function parseLinks(s: string): TTaskLink[] {
  return lines(s).map((l) => {
    const [label, url, kind] = l.split('|').map((x) => x.trim());
    return {
      label: label || url,
      url: url ?? '',
      kind: (['tool', 'template'].includes(kind ?? '') ? kind : 'other') as TTaskLink['kind'],
    };
  });
}

/** Writing a step's guidance: plain text with a few marks, one reference, checklist item or link per line. */
export function GuidanceEditor(props: {
  modelId: string;
  version: number;
  task: TModelTask;
  onSaved(task: TModelTask): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const { task } = props;
  const [guidance, setGuidance] = useState(task.guidance);
  const [legal, setLegal] = useState(task.legalRefs.join('\n'));
  const [checklist, setChecklist] = useState(task.checklist.join('\n'));
  const [links, setLinks] = useState(task.links.map((l) => `${l.label} | ${l.url} | ${l.kind}`).join('\n'));
  const [deadline, setDeadline] = useState(task.deadlineDays === null ? '' : String(task.deadlineDays));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = (k: string) => `ge-${k}`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await workflowsApi.saveGuidance(props.modelId, props.version, task.elementId, {
        guidance,
        legalRefs: lines(legal),
        checklist: lines(checklist),
        links: parseLinks(links),
        deadlineDays: deadline.trim() ? Number(deadline) : null,
      });
      props.onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (k: string, label: string, hint: string, value: string, set: (v: string) => void, rows = 4) => (
    <div className="form-group">
      <label className="form-label" htmlFor={id(k)}>
        {label}
      </label>
      <span className="form-hint" id={`${id(k)}-hint`}>
        {hint}
      </span>
      <textarea
        className="form-input"
        id={id(k)}
        rows={rows}
        aria-describedby={`${id(k)}-hint`}
        value={value}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={t('workflows:editGuidanceFor', { name: task.name })}>
      {error != null && (
        <ErrorAlert
          error={error}
          t={t}
          labels={{
            guidance: t('workflows:guidance'),
            legalRefs: t('workflows:legalRefs'),
            checklist: t('workflows:checklist'),
            links: t('workflows:toolsAndTemplates'),
            deadlineDays: t('workflows:deadlineLabel'),
          }}
        />
      )}
      {field('guidance', t('workflows:guidance'), t('workflows:guidanceHint'), guidance, setGuidance, 8)}
      {field('legal', t('workflows:legalRefs'), t('workflows:onePerLine'), legal, setLegal)}
      {field('checklist', t('workflows:checklist'), t('workflows:onePerLine'), checklist, setChecklist)}
      {field('links', t('workflows:toolsAndTemplates'), t('workflows:linksHint'), links, setLinks)}
      <div className="form-group">
        <label className="form-label" htmlFor={id('deadline')}>
          {t('workflows:deadlineLabel')}
        </label>
        <span className="form-hint" id={`${id('deadline')}-hint`}>
          {t('workflows:deadlineHint')}
        </span>
        <input
          className="form-input input-width-xs"
          id={id('deadline')}
          inputMode="decimal"
          aria-describedby={`${id('deadline')}-hint`}
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('workflows:save')}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={props.onCancel}>
        {t('workflows:cancel')}
      </button>
    </form>
  );
}
