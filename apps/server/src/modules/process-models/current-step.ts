import type { TCurrentStep } from '@sagsgang/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/transaction.js';
import { getCaseDetail } from '../cases/index.js';
import { resolveMapping } from './model-mapping.js';
import { modelForCaseType } from './model-cache.js';

const CLOSED_STATES = new Set(['decided', 'closed']);

/**
 * The step a case is in: the step after the last one its event log has reached, with that step's guidance and
 * checklist. Reading the case goes through the cases module, which checks access and audits the read.
 */
export async function currentStepOfCase(
  db: Executor,
  principal: Principal,
  caseId: string,
  requestId?: string,
): Promise<TCurrentStep | null> {
  const c = await getCaseDetail(db, principal, caseId, requestId);
  const model = await modelForCaseType(db, c.caseTypeCode);
  // Not an error: many case types have no described workflow yet, and the case page simply shows no panel.
  if (!model) return null;
  const { detail, graph } = model;
  const mapping = await resolveMapping(
    db,
    detail.id,
    c.events.map((e) => e.activity),
    detail.version,
  );
  const last = [...c.events].reverse().find((e) => typeof mapping.lookup.get(e.activity) === 'string');
  const reached = last ? (mapping.lookup.get(last.activity) as string) : null;
  const next = [...(reached ? graph.nextTasks(reached) : graph.firstTasks()).keys()];
  const tasks = new Map(detail.tasks.map((t) => [t.elementId, t]));
  const completed = CLOSED_STATES.has(c.state) || (reached !== null && next.length === 0);
  const stepId = completed ? null : (next[0] ?? null);
  return {
    caseId,
    modelId: detail.id,
    modelName: detail.name,
    version: detail.version,
    lastActivity: last?.activity ?? null,
    lastActivityAt: last?.occurredAt ?? null,
    step: stepId ? (tasks.get(stepId) ?? null) : null,
    nextSteps: completed ? [] : next.map((id) => ({ elementId: id, name: tasks.get(id)?.name ?? id })),
    completed,
  };
}
