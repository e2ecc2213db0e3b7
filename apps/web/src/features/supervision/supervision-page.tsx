import { useEffect, useState, type FormEvent } from 'react';
import type { TCreateProgramme, TProgrammeList } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, navigate } from '../../router/router.js';
import { unitName, useSession } from '../../session/session.js';
import { supervisionApi } from './supervision-api.js';

const DEFAULT_CRITERIA = [
  'notes | Notatpligten er overholdt | Væsentlige oplysninger og mundtlige henvendelser er noteret | nej',
  'hearing | Partshøring er foretaget, hvor det kræves | Forvaltningsloven § 19 | ja',
  'reasons | Begrundelse og klagevejledning er givet | Forvaltningsloven §§ 22–25 | nej',
  'deadline | Fristen er overholdt | Servicemålet for sagstypen | nej',
  'rules | De rette retsregler er anvendt |  | nej',
].join('\n');
const DEFAULT_LEVELS = [
  '1 – Utilstrækkelig: væsentlige mangler',
  '2 – Delvist tilfredsstillende',
  '3 – Tilfredsstillende',
  '4 – God: sagen er forbilledlig',
].join('\n');

/** "code | text | guidance | yes/no" lines to checklist criteria. */
function parseCriteria(text: string): TCreateProgramme['criteria'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [code = '', crit = '', guidance = '', na = ''] = line.split('|').map((x) => x.trim());
      return { code, text: crit, guidance, allowsNotApplicable: /^(ja|yes|j|y)$/i.test(na) };
    });
}

/** The supervision programmes the reader runs, leads or reviews; the quality unit sets up new ones here. */
export function SupervisionPage() {
  const { t } = useT();
  const [list, setList] = useState<TProgrammeList | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    supervisionApi.programmes(ctl.signal).then(setList, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, []);
  return (
    <>
      <h1>{t('supervision:title')}</h1>
      <p>{t('supervision:intro')}</p>
      {error !== null && <ErrorAlert error={error} t={t} />}
      <h2>{t('supervision:programmes')}</h2>
      {list && list.items.length === 0 && <p>{t('supervision:noProgrammes')}</p>}
      <ul>
        {list?.items.map((p) => (
          <li key={p.id}>
            <Link href={`/app/supervision/programmes/${p.id}`}>{p.title}</Link> — {p.focusArea} (
            {t(`supervision:schedule_${p.schedule}`)}, {t('supervision:samples').toLowerCase()}: {p.samples})
          </li>
        ))}
      </ul>
      <NewProgrammeForm />
    </>
  );
}

function NewProgrammeForm() {
  const { t, locale } = useT();
  const { me } = useSession();
  const units = me.units.filter((u) => u.roles.includes('quality'));
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const [reviewers, setReviewers] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!unitId) return;
    const ctl = new AbortController();
    supervisionApi.people(unitId, ctl.signal).then(
      (r) => setPeople(r.items),
      (e: unknown) => !isAbort(e) && setError(e),
    );
    return () => ctl.abort();
  }, [unitId]);
  if (units.length === 0) return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '');
    setError(null);
    supervisionApi
      .createProgramme({
        unitId,
        title: s('title'),
        focusArea: s('focusArea'),
        reasonKind: s('reasonKind') as TCreateProgramme['reasonKind'],
        reason: s('reason'),
        legalBasis: s('legalBasis'),
        schedule: s('schedule') as TCreateProgramme['schedule'],
        scoreLevels: s('scoreLevels')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
        caseTypeIds: [],
        criteria: parseCriteria(s('criteria')),
        reviewerIds: [...reviewers],
      })
      .then((p) => navigate(`/app/supervision/programmes/${p.id}`), setError);
  };
  const field = (name: string, label: string, input: React.ReactNode) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`sp-${name}`}>
        {label}
      </label>
      {input}
    </div>
  );
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('supervision:newProgramme')}</h2>
      {error !== null && <ErrorAlert error={error} t={t} />}
      {field(
        'unit',
        t('supervision:unit'),
        <select className="form-select" id="sp-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitName(u, locale)}
            </option>
          ))}
        </select>,
      )}
      {field('title', t('supervision:programmeTitle'), <input className="form-input" id="sp-title" name="title" />)}
      {field(
        'focusArea',
        t('supervision:focusArea'),
        <input className="form-input" id="sp-focusArea" name="focusArea" />,
      )}
      {field(
        'reasonKind',
        t('supervision:reasonKind'),
        <select className="form-select" id="sp-reasonKind" name="reasonKind">
          {['audit_remark', 'complaints', 'citizens_advisor', 'legislation', 'other'].map((k) => (
            <option key={k} value={k}>
              {t(`supervision:reason_${k}`)}
            </option>
          ))}
        </select>,
      )}
      {field('reason', t('supervision:reason'), <input className="form-input" id="sp-reason" name="reason" />)}
      {field(
        'legalBasis',
        t('supervision:legalBasis'),
        <input className="form-input" id="sp-legalBasis" name="legalBasis" />,
      )}
      {field(
        'schedule',
        t('supervision:schedule'),
        <select className="form-select" id="sp-schedule" name="schedule">
          {['monthly', 'quarterly', 'half_yearly', 'once'].map((k) => (
            <option key={k} value={k}>
              {t(`supervision:schedule_${k}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'criteria',
        t('supervision:criteria'),
        <textarea className="form-input" id="sp-criteria" name="criteria" rows={6} defaultValue={DEFAULT_CRITERIA} />,
      )}
      {field(
        'scoreLevels',
        t('supervision:scoreLevels'),
        <textarea
          className="form-input"
          id="sp-scoreLevels"
          name="scoreLevels"
          rows={4}
          defaultValue={DEFAULT_LEVELS}
        />,
      )}
      <fieldset>
        <legend className="form-label">{t('supervision:reviewers')}</legend>
        {people.map((p) => (
          <div className="form-group-checkbox" key={p.id}>
            <input
              className="form-checkbox"
              type="checkbox"
              id={`sp-reviewer-${p.id}`}
              checked={reviewers.has(p.id)}
              onChange={(e) => {
                const next = new Set(reviewers);
                if (e.target.checked) next.add(p.id);
                else next.delete(p.id);
                setReviewers(next);
              }}
            />
            <label htmlFor={`sp-reviewer-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
      <button className="button button-primary" type="submit">
        {t('supervision:create')}
      </button>
    </form>
  );
}
