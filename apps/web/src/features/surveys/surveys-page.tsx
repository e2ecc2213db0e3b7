import { useEffect, useState } from 'react';
import { SURVEY_GROUPINGS, type TSurveyComments, type TSurveyFollowUp, type TSurveyResults } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { activeRoles, useSession } from '../../session/session.js';
import { surveysApi, surveysQuery } from './surveys-api.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));

/**
 * Survey results: response rates and, per question, the mean and the share satisfied with their 95% intervals,
 * overall or broken down; free text for the quality role; the follow-up tasks very unhappy answers opened.
 */
export function SurveysPage() {
  const { t, locale } = useT();
  const { me } = useSession();
  const roles = activeRoles(me);
  const [surveys, setSurveys] = useState<{ code: string; title: string }[]>([]);
  const [survey, setSurvey] = useState('after-decision');
  const [by, setBy] = useState<(typeof SURVEY_GROUPINGS)[number]>('none');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [results, setResults] = useState<TSurveyResults | null>(null);
  const [comments, setComments] = useState<TSurveyComments | null>(null);
  const [followUps, setFollowUps] = useState<TSurveyFollowUp[]>([]);
  const [error, setError] = useState<unknown>(null);
  const query = surveysQuery({ survey, by, from, to });
  const lang = locale === 'da' ? 'da' : locale === 'sv' ? 'sv' : 'en';

  useEffect(() => {
    const ctl = new AbortController();
    surveysApi.list(ctl.signal).then(
      (list) => setSurveys(list.map((s) => ({ code: s.code, title: s.definition.title[lang] ?? s.code }))),
      (e: unknown) => !isAbort(e) && setError(e),
    );
    return () => ctl.abort();
  }, [lang]);
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    surveysApi.results(query, ctl.signal).then(setResults, (e: unknown) => !isAbort(e) && setError(e));
    if (roles.has('quality'))
      surveysApi
        .comments(surveysQuery({ survey, from, to, maxScore: '2' }), ctl.signal)
        .then(setComments, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [query]);
  const canFollowUp = roles.has('quality') || roles.has('teamlead');
  useEffect(() => {
    if (!canFollowUp) return;
    const ctl = new AbortController();
    surveysApi.followUps(ctl.signal).then(setFollowUps, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [canFollowUp]);

  async function close(id: string) {
    const note = window.prompt(t('surveys:closeNote'));
    if (!note) return;
    try {
      await surveysApi.closeFollowUp(id, note);
      setFollowUps((list) => list.filter((f) => f.id !== id));
    } catch (e) {
      setError(e);
    }
  }

  const questions = new Map((results?.questions ?? []).map((q) => [q.id, q.text]));
  return (
    <>
      <h1>{t('surveys:pageTitle')}</h1>
      <div className="bo-filter">
        <div className="form-group">
          <label className="form-label" htmlFor="sv-survey">
            {t('surveys:survey')}
          </label>
          <select className="form-select" id="sv-survey" value={survey} onChange={(e) => setSurvey(e.target.value)}>
            {(surveys.length ? surveys : [{ code: survey, title: survey }]).map((s) => (
              <option key={s.code} value={s.code}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="sv-by">
            {t('surveys:groupBy')}
          </label>
          <select
            className="form-select"
            id="sv-by"
            value={by}
            onChange={(e) => setBy(e.target.value as (typeof SURVEY_GROUPINGS)[number])}
          >
            {SURVEY_GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`surveys:by_${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="sv-from">
            {t('surveys:from')}
          </label>
          <input
            className="form-input"
            type="date"
            id="sv-from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="sv-to">
            {t('surveys:to')}
          </label>
          <input className="form-input" type="date" id="sv-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      <p>
        <a className="function-link" href={`/api/surveys/results.xlsx?${query}`} download>
          {t('surveys:download')}
        </a>
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      {results && (
        <section aria-labelledby="sv-results">
          <h2 id="sv-results">{results.title}</h2>
          <p className="form-hint">{t('surveys:method')}</p>
          <div className="table--responsive-scroll">
            <table className="table table--compact" data-testid="survey-results">
              <thead>
                <tr>
                  <th scope="col">{t(`surveys:by_${by}`)}</th>
                  <th scope="col">{t('surveys:invited')}</th>
                  <th scope="col">{t('surveys:responses')}</th>
                  <th scope="col">{t('surveys:responseRate')}</th>
                  <th scope="col">{t('surveys:colQuestion')}</th>
                  <th scope="col">{t('surveys:mean')}</th>
                  <th scope="col">{t('surveys:shareSatisfied')}</th>
                </tr>
              </thead>
              <tbody>
                {results.groups.map((g) =>
                  g.suppressed ? (
                    <tr key={g.key}>
                      <th scope="row">{g.label}</th>
                      <td colSpan={6}>{t('surveys:suppressedGroup')}</td>
                    </tr>
                  ) : (
                    g.questions
                      .filter((q) => q.shareSatisfied !== null)
                      .map((q, i) => (
                        <tr key={`${g.key}-${q.questionId}`}>
                          <th scope="row">{i === 0 ? g.label : ''}</th>
                          <td>{i === 0 ? g.invited : ''}</td>
                          <td>{i === 0 ? g.responses : ''}</td>
                          <td>{i === 0 ? pct(g.responseRate) : ''}</td>
                          <td>{questions.get(q.questionId)}</td>
                          <td>
                            {num(q.mean)}
                            {q.meanInterval && (
                              <span className="form-hint">
                                {' '}
                                {t('surveys:interval', {
                                  low: num(q.meanInterval.low),
                                  high: num(q.meanInterval.high),
                                })}
                              </span>
                            )}
                          </td>
                          <td>
                            {pct(q.shareSatisfied)}
                            {q.shareInterval && (
                              <span className="form-hint">
                                {' '}
                                {t('surveys:interval', {
                                  low: pct(q.shareInterval.low),
                                  high: pct(q.shareInterval.high),
                                })}
                              </span>
                            )}
                          </td>
                        </tr>
                      ))
                  ),
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {comments && (
        <section aria-labelledby="sv-comments">
          <h2 id="sv-comments">
            {t('surveys:comments')} – {t('surveys:commentsOnlyUnhappy')}
          </h2>
          {comments.suppressed && <p className="form-hint">{t('surveys:commentsSuppressed')}</p>}
          {comments.comments.length === 0 ? (
            <p>{t('surveys:noComments')}</p>
          ) : (
            <ul data-testid="survey-comments">
              {comments.comments.slice(0, 50).map((c, i) => (
                <li key={i}>
                  <q>{c.text}</q>{' '}
                  <span className="form-hint">
                    {c.answeredOn} · {c.unitName ?? ''} {c.caseType ? `· ${c.caseType}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {canFollowUp && (
        <section aria-labelledby="sv-follow-ups">
          <h2 id="sv-follow-ups">{t('surveys:followUps')}</h2>
          {followUps.length === 0 ? (
            <p>{t('surveys:noFollowUps')}</p>
          ) : (
            <ul data-testid="survey-follow-ups">
              {followUps.map((f) => (
                <li key={f.id}>
                  {f.createdAt.slice(0, 10)} · {f.unitName} {f.caseType ? `· ${f.caseType}` : ''} · {t('surveys:score')}{' '}
                  {f.score}{' '}
                  <button type="button" className="button button-secondary" onClick={() => void close(f.id)}>
                    {t('surveys:close')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
