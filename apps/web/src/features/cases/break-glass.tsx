import type { TCaseDetail } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { accessRefusal } from '../../errors/error-text.js';
import { ActionForm } from './action-form.js';
import { casesApi } from './cases-api.js';
import { formatDateTime } from './case-format.js';

/** True when the case file was refused for want of a working need, so breaking the glass is offered. */
export const mayBreakGlass = (error: unknown) => accessRefusal(error) === 'work_need_required';

/**
 * The refusal of a case file to someone without a working need, and the form that opens it anyway for an hour
 * with a reason (audited).
 */
export function BreakGlassForm(props: { caseId: string; error: unknown; t: Translate; onOpened: () => Promise<void> }) {
  const { t } = props;
  return (
    <>
      <ErrorAlert error={props.error} t={t} />
      <ActionForm
        id="break-glass"
        title={t('cases:breakGlassTitle')}
        open
        t={t}
        submitLabel={t('cases:breakGlassSubmit')}
        fields={[
          {
            name: 'reason',
            label: t('cases:breakGlassReason'),
            type: 'textarea',
            required: true,
            hint: t('cases:breakGlassHint'),
          },
        ]}
        onSubmit={async (values) => {
          await casesApi.breakGlass(props.caseId, values.reason ?? '');
          await props.onOpened();
        }}
      />
    </>
  );
}

/** Says, on a case file opened through a grant, until when and that every read is logged. */
export function AccessGrantNotice(props: { grant: TCaseDetail['accessGrant']; t: Translate; locale: string }) {
  const { grant, t } = props;
  if (!grant) return null;
  const time = formatDateTime(grant.expiresAt, props.locale);
  return (
    <div className="alert alert-warning" role="note">
      <div className="alert-body">
        <p className="alert-text">
          {grant.purpose === 'break_glass'
            ? t('cases:breakGlassOpened', { time })
            : t('cases:accessGrantOpened', { time, purpose: grant.purpose })}
        </p>
      </div>
    </div>
  );
}
