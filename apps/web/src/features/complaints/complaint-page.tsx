import { useEffect, useState } from 'react';
import { APPEAL_OUTCOMES, PROCEDURE_CAUSES, PROCEDURE_OUTCOMES, type TComplaintView } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { Link, useParams } from '../../router/router.js';
import { ActionForm, lines, type Values } from '../cases/action-form.js';
import { complaintsApi } from './complaints-api.js';

const today = () => new Date().toISOString().slice(0, 10);

/** One complaint: what was complained of, its deadline and steps, and the next step the handler can take. */
export function ComplaintPage() {
  const { t, locale } = useT();
  const { id } = useParams();
  const [c, setC] = useState<TComplaintView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    complaintsApi.get(id!, ctl.signal).then(setC, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [id]);
  if (!c) return error != null ? <ErrorAlert error={error} t={t} /> : null;
  const day = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(locale === 'da' ? 'da-DK' : 'en-GB') : '–';
  const run = (path: string, body: (v: Values) => object) => async (v: Values) => {
    setNotice('');
    const next = await complaintsApi.step(c.id, path, { expectedVersion: c.version, ...body(v) });
    setC(next);
    setNotice(t('complaints:saved'));
  };
  const received = c.state === 'received';
  return (
    <>
      <h1>
        {t(`complaints:kind_${c.kind}`)} – {c.caseReference}
      </h1>
      <p role="status" className="bo-status">
        {notice}
      </p>
      <dl className="bo-facts">
        <dt>{t('complaints:state')}</dt>
        <dd id="complaint-state">{t(`complaints:state_${c.state}`)}</dd>
        <dt>{t('complaints:channel')}</dt>
        <dd>
          {t(`complaints:channel_${c.channel}`)}, {day(c.receivedAt)}
        </dd>
        <dt>{t('complaints:responseDeadline')}</dt>
        <dd>
          {c.responseDeadline ?? '–'}
          {c.deadlineStatus && ` (${t(`complaints:deadlineStatus_${c.deadlineStatus}`)})`}
        </dd>
        <dt>{t('complaints:handler')}</dt>
        <dd>{c.handlerName ?? '–'}</dd>
        <dt>{t('complaints:text')}</dt>
        <dd className="bo-pre">{c.text}</dd>
        {c.reconsideration && (
          <>
            <dt>{t('complaints:reconsideration')}</dt>
            <dd>
              {t(`complaints:result_${c.reconsideration}`)} ({day(c.reconsideredAt)})
            </dd>
          </>
        )}
        {c.forwardedAt && (
          <>
            <dt>{t('complaints:forwarded')}</dt>
            <dd>{t('complaints:forwardedTo', { body: c.appealBody ?? '', date: day(c.forwardedAt) })}</dd>
          </>
        )}
        {c.appealOutcome && (
          <>
            <dt>{t('complaints:appealOutcome')}</dt>
            <dd>
              {t(`complaints:appealOutcome_${c.appealOutcome}`)} ({c.appealDecidedOn})
            </dd>
          </>
        )}
        {c.procedureOutcome && (
          <>
            <dt>{t('complaints:outcome')}</dt>
            <dd>
              {t(`complaints:procedureOutcome_${c.procedureOutcome}`)}, {t(`complaints:cause_${c.procedureCause}`)}
            </dd>
          </>
        )}
      </dl>
      <p>
        <Link href={`/app/cases/${c.caseId}`}>{t('complaints:openCase')}</Link>
      </p>
      {error != null && <ErrorAlert error={error} t={t} />}
      {received && c.kind === 'decision' && (
        <ActionForm
          id="reconsider"
          t={t}
          open
          title={t('complaints:actReconsider')}
          submitLabel={t('complaints:save')}
          fields={[
            {
              name: 'result',
              type: 'radio',
              label: t('complaints:result'),
              options: (['upheld', 'changed', 'partly_changed'] as const).map((r) => [r, t(`complaints:result_${r}`)]),
            },
            { name: 'reasons', type: 'textarea', label: t('complaints:reasons'), required: true },
            { name: 'forwardingLetter', type: 'textarea', label: t('complaints:forwardingLetter') },
            {
              name: 'outcome',
              type: 'select',
              label: t('complaints:newOutcome'),
              options: (['granted', 'partly_granted', 'refused'] as const).map((o) => [o, t(`cases:outcome_${o}`)]),
            },
            { name: 'decisionReasons', type: 'textarea', label: t('complaints:decisionReasons') },
            { name: 'legalRules', type: 'textarea', label: t('complaints:legalRules') },
            { name: 'appealGuidance', type: 'textarea', label: t('complaints:appealGuidance') },
          ]}
          onSubmit={run('reconsideration', (v) =>
            v.result === 'upheld'
              ? { result: 'upheld', reasons: v.reasons, forwardingLetter: v.forwardingLetter }
              : {
                  result: v.result,
                  reasons: v.reasons,
                  decision: {
                    outcome: v.outcome,
                    reasons: v.decisionReasons,
                    legalRules: lines(v.legalRules),
                    ...(v.appealGuidance ? { appealGuidance: v.appealGuidance } : {}),
                  },
                },
          )}
        />
      )}
      {c.state === 'forwarded' && (
        <ActionForm
          id="appeal-outcome"
          t={t}
          open
          title={t('complaints:actAppealOutcome')}
          submitLabel={t('complaints:save')}
          fields={[
            {
              name: 'outcome',
              type: 'radio',
              label: t('complaints:appealOutcome'),
              options: APPEAL_OUTCOMES.map((o) => [o, t(`complaints:appealOutcome_${o}`)]),
            },
            { name: 'decidedOn', type: 'date', label: t('complaints:decidedOn'), initial: today(), required: true },
            { name: 'reasons', type: 'textarea', label: t('complaints:reasons'), required: true },
          ]}
          onSubmit={run('appeal-outcome', (v) => ({ outcome: v.outcome, decidedOn: v.decidedOn, reasons: v.reasons }))}
        />
      )}
      {received && c.kind === 'procedure' && (
        <ActionForm
          id="answer"
          t={t}
          open
          title={t('complaints:actAnswer')}
          submitLabel={t('complaints:save')}
          fields={[
            {
              name: 'outcome',
              type: 'radio',
              label: t('complaints:outcome'),
              options: PROCEDURE_OUTCOMES.map((o) => [o, t(`complaints:procedureOutcome_${o}`)]),
            },
            {
              name: 'cause',
              type: 'select',
              label: t('complaints:cause'),
              options: PROCEDURE_CAUSES.map((o) => [o, t(`complaints:cause_${o}`)]),
            },
            { name: 'letter', type: 'textarea', label: t('complaints:letter'), required: true },
          ]}
          onSubmit={run('answer', (v) => ({ outcome: v.outcome, cause: v.cause, letter: v.letter }))}
        />
      )}
      {received && (
        <ActionForm
          id="reclassify"
          t={t}
          title={t('complaints:actReclassify')}
          submitLabel={t('complaints:save')}
          fields={[
            {
              name: 'kind',
              type: 'radio',
              label: t('complaints:kind'),
              options: (['procedure', 'decision'] as const)
                .filter((k) => k !== c.kind)
                .map((k) => [k, t(`complaints:kind_${k}`)]),
            },
            { name: 'reason', type: 'textarea', label: t('complaints:reclassifyReason'), required: true },
          ]}
          onSubmit={run('classification', (v) => ({ kind: v.kind, reason: v.reason }))}
        />
      )}
    </>
  );
}
