/**
 * Other capabilities that must act on a case change in the same transaction (the notifications module queues the
 * applicant's e-mail there, so the mail and the change commit together or not at all). Listeners run inside the
 * command's transaction, after the event is appended; a listener that throws rolls the change back.
 */
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseRow } from './cases.repository.js';

export interface CaseEventNotice {
  trx: Executor;
  case: CaseRow;
  definition: TCaseTypeDefinition;
  activity: string;
  attributes: Record<string, unknown>;
  occurredAt: Date;
  /** The moment of the change (the wall clock, or the generator's clock). */
  now: Date;
}

export type CaseEventListener = (notice: CaseEventNotice) => Promise<void>;

const listeners = new Set<CaseEventListener>();

/** Registers a listener once (registering the same function again is a no-op); returns its removal. */
export function onCaseEvent(listener: CaseEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function announceCaseEvent(notice: CaseEventNotice): Promise<void> {
  for (const listener of listeners) await listener(notice);
}
