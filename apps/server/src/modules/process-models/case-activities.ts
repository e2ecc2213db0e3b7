import { CASE_ACTIVITIES } from '@sagsgang/contracts';

/**
 * The activities the mapping screen offers for a workflow: for a workflow tied to a case type, every activity the
 * case system writes to its event log (logs from other systems bring their own, mapped in the navigator).
 */
export async function knownActivities(caseTypeCode: string | null): Promise<string[]> {
  return caseTypeCode ? [...CASE_ACTIVITIES] : [];
}
