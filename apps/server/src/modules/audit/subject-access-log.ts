import { auditPurposeKey, type Locale } from '@sagsgang/contracts';
import { t } from '../../platform/i18n/i18n.js';

/** One audit entry about the data subject, as the export reads it from the log. */
export interface SubjectLogRow {
  at: Date;
  action: string;
  purpose: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
}

export interface SubjectLogEntry {
  at: string;
  action: string;
  actionText: string;
  purpose: string;
  purposeText: string;
  entityType: string;
  entityTypeText: string;
  entityId: string | null;
  actor: string;
}

/** A catalogue text, or `fallback` where the catalogue has none (an action or kind this version does not name). */
function textOr(locale: Locale, key: string, fallback: string): string {
  const text = t(locale, key);
  return text === key || text === key.split(':')[1] ? fallback : text;
}

/**
 * A data subject's access log (GDPR art. 15) in the subject's own language: what was done, why, to which record
 * and by whom, with the subject's own acts named as theirs. The stored codes and texts stay beside the readable
 * ones, so the copy can be checked against the log.
 */
export function subjectLogEntries(rows: SubjectLogRow[], subjectUserId: string, locale: Locale): SubjectLogEntry[] {
  return rows.map((r) => {
    const purposeKey = auditPurposeKey(r.purpose);
    return {
      at: r.at.toISOString(),
      action: r.action,
      actionText: textOr(locale, `admin:action_${r.action}`, r.action),
      purpose: r.purpose,
      purposeText: purposeKey ? t(locale, `admin:purpose_${purposeKey}`) : r.purpose,
      entityType: r.entity_type,
      entityTypeText: textOr(locale, `admin:entity_${r.entity_type}`, r.entity_type),
      entityId: r.entity_id,
      actor:
        r.actor_user_id === subjectUserId
          ? t(locale, 'admin:subjectSelf')
          : (r.actor_name ?? t(locale, 'admin:noActor')),
    };
  });
}

// The authority's local time, written as 2026-11-30 16:40 whatever the language (sv-SE formats dates that way).
const LOCAL_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Copenhagen',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** The CSV's columns, headed in the subject's language, with times in the authority's local time. */
export function subjectLogCsvRows(
  entries: SubjectLogEntry[],
  locale: Locale,
): { header: string[]; rows: (string | null)[][] } {
  const header = ['admin:at', 'admin:action', 'admin:purpose', 'admin:entityType', 'admin:entityId', 'admin:actor'].map(
    (k) => t(locale, k),
  );
  return {
    header,
    rows: entries.map((e) => [
      LOCAL_TIME.format(new Date(e.at)),
      e.actionText,
      e.purposeText,
      e.entityTypeText,
      e.entityId,
      e.actor,
    ]),
  };
}
