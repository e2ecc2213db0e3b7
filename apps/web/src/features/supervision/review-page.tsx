import { useEffect, useState, type FormEvent } from 'react';
import type { TProgramme, TReview, TSample, TSubmitReview } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, useParams } from '../../router/router.js';
import { api } from '../../api/client.js';
import { supervisionApi } from './supervision-api.js';

type Answer = TSubmitReview['answers'][number]['answer'];

/**
 * The review of one sampled case, beside the case file (opened read-only in its own page; each opening is
 * audited with the purpose "supervision"): each criterion once, the holistic score, a finding to follow up.
 */
export function ReviewPage() {
  const { t } = useT();
  const { id, caseId } = useParams();
  const [sample, setSample] = useState<TSample | null>(null);
  const [programme, setProgramme] = useState<TProgramme | null>(null);
  const [review, setReview] = useState<TReview | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const fail = (e: unknown) => !isAbort(e) && setError(e);
    supervisionApi.sample(id, ctl.signal).then((s) => {
      setSample(s);
      // Only a reviewed case has a review to show: asking for one that has not would be a 404.
      if (s.cases.some((c) => c.caseId === caseId && c.reviewed))
        api.get<TReview>(`/api/supervision/samples/${id}/cases/${caseId}/review`, ctl.signal).then(setReview, fail);
      return supervisionApi.programme(s.programmeId, ctl.signal).then(setProgramme);
    }, fail);
    return () => ctl.abort();
  }, [id, caseId]);
  const sc = sample?.cases.find((c) => c.caseId === caseId);
  if (!sample || !programme || !sc) return error !== null ? <ErrorAlert error={error} t={t} /> : null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    supervisionApi
      .review(id, caseId, {
        answers: programme.criteria.map((c) => ({
          criterionId: c.id,
          answer: String(f.get(`a-${c.id}`) ?? '') as Answer,
          comment: String(f.get(`c-${c.id}`) ?? ''),
        })),
        holisticScore: Number(f.get('score')),
        followUp: f.get('followUp') === 'on',
        followUpNote: String(f.get('followUpNote') ?? ''),
      })
      .then(setReview, setError);
  };
  const answerText = (a: Answer) => t(`supervision:answer_${a}`);
  return (
    <>
      <p>
        <Link href={`/app/supervision/samples/${id}`}>{t('supervision:sampleHeading', { label: sample.label })}</Link>
      </p>
      <h1>{t('supervision:reviewHeading', { reference: sc.reference })}</h1>
      <p>
        <a href={`/app/cases/${caseId}`} target="_blank" rel="noreferrer">
          {t('supervision:openCase')}
        </a>
      </p>
      {error !== null && <ErrorAlert error={error} t={t} />}
      {review ? (
        <>
          <p role="status">{t('supervision:saved')}</p>
          <dl>
            {programme.criteria.map((c) => {
              const a = review.answers.find((x) => x.criterionId === c.id);
              return (
                <div key={c.id}>
                  <dt>{c.text}</dt>
                  <dd>
                    {a ? answerText(a.answer) : '–'}
                    {a?.comment && ` — ${a.comment}`}
                  </dd>
                </div>
              );
            })}
            <div>
              <dt>{t('supervision:holisticScore')}</dt>
              <dd>
                {review.holisticScore}: {programme.scoreLevels[review.holisticScore - 1]}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          {programme.criteria.map((c) => (
            <fieldset key={c.id} className="form-group">
              <legend className="form-label">{c.text}</legend>
              {c.guidance && <p className="form-hint">{c.guidance}</p>}
              {(['met', 'not_met', ...(c.allowsNotApplicable ? ['not_applicable'] : [])] as Answer[]).map((a) => (
                <div className="form-group-radio" key={a}>
                  <input className="form-radio" type="radio" id={`a-${c.id}-${a}`} name={`a-${c.id}`} value={a} />
                  <label htmlFor={`a-${c.id}-${a}`}>{answerText(a)}</label>
                </div>
              ))}
              <label className="form-label" htmlFor={`c-${c.id}`}>
                {t('supervision:comment')}
              </label>
              <input className="form-input" id={`c-${c.id}`} name={`c-${c.id}`} />
            </fieldset>
          ))}
          <fieldset className="form-group">
            <legend className="form-label">{t('supervision:holisticScore')}</legend>
            {programme.scoreLevels.map((level, i) => (
              <div className="form-group-radio" key={level}>
                <input className="form-radio" type="radio" id={`score-${i + 1}`} name="score" value={i + 1} />
                <label htmlFor={`score-${i + 1}`}>{level}</label>
              </div>
            ))}
          </fieldset>
          <div className="form-group-checkbox">
            <input className="form-checkbox" type="checkbox" id="followUp" name="followUp" />
            <label htmlFor="followUp">{t('supervision:followUp')}</label>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="followUpNote">
              {t('supervision:followUpNote')}
            </label>
            <textarea className="form-input" id="followUpNote" name="followUpNote" rows={3} />
          </div>
          <button className="button button-primary" type="submit">
            {t('supervision:submitReview')}
          </button>
        </form>
      )}
    </>
  );
}
