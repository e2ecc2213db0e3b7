import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  INQUIRY_CHANNELS,
  type TCaseStatusView,
  type TContactTopic,
  type TInquiryView,
  type TRegisterInquiry,
} from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { Link } from '../../router/router.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { contactsApi, flattenUnits } from './contacts-api.js';

type Result = 'resolved' | 'forwarded' | 'referred';
const EMPTY = {
  channel: 'phone',
  topicCode: '',
  citizenId: '',
  businessCvr: '',
  caseReference: '',
  note: '',
  result: 'resolved' as Result,
  forwardToUnitId: '',
  dueDate: '',
  referredTo: '',
};

/** The front line's working page: register an inquiry beside the topic's charter, "where is my case?", and the tasks. */
export function CitizenServicePage() {
  const { t, locale } = useT();
  const [topics, setTopics] = useState<TContactTopic[]>([]);
  const [units, setUnits] = useState<{ id: string; name: string; depth: number }[]>([]);
  const [tasks, setTasks] = useState<TInquiryView[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [lookup, setLookup] = useState({
    reference: '',
    result: null as TCaseStatusView | null,
    error: null as unknown,
  });
  const [lastInquiryId, setLastInquiryId] = useState<string | undefined>();
  const [answers, setAnswers] = useState<Record<string, string>>({});

  const loadTasks = (signal?: AbortSignal) => contactsApi.tasks(signal).then(setTasks);
  useEffect(() => {
    const ctl = new AbortController();
    Promise.all([
      contactsApi.topics(ctl.signal).then(setTopics),
      contactsApi.units(ctl.signal).then((u) => setUnits(flattenUnits(u))),
      loadTasks(ctl.signal),
    ]).catch((e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, []);

  const name = (x: { da: string; en: string }) => (locale === 'da' ? x.da : x.en);
  const topic = useMemo(() => topics.find((x) => x.code === form.topicCode), [topics, form.topicCode]);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const onRegister = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body: Record<string, unknown> = {
      channel: form.channel,
      topicCode: form.topicCode,
      note: form.note,
      result: form.result,
    };
    for (const k of ['citizenId', 'businessCvr', 'caseReference'] as const) if (form[k]) body[k] = form[k];
    if (form.result === 'forwarded')
      Object.assign(body, { forwardToUnitId: form.forwardToUnitId, dueDate: form.dueDate });
    if (form.result === 'referred') body.referredTo = form.referredTo;
    try {
      const r = await contactsApi.register(body as TRegisterInquiry);
      setLastInquiryId(r.id);
      setStatus(t('contacts:registered'));
      setForm({ ...EMPTY, channel: form.channel });
    } catch (err) {
      setError(err);
    }
  };
  const onLookUp = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setLookup({
        ...lookup,
        result: await contactsApi.caseStatus({ reference: lookup.reference, inquiryId: lastInquiryId }),
        error: null,
      });
    } catch (err) {
      setLookup({ ...lookup, result: null, error: err });
    }
  };
  const onAnswer = async (id: string) => {
    try {
      await contactsApi.answer(id, answers[id] ?? '');
      setStatus(t('contacts:sendAnswer'));
      await loadTasks();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>{t('contacts:frontTitle')}</h1>
      <p>
        <Link href="/app/citizen-service/figures">{t('contacts:figuresTitle')}</Link> ·{' '}
        <Link href="/app/citizen-service/appointments">{t('contacts:myBookingsTitle')}</Link>
      </p>
      <p role="status" className="bo-status">
        {status}
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      <div className="row">
        <section className="col-12 col-lg-7" aria-labelledby="register-heading">
          <h2 id="register-heading">{t('contacts:registerTitle')}</h2>
          <form onSubmit={onRegister}>
            <div className="form-group">
              <label className="form-label" htmlFor="inq-channel">
                {t('contacts:fieldChannel')}
              </label>
              <select className="form-select" id="inq-channel" value={form.channel} onChange={set('channel')}>
                {INQUIRY_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`contacts:channel_${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="inq-topic">
                {t('contacts:fieldTopic')}
              </label>
              <input
                className="form-input"
                id="inq-topic"
                list="inq-topics"
                value={form.topicCode}
                onChange={set('topicCode')}
                autoComplete="off"
              />
              <datalist id="inq-topics">
                {topics.map((x) => (
                  <option key={x.code} value={x.code}>
                    {name(x.name)}
                  </option>
                ))}
              </datalist>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="inq-citizen">
                {t('contacts:fieldCitizen')}
              </label>
              <input className="form-input" id="inq-citizen" value={form.citizenId} onChange={set('citizenId')} />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="inq-cvr">
                {t('contacts:fieldCvr')}
              </label>
              <input
                className="form-input input-width-s"
                id="inq-cvr"
                inputMode="numeric"
                value={form.businessCvr}
                onChange={set('businessCvr')}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="inq-case">
                {t('contacts:fieldCaseReference')}
              </label>
              <input
                className="form-input input-width-s"
                id="inq-case"
                value={form.caseReference}
                onChange={set('caseReference')}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="inq-note">
                {t('contacts:fieldNote')}
              </label>
              <textarea
                className="form-input"
                id="inq-note"
                rows={3}
                maxLength={2000}
                value={form.note}
                onChange={set('note')}
              />
            </div>
            <fieldset className="form-group">
              <legend className="form-label">{t('contacts:fieldResult')}</legend>
              {(['resolved', 'forwarded', 'referred'] as const).map((r) => (
                <div className="form-group-radio" key={r}>
                  <input
                    type="radio"
                    className="form-radio"
                    id={`inq-result-${r}`}
                    name="result"
                    value={r}
                    checked={form.result === r}
                    onChange={set('result')}
                  />
                  <label className="form-label" htmlFor={`inq-result-${r}`}>
                    {t(`contacts:result_${r}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            {form.result === 'forwarded' && (
              <>
                <div className="form-group">
                  <label className="form-label" htmlFor="inq-unit">
                    {t('contacts:fieldForwardUnit')}
                  </label>
                  <select
                    className="form-select"
                    id="inq-unit"
                    value={form.forwardToUnitId}
                    onChange={set('forwardToUnitId')}
                  >
                    <option value="" />
                    {units.map((u) => (
                      <option key={u.id} value={u.id}>{`${'· '.repeat(u.depth)}${u.name}`}</option>
                    ))}
                  </select>
                </div>
                <div className="form-group">
                  <label className="form-label" htmlFor="inq-due">
                    {t('contacts:fieldDueDate')}
                  </label>
                  <input
                    className="form-input input-width-s"
                    type="date"
                    id="inq-due"
                    value={form.dueDate}
                    onChange={set('dueDate')}
                  />
                </div>
              </>
            )}
            {form.result === 'referred' && (
              <div className="form-group">
                <label className="form-label" htmlFor="inq-referred">
                  {t('contacts:fieldReferredTo')}
                </label>
                <input className="form-input" id="inq-referred" value={form.referredTo} onChange={set('referredTo')} />
              </div>
            )}
            <button type="submit" className="button button-primary">
              {t('contacts:register')}
            </button>
          </form>
        </section>
        <aside className="col-12 col-lg-5" aria-labelledby="charter-heading">
          <h2 id="charter-heading">{t('contacts:charterTitle')}</h2>
          {topic ? (
            <>
              <h3>{name(topic.name)}</h3>
              {topic.canResolve.da && (
                <>
                  <h4>{t('contacts:charterCanResolve')}</h4>
                  <p>{name(topic.canResolve)}</p>
                </>
              )}
              {topic.mustForward.da && (
                <>
                  <h4>{t('contacts:charterMustForward')}</h4>
                  <p>{name(topic.mustForward)}</p>
                </>
              )}
              {topic.answers.map((a) => (
                <p key={a.title.da}>
                  <strong>{name(a.title)}</strong> {name(a.text)}
                </p>
              ))}
            </>
          ) : (
            <p>{t('contacts:chooseTopic')}</p>
          )}
          <h2 id="lookup-heading">{t('contacts:lookUpTitle')}</h2>
          <form onSubmit={onLookUp} aria-labelledby="lookup-heading">
            <div className="form-group">
              <label className="form-label" htmlFor="lookup-ref">
                {t('contacts:fieldCaseReference')}
              </label>
              <input
                className="form-input input-width-s"
                id="lookup-ref"
                value={lookup.reference}
                onChange={(e) => setLookup({ ...lookup, reference: e.target.value })}
              />
            </div>
            <p className="form-hint">{t('contacts:lookUpAudited')}</p>
            <button type="submit" className="button button-secondary">
              {t('contacts:lookUp')}
            </button>
          </form>
          {lookup.error != null && <ErrorAlert error={lookup.error} t={t} />}
          {lookup.result && (
            <div aria-live="polite">
              <p>
                <strong>{lookup.result.reference}</strong> {name(lookup.result.caseTypeName)}
              </p>
              <p>{t('contacts:caseState', { state: t(`cases:state_${lookup.result.state}`) })}</p>
              {lookup.result.goalDate && <p>{t('contacts:caseGoal', { date: lookup.result.goalDate })}</p>}
              {lookup.result.expectedBy && <p>{t('contacts:caseExpected', { date: lookup.result.expectedBy })}</p>}
            </div>
          )}
        </aside>
      </div>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{t('contacts:tasksTitle')}</h2>
        {tasks.length === 0 && <p>{t('contacts:tasksNone')}</p>}
        <ul className="nobullet-list">
          {tasks.map((x) => (
            <li key={x.id} className="bo-task">
              <p>
                <strong>{name(x.topicName)}</strong> · {t(`contacts:channel_${x.channel}`)} · {x.citizenName ?? ''}{' '}
                {x.caseReference ?? ''} {x.dueDate && t('contacts:due', { date: x.dueDate })}
              </p>
              <p>{x.note}</p>
              <label className="form-label" htmlFor={`answer-${x.id}`}>
                {t('contacts:answer')}
              </label>
              <textarea
                className="form-input"
                id={`answer-${x.id}`}
                rows={2}
                value={answers[x.id] ?? ''}
                onChange={(e) => setAnswers({ ...answers, [x.id]: e.target.value })}
              />
              <button type="button" className="button button-secondary" onClick={() => void onAnswer(x.id)}>
                {t('contacts:sendAnswer')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
