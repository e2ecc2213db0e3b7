import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { TCreateInitiative, TDrawSample, TInitiative, TProgramme, TSampleList } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, navigate, useParams } from '../../router/router.js';
import { supervisionApi } from './supervision-api.js';

export const field = (id: string, label: string, input: ReactNode) => (
  <div className="form-group">
    <label className="form-label" htmlFor={id}>
      {label}
    </label>
    {input}
  </div>
);

/** One programme: its checklist, its samples (and drawing the next), its improvement initiatives. */
export function ProgrammePage() {
  const { t } = useT();
  const { id } = useParams();
  const [programme, setProgramme] = useState<TProgramme | null>(null);
  const [samples, setSamples] = useState<TSampleList | null>(null);
  const [initiatives, setInitiatives] = useState<TInitiative[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    (signal?: AbortSignal) => {
      const fail = (e: unknown) => !isAbort(e) && setError(e);
      supervisionApi.programme(id, signal).then(setProgramme, fail);
      supervisionApi.samples(id, signal).then(setSamples, fail);
      supervisionApi.initiatives(id, signal).then((r) => setInitiatives(r.items), fail);
    },
    [id],
  );
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal);
    return () => ctl.abort();
  }, [load]);
  if (!programme) return error !== null ? <ErrorAlert error={error} t={t} /> : null;
  return (
    <>
      <p>
        <Link href="/app/supervision">{t('supervision:title')}</Link>
      </p>
      <h1>{programme.title}</h1>
      {error !== null && <ErrorAlert error={error} t={t} />}
      <dl>
        <dt>{t('supervision:focusArea')}</dt>
        <dd>{programme.focusArea}</dd>
        <dt>{t('supervision:reasonKind')}</dt>
        <dd>
          {t(`supervision:reason_${programme.reasonKind}`)}
          {programme.reason && `: ${programme.reason}`}
        </dd>
        <dt>{t('supervision:legalBasis')}</dt>
        <dd>{programme.legalBasis || '–'}</dd>
        <dt>{t('supervision:schedule')}</dt>
        <dd>{t(`supervision:schedule_${programme.schedule}`)}</dd>
        <dt>{t('supervision:reviewers')}</dt>
        <dd>{programme.reviewers.map((r) => r.name).join(', ')}</dd>
      </dl>
      <h2>{t('supervision:criterion')}</h2>
      <ol>
        {programme.criteria.map((c) => (
          <li key={c.id}>
            {c.text}
            {c.guidance && <span className="form-hint"> — {c.guidance}</span>}
          </li>
        ))}
      </ol>
      <h2>{t('supervision:samples')}</h2>
      {samples && samples.items.length === 0 && <p>{t('supervision:noSamples')}</p>}
      <ul>
        {samples?.items.map((s) => (
          <li key={s.id}>
            <Link href={`/app/supervision/samples/${s.id}`}>{s.label}</Link> —{' '}
            {t('supervision:reviewedOf', { reviewed: s.reviewed, sampled: s.size })}
          </li>
        ))}
      </ul>
      <DrawForm programmeId={id} samples={samples} />
      <h2>{t('supervision:initiatives')}</h2>
      {initiatives.length === 0 && <p>{t('supervision:noInitiatives')}</p>}
      <InitiativeTable items={initiatives} />
      <InitiativeForm programme={programme} samples={samples} onCreated={() => load()} />
    </>
  );
}

export function InitiativeTable(props: { items: TInitiative[] }) {
  const { t } = useT();
  if (props.items.length === 0) return null;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('supervision:initiativeTitle')}</th>
            <th scope="col">{t('supervision:kind')}</th>
            <th scope="col">{t('supervision:owner')}</th>
            <th scope="col">{t('supervision:dueDate')}</th>
            <th scope="col">{t('supervision:status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.id}>
              <td>{i.title}</td>
              <td>{t(`supervision:kind_${i.kind}`)}</td>
              <td>{i.ownerName}</td>
              <td>{i.dueDate}</td>
              <td>
                {t(`supervision:status_${i.status}`)}
                {i.completedOn && ` (${i.completedOn})`}
                {i.overdue && ` — ${t('supervision:overdue')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrawForm(props: { programmeId: string; samples: TSampleList | null }) {
  const { t } = useT();
  const [design, setDesign] = useState<'simple' | 'stratified'>('stratified');
  const [sizeKind, setSizeKind] = useState<'fixed' | 'margin'>('fixed');
  const [error, setError] = useState<unknown>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '');
    const body: Partial<TDrawSample> = {
      label: s('label'),
      population: {
        caseTypeIds: [],
        unitIds: [],
        states: [],
        periodOf: 'decided',
        ...(s('from') && { from: s('from') }),
        ...(s('to') && { to: s('to') }),
      },
      design,
      ...(design === 'stratified' && {
        stratifyBy: s('stratifyBy') as 'unit' | 'case_type',
        allocation: s('allocation') as 'proportional' | 'equal',
      }),
      ...(sizeKind === 'fixed' ? { size: Number(s('size')) } : { margin: Number(s('margin')) / 100 }),
      ...(s('followUpOf') && { followUpOf: s('followUpOf') }),
    };
    setError(null);
    supervisionApi.draw(props.programmeId, body).then((x) => navigate(`/app/supervision/samples/${x.id}`), setError);
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('supervision:drawSample')}</h3>
      {error !== null && <ErrorAlert error={error} t={t} />}
      {field('ds-label', t('supervision:label'), <input className="form-input" id="ds-label" name="label" />)}
      {field(
        'ds-from',
        t('supervision:periodFrom'),
        <input className="form-input" type="date" id="ds-from" name="from" />,
      )}
      {field('ds-to', t('supervision:periodTo'), <input className="form-input" type="date" id="ds-to" name="to" />)}
      {field(
        'ds-design',
        t('supervision:design'),
        <select
          className="form-select"
          id="ds-design"
          value={design}
          onChange={(e) => setDesign(e.target.value as 'simple' | 'stratified')}
        >
          <option value="simple">{t('supervision:design_simple')}</option>
          <option value="stratified">{t('supervision:design_stratified')}</option>
        </select>,
      )}
      {design === 'stratified' && (
        <>
          {field(
            'ds-stratifyBy',
            t('supervision:stratifyBy'),
            <select className="form-select" id="ds-stratifyBy" name="stratifyBy">
              <option value="unit">{t('supervision:stratify_unit')}</option>
              <option value="case_type">{t('supervision:stratify_case_type')}</option>
            </select>,
          )}
          {field(
            'ds-allocation',
            t('supervision:allocation'),
            <select className="form-select" id="ds-allocation" name="allocation">
              <option value="proportional">{t('supervision:allocation_proportional')}</option>
              <option value="equal">{t('supervision:allocation_equal')}</option>
            </select>,
          )}
        </>
      )}
      {field(
        'ds-sizeKind',
        t('supervision:sizeKind'),
        <select
          className="form-select"
          id="ds-sizeKind"
          value={sizeKind}
          onChange={(e) => setSizeKind(e.target.value as 'fixed' | 'margin')}
        >
          <option value="fixed">{t('supervision:sizeFixed')}</option>
          <option value="margin">{t('supervision:sizeMargin')}</option>
        </select>,
      )}
      {sizeKind === 'fixed'
        ? field(
            'ds-size',
            t('supervision:size'),
            <input className="form-input" type="number" min={1} id="ds-size" name="size" defaultValue={20} />,
          )
        : field(
            'ds-margin',
            t('supervision:margin'),
            <input
              className="form-input"
              type="number"
              min={1}
              max={50}
              id="ds-margin"
              name="margin"
              defaultValue={10}
            />,
          )}
      {field(
        'ds-followUpOf',
        t('supervision:followUpOf'),
        <select className="form-select" id="ds-followUpOf" name="followUpOf">
          <option value="">{t('supervision:none')}</option>
          {props.samples?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>,
      )}
      <button className="button button-primary" type="submit">
        {t('supervision:draw')}
      </button>
    </form>
  );
}

function InitiativeForm(props: { programme: TProgramme; samples: TSampleList | null; onCreated: () => void }) {
  const { t } = useT();
  const { programme } = props;
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    supervisionApi.people(programme.unitId, ctl.signal).then(
      (r) => setPeople(r.items),
      (e: unknown) => !isAbort(e) && setError(e),
    );
    return () => ctl.abort();
  }, [programme.unitId]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '');
    const body: TCreateInitiative = {
      programmeId: programme.id,
      kind: s('kind') as TCreateInitiative['kind'],
      title: s('title'),
      ownerId: s('ownerId'),
      dueDate: s('dueDate'),
      ...(s('criterionId') && { criterionId: s('criterionId') }),
      ...(s('sampleId') && { sampleId: s('sampleId') }),
    };
    setError(null);
    supervisionApi.createInitiative(body).then(() => {
      form.reset();
      props.onCreated();
    }, setError);
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('supervision:newInitiative')}</h3>
      {error !== null && <ErrorAlert error={error} t={t} />}
      {field('in-title', t('supervision:initiativeTitle'), <input className="form-input" id="in-title" name="title" />)}
      {field(
        'in-kind',
        t('supervision:kind'),
        <select className="form-select" id="in-kind" name="kind">
          {['training', 'workflow', 'checklist_item', 'other'].map((k) => (
            <option key={k} value={k}>
              {t(`supervision:kind_${k}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'in-criterion',
        t('supervision:criterion'),
        <select className="form-select" id="in-criterion" name="criterionId">
          <option value="">{t('supervision:none')}</option>
          {programme.criteria.map((c) => (
            <option key={c.id} value={c.id}>
              {c.text}
            </option>
          ))}
        </select>,
      )}
      {field(
        'in-sample',
        t('supervision:samples'),
        <select className="form-select" id="in-sample" name="sampleId">
          <option value="">{t('supervision:none')}</option>
          {props.samples?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>,
      )}
      {field(
        'in-owner',
        t('supervision:owner'),
        <select className="form-select" id="in-owner" name="ownerId">
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        'in-due',
        t('supervision:dueDate'),
        <input className="form-input" type="date" id="in-due" name="dueDate" />,
      )}
      <button className="button button-primary" type="submit">
        {t('supervision:addInitiative')}
      </button>
    </form>
  );
}
