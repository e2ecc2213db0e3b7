import {
  addDurationToDay,
  fromDayNumber,
  localDateOf,
  toDayNumber,
  type BusinessCalendar,
  type Duration,
} from '@sagsgang/clock';
import type { CaseEventNotice } from '../cases/index.js';
import { loadAuthorityCalendar } from '../calendar/index.js';
import type { NotificationKind } from './notification-templates.js';
import { queueNotification } from './notifications.service.js';

// Generated or imported history (the demo's two years, a migration from another system) is not news to anyone.
const NEWS_WINDOW_MS = 24 * 60 * 60 * 1000;

type Planned = { kind: NotificationKind; values: Record<string, unknown> } | null;

/**
 * Which e-mail, if any, a case event sends to the applicant, with its template values. Pure: the decision's appeal
 * deadline counts in `calendar`, the authority's calendar as the event's transaction sees it.
 */
export function plannedNotification(
  n: Pick<CaseEventNotice, 'activity' | 'attributes' | 'definition' | 'occurredAt'>,
  calendar: BusinessCalendar | null,
): Planned {
  const a = n.attributes;
  const caseType = n.definition.name;
  switch (n.activity) {
    case 'information_requested': {
      const items = Array.isArray(a.items)
        ? a.items.map((i) => String((i as { text?: unknown }).text ?? '')).filter(Boolean)
        : [];
      return {
        kind: 'information_request',
        values: {
          caseType,
          items,
          message: a.message,
          dueDate: a.dueDate,
          ...(a.pausesClock ? { paused: 'yes' } : {}),
        },
      };
    }
    case 'phase_changed': {
      const phase = n.definition.phases.find((p) => p.code === a.to);
      if (!phase || !phase.notifyApplicant) return null;
      return { kind: 'phase_change', values: { caseType, phaseName: phase.name, phaseText: phase.applicantText } };
    }
    case 'extended':
      return { kind: 'extension', values: { caseType, message: a.applicantMessage, newDate: a.newDeadline } };
    case 'decided': {
      const deadline = a.appealGuidance ? (a.appealDeadline as Duration | undefined) : undefined;
      const day = toDayNumber(localDateOf(n.occurredAt));
      const appealBy = deadline && calendar ? fromDayNumber(addDurationToDay(calendar, day, deadline)) : undefined;
      return { kind: 'decision', values: { caseType, ...(appealBy ? { appealBy } : {}) } };
    }
    default:
      return null;
  }
}

/**
 * Listens to case events and queues the applicant's e-mail in the same transaction. The receipt is queued by the
 * submission itself, which knows what the screening found.
 */
export async function notifyApplicantOfCaseEvent(notice: CaseEventNotice): Promise<void> {
  const applicantId = notice.case.applicant_id;
  if (!applicantId || Date.now() - notice.now.getTime() > NEWS_WINDOW_MS) return;
  // Only a decision's mail counts days in the calendar; read it then, in the transaction that decides.
  const calendar = notice.activity === 'decided' ? await loadAuthorityCalendar(notice.trx) : null;
  const planned = plannedNotification(notice, calendar);
  if (!planned) return;
  await queueNotification(notice.trx, { caseId: notice.case.id, recipientUserId: applicantId, ...planned });
}
