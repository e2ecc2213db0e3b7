import type { Locale } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { localiseValues } from './deliver-notification.js';
import { renderNotification } from './notification-templates.js';
import { notificationsRepository as repo } from './notifications.repository.js';

/** The e-mails a case has sent its applicant, by subject in the reader's language, for the case page. */
export async function lettersOfCase(
  db: Executor,
  caseId: string,
  reference: string,
  locale: Locale,
): Promise<{ date: string; subject: string }[]> {
  const rows = await repo.ofCase(db, caseId);
  return rows
    .filter((n) => n.status === 'sent')
    .map((n) => ({
      date: new Date(n.sent_at ?? n.created_at).toISOString().slice(0, 10),
      subject: renderNotification({
        kind: n.kind,
        locale,
        recipientName: '',
        authorityName: '',
        portalUrl: '',
        values: localiseValues({ ...n.template_values, reference }, locale),
      }).subject,
    }));
}
