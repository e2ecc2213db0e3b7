import { DEFAULT_WARN_AT, type TCaseSummary, type TClockView, type TLocalizedText } from '@sagsgang/contracts';
import { localDateOf, toDayNumber } from '@sagsgang/clock';
import type { SummaryRow } from './work-queue.repository.js';

/** What the clock view reads of a clock row. */
export type ClockFields = Pick<
  SummaryRow,
  | 'clock_start_date'
  | 'deadline'
  | 'legal_deadline'
  | 'warn_date'
  | 'paused_since'
  | 'paused_days'
  | 'decided_at'
  | 'fully_informed_on_receipt'
  | 'warn_at'
>;

/** The clock as the case page and the queue show it, as of `today` (a local date). */
export function clockView(row: ClockFields, today: string): TClockView {
  const base = {
    startDate: row.clock_start_date,
    deadlineDate: row.deadline,
    legalDeadlineDate: row.legal_deadline,
    warnDate: row.warn_date,
    pausedSince: row.paused_since ? new Date(row.paused_since).toISOString() : null,
    pausedDays: row.paused_days,
    fullyInformedOnReceipt: row.fully_informed_on_receipt,
    warnAt: [...(row.warn_at ?? DEFAULT_WARN_AT)],
  };
  if (row.decided_at) return { ...base, state: 'stopped', shareUsed: null, daysLeft: null, warningsPassed: [] };
  if (!row.clock_start_date || !row.deadline)
    return { ...base, state: 'not_started', shareUsed: null, daysLeft: null, warningsPassed: [] };
  const start = toDayNumber(row.clock_start_date);
  const deadline = toDayNumber(row.deadline);
  const now = toDayNumber(today);
  const daysLeft = deadline - now;
  const shareUsed = deadline > start ? Math.max(0, (now - start - row.paused_days) / (deadline - start)) : 1;
  let state: TClockView['state'] = 'running';
  if (row.paused_since) state = 'paused';
  else if (daysLeft < 0) state = 'breached';
  else if (row.warn_date && row.warn_date <= today) state = 'warning';
  const warningsPassed = row.paused_since ? [] : base.warnAt.filter((w) => shareUsed >= w);
  return { ...base, state, shareUsed: Math.round(shareUsed * 1000) / 1000, daysLeft, warningsPassed };
}

export function toCaseSummary(row: SummaryRow, today = localDateOf(new Date())): TCaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    caseTypeId: row.case_type_id,
    caseTypeCode: row.case_type_code,
    caseTypeName: row.case_type_name as TLocalizedText,
    unitId: row.unit_id,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    applicantName: row.applicant_name,
    subject: row.subject,
    state: row.state as TCaseSummary['state'],
    phaseCode: row.phase_code,
    receivedAt: new Date(row.received_at).toISOString(),
    version: row.version,
    clock: clockView(row, today),
  };
}
