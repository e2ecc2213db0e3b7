import type { TComplaintView } from '@sagsgang/contracts';
import type { ComplaintListRow } from './complaints.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Where a complaint's response deadline stands on `today`, as on case clocks; null once the authority has answered. */
export function deadlineStatus(c: Pick<ComplaintListRow, 'state' | 'response_deadline' | 'warn_date'>, today: string) {
  if (c.state !== 'received' || !c.response_deadline) return null;
  if (today > c.response_deadline) return 'overdue' as const;
  if (c.warn_date && today >= c.warn_date) return 'warning' as const;
  return 'on_track' as const;
}

export function complaintView(c: ComplaintListRow, today: string): TComplaintView {
  return {
    id: c.id,
    caseId: c.case_id,
    caseReference: c.case_reference,
    caseTypeCode: c.case_type_code,
    unitId: c.unit_id,
    kind: c.kind,
    channel: c.channel,
    state: c.state as TComplaintView['state'],
    text: c.text,
    receivedAt: new Date(c.received_at).toISOString(),
    responseDeadline: c.response_deadline,
    warnDate: c.warn_date,
    deadlineStatus: deadlineStatus(c, today),
    handlerId: c.handler_id,
    handlerName: c.handler_name,
    reclassifiedReason: c.reclassified_reason,
    reconsideration: c.reconsideration as TComplaintView['reconsideration'],
    reconsideredAt: iso(c.reconsidered_at),
    reconsiderationReasons: c.reconsideration_reasons,
    appealBody: c.appeal_body,
    forwardedAt: iso(c.forwarded_at),
    forwardingLetter: c.forwarding_letter,
    appealOutcome: c.appeal_outcome as TComplaintView['appealOutcome'],
    appealDecidedOn: c.appeal_decided_on,
    appealReasons: c.appeal_reasons,
    answeredAt: iso(c.answered_at),
    answerLetter: c.answer_letter,
    procedureOutcome: c.procedure_outcome as TComplaintView['procedureOutcome'],
    procedureCause: c.procedure_cause as TComplaintView['procedureCause'],
    version: c.version,
  };
}
