import './cases.css';
import { useCallback, useEffect, useState } from 'react';
import type { TCaseDetail, TCaseEvent } from '@sagsgang/contracts';
import { useT, type Translate } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { Link, useParams } from '../../router/router.js';
import { casesApi } from './cases-api.js';
import { ClockBar } from './clock-bar.js';
import { CaseActions } from './case-actions.js';
import { CaseDocuments } from './case-documents.js';
import { formatDate, formatDateTime } from './case-format.js';
import { localized } from '../../i18n/localized-text.js';
import { CaseWorkflowPanel } from '../workflows/case-workflow-panel.js';
import { AccessGrantNotice, BreakGlassForm, mayBreakGlass } from './break-glass.js';

function eventDetail(e: TCaseEvent, t: Translate): string {
  const a = e.attributes;
  switch (e.activity) {
    case 'screened':
      return a.fullyInformed
        ? t('cases:fullyInformed')
        : `${t('cases:missingInformation')}: ${(a.missing as { text: string }[]).map((m) => m.text).join(', ')}`;
    case 'information_requested':
      return (a.items as { text: string }[]).map((i) => i.text).join(', ');
    case 'phase_changed':
      return `${String(a.from ?? '–')} → ${String(a.to)}`;
    case 'decided':
      return `${t(`cases:outcome_${String(a.outcome)}`)}. ${String(a.reasons ?? '')}`;
    case 'extended':
      return `${String(a.reason ?? '')} ${a.newDeadline ? `→ ${String(a.newDeadline)}` : ''}`;
    case 'note_recorded':
      return `${String(a.who)}: ${String(a.what)}`;
    case 'document_added':
      return String(a.title);
    case 'hearing_started':
      return `${String(a.party)}, ${t('cases:replyBy')} ${String(a.replyBy)}`;
    default:
      return '';
  }
}

/** The case file: summary, clock, the actions its state allows, and the timeline, documents and notes. */
export function CasePage() {
  const { t, locale } = useT();
  const { id } = useParams();
  const [c, setCase] = useState<TCaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(async () => setCase(await casesApi.get(id!)), [id]);
  useEffect(() => void load().catch((e: unknown) => setError(e)), [load]);
  if (error != null)
    return (
      <>
        <h1>{t('cases:caseTitle')}</h1>
        {mayBreakGlass(error) ? (
          <BreakGlassForm
            caseId={id!}
            error={error}
            t={t}
            onOpened={async () => {
              await load();
              setError(null);
            }}
          />
        ) : (
          <ErrorAlert error={error} t={t} />
        )}
      </>
    );
  if (!c) return <p role="status">{t('cases:loading')}</p>;
  const onDone = async (message: string) => {
    await load();
    setStatus(message);
  };
  return (
    <>
      <p>
        <Link href="/app/cases/queue">{t('cases:backToQueue')}</Link>
      </p>
      <h1>{t('cases:caseHeading', { reference: c.reference })}</h1>
      <AccessGrantNotice grant={c.accessGrant} t={t} locale={locale} />
      <p className="font-lead">
        {localized(c.caseTypeName, locale)} — {c.applicantName}
      </p>
      <p role="status" className="bo-status">
        {status}
      </p>
      <div className="bo-case-grid">
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading" className="h3">
            {t('cases:summary')}
          </h2>
          <dl className="bo-facts">
            <dt>{t('cases:state')}</dt>
            <dd>{t(`cases:state_${c.state}`)}</dd>
            <dt>{t('cases:phase')}</dt>
            <dd>{localized(c.phases.find((p) => p.code === c.phaseCode)?.name, locale) || '–'}</dd>
            <dt>{t('cases:received')}</dt>
            <dd>
              {formatDate(c.receivedAt, locale)} ({t(`cases:channel_${c.channel}`)})
            </dd>
            <dt>{t('cases:assignee')}</dt>
            <dd>{c.assigneeName ?? t('cases:unassigned')}</dd>
            <dt>{t('cases:caseTypeVersion')}</dt>
            <dd>{c.caseTypeVersion}</dd>
            {c.outcome && (
              <>
                <dt>{t('cases:outcome')}</dt>
                <dd>{t(`cases:outcome_${c.outcome}`)}</dd>
              </>
            )}
          </dl>
        </section>
        <ClockBar clock={c.clock} t={t} locale={locale} />
      </div>
      <CaseActions key={c.version} c={c} t={t} locale={locale} onDone={onDone} />
      <CaseWorkflowPanel caseId={c.id} version={c.version} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('cases:timeline')}</h2>
        <ol className="bo-timeline">
          {[...c.events].reverse().map((e) => (
            <li key={e.id}>
              <strong>{t(`cases:activity_${e.activity}`)}</strong>{' '}
              <span className="bo-muted">
                {formatDateTime(e.occurredAt, locale)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </span>
              {eventDetail(e, t) && <p>{eventDetail(e, t)}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('cases:documents')}</h2>
        <CaseDocuments documents={c.documents} t={t} locale={locale} />
      </section>
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('cases:notes')}</h2>
        {c.notes.length === 0 ? (
          <p>{t('cases:noNotes')}</p>
        ) : (
          <ul className="bo-notes">
            {c.notes.map((n) => (
              <li key={n.eventId}>
                <strong>{n.who}</strong>, {formatDateTime(n.when, locale)}: {n.what}{' '}
                <span className="bo-muted">({t('cases:recordedBy', { name: n.recordedBy ?? '–' })})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
