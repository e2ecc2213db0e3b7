/**
 * Other capabilities that must act on a case change in the same transaction (the notifications module queues the
 * applicant's e-mail there, so the mail and the change commit together or not at all). Listeners run inside the
 * command's transaction, after the event is appended; a listener that throws rolls the change back.
 */
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
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

declare module '../../platform/context.js' {
  interface ModuleDescriptor {
    /** Told of every case event, inside the transaction of the change (see cases/case-event-listeners.ts). */
    caseEventListeners?: readonly CaseEventListener[];
  }
}

/** The listeners this app's modules declare, in module order (a command's `CaseContext.listeners`). */
export function caseEventListeners(ctx: AppContext): readonly CaseEventListener[] {
  return ctx.registry.modules.flatMap((m) => m.caseEventListeners ?? []);
}

export async function announceCaseEvent(
  listeners: readonly CaseEventListener[] | undefined,
  notice: CaseEventNotice,
): Promise<void> {
  for (const listener of listeners ?? []) await listener(notice);
}
