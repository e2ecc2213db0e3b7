import type { TCaseDetail } from '@sagsgang/contracts';
import {
  ACCEPTED_FILE_TYPES,
  DEFAULT_MAX_FILE_BYTES,
  DOCUMENT_DIRECTIONS,
  DOCUMENT_TYPES,
} from '@sagsgang/contracts/documents';
import { ApiError } from '../../api/client.js';
import type { Translate } from '../../i18n/i18n.js';
import { useSession } from '../../session/session.js';
import { ActionForm, lines, type Files, type Values } from './action-form.js';
import { casesApi } from './cases-api.js';
import { formatBytes } from './case-format.js';
import { localized } from '../../i18n/localized-text.js';

const OPEN = ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing'];
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const ACCEPT = ACCEPTED_FILE_TYPES.join(',');

/** The server's refusal of a file, said in the page's language; any other error as the server put it. */
function fileRefusal(err: unknown, fileName: string, size: string, t: Translate): unknown {
  const detail =
    err instanceof ApiError && Array.isArray(err.details)
      ? (err.details[0] as { path?: string; message?: string } | undefined)
      : undefined;
  if (
    detail?.path !== 'file' ||
    !['required', 'type', 'too_large', 'empty', 'incomplete'].includes(detail.message ?? '')
  )
    return err;
  return new Error(t(`cases:fileRefused_${detail.message}`, { file: fileName, size }));
}

/** The actions the case's state allows, each as a form; every submit sends the version the page was loaded at. */
export function CaseActions({
  c,
  t,
  locale,
  onDone,
}: {
  c: TCaseDetail;
  t: Translate;
  locale: string;
  onDone: (message: string) => Promise<void>;
}) {
  const { me } = useSession();
  const run = (path: string, body: (v: Values) => object, done: string) => async (v: Values) => {
    await casesApi.command(c.id, path, { expectedVersion: c.version, ...body(v) });
    await onDone(done);
  };
  const maxSize = formatBytes(DEFAULT_MAX_FILE_BYTES, locale);
  const attach = async (v: Values, files: Files) => {
    const file = files.file;
    if (!file) throw new Error(t('cases:fileRefused_required'));
    const form = new FormData();
    form.append('expectedVersion', String(c.version));
    form.append('title', v.title);
    form.append('documentType', v.documentType);
    form.append('direction', v.direction);
    form.append('file', file, file.name); // last: the server reads the fields before the file
    await casesApi.attachDocument(c.id, form).catch((err: unknown) => {
      throw fileRefusal(err, file.name, maxSize, t);
    });
    await onDone(t('cases:doneDocument'));
  };
  const open = OPEN.includes(c.state);
  const canScreen = c.state === 'received' || c.state === 'in_progress';
  return (
    <section aria-labelledby="actions-heading" className="bo-actions">
      <h2 id="actions-heading">{t('cases:actions')}</h2>
      {canScreen && (
        <ActionForm
          id="screen"
          t={t}
          title={t('cases:actScreen')}
          submitLabel={t('cases:saveVerdict')}
          open={c.state === 'received'}
          fields={[
            {
              name: 'verdict',
              type: 'radio',
              label: t('cases:verdict'),
              options: [
                ['fully_informed', t('cases:fullyInformed')],
                ['missing_information', t('cases:missingInformation')],
              ],
            },
            { name: 'missing', type: 'textarea', label: t('cases:missingItems'), hint: t('cases:onePerLine') },
          ]}
          onSubmit={run(
            'screening',
            (v) => ({ verdict: v.verdict, missing: lines(v.missing).map((text) => ({ text })) }),
            t('cases:doneScreen'),
          )}
        />
      )}
      {canScreen && (
        <ActionForm
          id="request"
          t={t}
          title={t('cases:actRequest')}
          submitLabel={t('cases:sendRequest')}
          fields={[
            {
              name: 'items',
              type: 'textarea',
              label: t('cases:requestItems'),
              hint: t('cases:onePerLine'),
              required: true,
            },
            { name: 'message', type: 'textarea', label: t('cases:messageToApplicant'), required: true },
            { name: 'dueDate', type: 'date', label: t('cases:dueDate'), required: true, initial: inDays(14) },
          ]}
          onSubmit={run(
            'information-requests',
            (v) => ({ items: lines(v.items).map((text) => ({ text })), message: v.message, dueDate: v.dueDate }),
            t('cases:doneRequest'),
          )}
        />
      )}
      {c.state === 'awaiting_applicant' && (
        <ActionForm
          id="answer"
          t={t}
          title={t('cases:actAnswer')}
          submitLabel={t('cases:registerAnswer')}
          open
          fields={[
            { name: 'summary', type: 'textarea', label: t('cases:answerSummary') },
            { name: 'partial', type: 'checkbox', label: t('cases:stillMissing') },
          ]}
          onSubmit={run(
            'information-received',
            (v) => ({ summary: v.summary || undefined, fullyInformed: v.partial !== 'true' }),
            t('cases:doneAnswer'),
          )}
        />
      )}
      {canScreen && (
        <ActionForm
          id="hearing"
          t={t}
          title={t('cases:actHearing')}
          submitLabel={t('cases:startHearing')}
          fields={[
            { name: 'party', type: 'text', label: t('cases:party'), required: true, initial: c.applicantName },
            { name: 'subject', type: 'textarea', label: t('cases:hearingSubject'), required: true },
            { name: 'replyBy', type: 'date', label: t('cases:replyBy'), required: true, initial: inDays(14) },
          ]}
          onSubmit={run('hearings', (v) => v, t('cases:doneHearing'))}
        />
      )}
      {c.state === 'awaiting_hearing' && (
        <ActionForm
          id="hearing-reply"
          t={t}
          title={t('cases:actHearingReply')}
          submitLabel={t('cases:save')}
          open
          fields={[{ name: 'summary', type: 'textarea', label: t('cases:replySummary'), required: true }]}
          onSubmit={run('hearing-replies', (v) => v, t('cases:doneHearingReply'))}
        />
      )}
      <ActionForm
        id="note"
        t={t}
        title={t('cases:actNote')}
        submitLabel={t('cases:saveNote')}
        fields={[
          {
            name: 'kind',
            type: 'select',
            label: t('cases:noteKind'),
            options: [
              ['oral_information', t('cases:noteOral')],
              ['internal', t('cases:noteInternal')],
            ],
          },
          { name: 'who', type: 'text', label: t('cases:noteWho'), required: true },
          { name: 'when', type: 'datetime', label: t('cases:noteWhen'), required: true, initial: localNow() },
          { name: 'what', type: 'textarea', label: t('cases:noteWhat'), required: true },
        ]}
        onSubmit={run(
          'notes',
          (v) => ({ kind: v.kind, who: v.who, what: v.what, when: new Date(v.when).toISOString() }),
          t('cases:doneNote'),
        )}
      />
      {(open || c.state === 'decided') && (
        <ActionForm
          id="document"
          t={t}
          title={t('cases:actDocument')}
          submitLabel={t('cases:save')}
          fields={[
            {
              name: 'file',
              type: 'file',
              label: t('cases:documentFile'),
              required: true,
              accept: ACCEPT,
              hint: t('cases:documentFileHint', { size: maxSize }),
            },
            { name: 'title', type: 'text', label: t('cases:documentTitle'), required: true },
            {
              name: 'documentType',
              type: 'select',
              label: t('cases:documentType'),
              options: DOCUMENT_TYPES.map((x) => [x, t(`cases:doc_${x}`)]),
            },
            {
              name: 'direction',
              type: 'select',
              label: t('cases:direction'),
              options: DOCUMENT_DIRECTIONS.map((x) => [x, t(`cases:dir_${x}`)]),
            },
          ]}
          onSubmit={attach}
        />
      )}
      {open && (
        <ActionForm
          id="phase"
          t={t}
          title={t('cases:actPhase')}
          submitLabel={t('cases:save')}
          fields={[
            {
              name: 'phaseCode',
              type: 'select',
              label: t('cases:phase'),
              options: c.phases.filter((p) => p.code !== c.phaseCode).map((p) => [p.code, localized(p.name, locale)]),
            },
          ]}
          onSubmit={run('phase', (v) => v, t('cases:donePhase'))}
        />
      )}
      {open && c.extensionAllowed && (
        <ActionForm
          id="extend"
          t={t}
          title={t('cases:actExtend')}
          submitLabel={t('cases:extend')}
          fields={[
            { name: 'amount', type: 'number', label: t('cases:extendBy'), required: true, initial: '1' },
            {
              name: 'unit',
              type: 'select',
              label: t('cases:unit'),
              options: ['weeks', 'months', 'calendar_days', 'working_days'].map((u) => [u, t(`cases:unit_${u}`)]),
            },
            { name: 'reason', type: 'textarea', label: t('cases:reason'), required: true },
            {
              name: 'applicantMessage',
              type: 'textarea',
              label: t('cases:extendMessage'),
              hint: t('cases:extendMessageHint'),
              required: true,
            },
          ]}
          onSubmit={run(
            'extensions',
            (v) => ({
              by: { amount: Number(v.amount), unit: v.unit },
              reason: v.reason,
              applicantMessage: v.applicantMessage,
            }),
            t('cases:doneExtend'),
          )}
        />
      )}
      {open && (
        <ActionForm
          id="decide"
          t={t}
          title={t('cases:actDecide')}
          submitLabel={t('cases:decide')}
          fields={[
            {
              name: 'outcome',
              type: 'select',
              label: t('cases:outcome'),
              options: c.outcomes.map((o) => [o, t(`cases:outcome_${o}`)]),
            },
            { name: 'reasons', type: 'textarea', label: t('cases:reasons'), required: true },
            {
              name: 'legalRules',
              type: 'textarea',
              label: t('cases:legalRules'),
              hint: t('cases:onePerLine'),
              required: true,
            },
            {
              name: 'appealGuidance',
              type: 'textarea',
              label: t('cases:appealGuidance'),
              hint: t('cases:appealGuidanceHint'),
            },
          ]}
          onSubmit={run(
            'decision',
            (v) => ({
              outcome: v.outcome,
              reasons: v.reasons,
              legalRules: lines(v.legalRules),
              appealGuidance: v.appealGuidance || undefined,
            }),
            t('cases:doneDecide'),
          )}
        />
      )}
      {c.state === 'decided' && (
        <ActionForm
          id="close"
          t={t}
          title={t('cases:actClose')}
          submitLabel={t('cases:close')}
          fields={[]}
          onSubmit={run('close', () => ({}), t('cases:doneClose'))}
        />
      )}
      {c.state !== 'closed' && c.assigneeId !== me.user.id && (
        <ActionForm
          id="take"
          t={t}
          title={t('cases:actTake')}
          submitLabel={t('cases:takeCase')}
          fields={[]}
          onSubmit={run('reassign', () => ({ assigneeId: me.user.id }), t('cases:doneTake'))}
        />
      )}
    </section>
  );
}
