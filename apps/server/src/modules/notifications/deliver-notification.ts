import type { Locale } from '@sagsgang/contracts';
import type { AppConfig } from '../../platform/config.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { Mailer } from './mailer.js';
import { renderNotification, type NotificationValues } from './notification-templates.js';
import { notificationsRepository as repo } from './notifications.repository.js';

export interface DeliveryDeps {
  db: Executor;
  mailer: Mailer;
  config: Pick<AppConfig, 'publicUrl' | 'authorityName'>;
}

/** Values may carry texts in several languages ({ da, en, sv }); the mail uses the recipient's. */
export function localiseValues(values: Record<string, unknown>, locale: Locale): NotificationValues {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    const text = localise(v, locale);
    if (text !== undefined) out[k] = text;
  }
  return { reference: '', caseType: '', ...out };
}

function localise(v: unknown, locale: Locale): string | string[] | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => localise(x, locale)).filter((x): x is string => typeof x === 'string');
  if (v && typeof v === 'object' && 'da' in v && 'en' in v) {
    const t = v as Record<string, string | undefined>;
    return t[locale] ?? (locale === 'sv' ? t.en : undefined) ?? t.da;
  }
  return undefined;
}

/**
 * Sends one queued notification. Safe to run again after a crash: a notification already sent is not sent twice.
 * A failed send is recorded and rethrown, so the job runner retries it later.
 */
export async function deliverNotification(
  deps: DeliveryDeps,
  id: number,
): Promise<'sent' | 'skipped' | 'already_done'> {
  const n = await repo.find(deps.db, id);
  if (!n) throw new Error(`notification ${id} does not exist`);
  if (n.status === 'sent' || n.status === 'skipped') return 'already_done';
  const recipient = await repo.recipient(deps.db, n.recipient_user_id);
  if (!recipient?.email) {
    await repo.markDone(deps.db, id, 'skipped', null);
    return 'skipped';
  }
  const reference = n.case_id ? await repo.caseReference(deps.db, n.case_id) : undefined;
  const values = localiseValues({ ...n.template_values, ...(reference ? { reference } : {}) }, recipient.locale);
  const base = deps.config.publicUrl.replace(/\/$/, '');
  const mail = renderNotification({
    kind: n.kind,
    locale: recipient.locale,
    authorityName: deps.config.authorityName,
    recipientName: recipient.organisationName
      ? `${recipient.displayName} (${recipient.organisationName})`
      : recipient.displayName,
    portalUrl: reference ? `${base}/mine-sager/${encodeURIComponent(reference)}` : `${base}/mine-sager`,
    values,
  });
  const messageId = `<notification-${id}@${new URL(base).hostname}>`;
  try {
    const result = await deps.mailer.send({ to: recipient.email, ...mail, messageId });
    await repo.markDone(deps.db, id, 'sent', result.messageId);
    return 'sent';
  } catch (err) {
    await repo.markAttempt(deps.db, id, (err as Error).message.slice(0, 1000));
    throw err;
  }
}
