/**
 * Why an entry was written to the audit log. The log stores the English text, so an entry keeps its meaning and
 * stays readable without this catalogue; pages show it in the reader's language through `admin:purpose_<key>`.
 * A purpose the catalogue does not know (an older entry, say) is shown as stored.
 */
export const AUDIT_PURPOSES = {
  casework: 'Casework',
  accessRefused: 'Access refused',
  ownCaseFile: 'Access to own case file',
  ownCaseDocument: 'Access to own case document',
  complaintFiled: 'Complaint filed by the applicant',
  complaintHandling: 'Complaint handling',
  caseTypeExport: 'Case-type export',
  signIn: 'Sign-in',
  signOut: 'Sign-out',
  passwordSetup: 'Password set through a one-time link',
  passwordChange: 'Password changed by its holder',
  secondFactor: 'Second factor for sign-in',
  signInLockLifted: 'Sign-in lock-out lifted',
  caseLookupLimit: 'Case look-up limit',
  userAdministration: 'User administration',
  organisationAdministration: 'Organisation administration',
  calendarAdministration: 'Calendar administration',
  auditLogReview: 'Audit log review',
  auditLogExport: 'Audit log export',
  dataSubjectAccess: 'Access request from the data subject (GDPR art. 15)',
  breakGlass: 'Case file read without a working need (break the glass)',
  workQueue: 'Work queue list',
  workflowAdministration: 'Workflow administration',
  citizenServiceCaseStatus: "Citizen service: answering the applicant's question about their case",
  citizenServiceInquiry: 'Citizen service: an inquiry from the citizen',
  supervision: 'Supervision',
  goalFollowUp: 'Follow-up on goals and key figures',
} as const;
export type TAuditPurposeKey = keyof typeof AUDIT_PURPOSES;

const KEY_BY_TEXT = new Map<string, TAuditPurposeKey>(
  (Object.entries(AUDIT_PURPOSES) as [TAuditPurposeKey, string][]).map(([key, text]) => [text, key]),
);

/** The catalogue key of a stored purpose text, or undefined for a text this version does not know. */
export function auditPurposeKey(text: string): TAuditPurposeKey | undefined {
  return KEY_BY_TEXT.get(text);
}
