import type { TCasePath } from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getApplicantCase, getApplicantCaseFile, getCaseDetail } from '../../cases/index.js';
import { modelForCaseType, resolveMapping } from '../../process-models/index.js';
import { caseSteps, type CaseEvent } from '../analysis/case-steps.js';
import { classifyTrace, KIND, netTrace, taskOf } from '../analysis/classify-trace.js';
import { deviationsOf } from '../analysis/variant-conformance.js';
import { prepareConformance, type Conformance } from '../mining-adapter.js';
import { labelMap, loadModel } from './run-analysis.js';

const OPEN_STATES = new Set(['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing']);
const converted = new Map<string, Promise<Conformance>>();

interface CaseFacts {
  caseTypeCode: string;
  state: string;
  events: CaseEvent[];
}

/** The case as its reader may see it: staff through the case file, an applicant only their own case. */
async function caseFacts(db: Executor, principal: Principal, caseId: string, requestId?: string): Promise<CaseFacts> {
  if (principal.kind === 'staff') return getCaseDetail(db, principal, caseId, requestId);
  const own = await getApplicantCase(db, principal, caseId);
  const file = await getApplicantCaseFile(db, principal, own.reference);
  return { caseTypeCode: file.caseTypeCode, state: file.case.state, events: file.events };
}

/**
 * A case's own path through its workflow, step by step: what was done, skipped, done again, out of order or
 * outside the workflow, and — for an open case — what is still to come. For the case page and the citizen.
 */
export async function casePath(
  db: Executor,
  principal: Principal,
  caseId: string,
  requestId?: string,
): Promise<TCasePath> {
  const c = await caseFacts(db, principal, caseId, requestId);
  const read = await modelForCaseType(db, c.caseTypeCode);
  if (!read) return { caseId, modelId: null, modelName: null, version: null, fitness: null, steps: [], deviations: [] };
  const { detail } = read;
  const { model } = await loadModel(db, detail.id, detail.version);
  // Its steps are read as the navigator's analysis reads a log: a start event is folded into its completion.
  const done = caseSteps(c.events);
  const activities = done.map((e) => e.activity);
  const labels = labelMap(model, (await resolveMapping(db, detail.id, activities, detail.version)).lookup);
  const key = `${detail.id}@${detail.version}`;
  if (!converted.has(key))
    converted.set(
      key,
      prepareConformance(detail.bpmnXml).catch((e) => (converted.delete(key), Promise.reject(e))),
    );
  const conformance = await converted.get(key)!;
  const { trace, positions } = netTrace(activities, labels);
  const alignment = conformance.align(trace);
  const cls = classifyTrace(activities, labels, alignment, positions);
  const steps: TCasePath['steps'] = [];
  const open = OPEN_STATES.has(c.state);
  let k = 0;
  let lastLog = -1;
  alignment.moves.forEach((m, i) => m.log !== '>>' && (lastLog = i));
  alignment.moves.forEach((m, i) => {
    if (m.log !== '>>') {
      const pos = positions[k++];
      const el = cls.elements[pos];
      const task = el >= 0 ? model.tasks[el] : null;
      const status = (
        {
          [KIND.ok]: 'done',
          [KIND.extra]: 'extra',
          [KIND.outOfOrder]: 'out_of_order',
          [KIND.outside]: 'outside',
        } as const
      )[cls.kinds[pos] as 0 | 1 | 2 | 3];
      steps.push({ elementId: task?.elementId ?? null, name: task?.name ?? activities[pos], status, at: done[pos].at });
    } else if (typeof m.model === 'string') {
      const t = model.tasks[taskOf(m, labels)];
      if (!t) return;
      steps.push({
        elementId: t.elementId,
        name: t.name,
        status: open && i > lastLog ? 'upcoming' : 'skipped',
        at: null,
      });
    }
  });
  const deviations = deviationsOf(activities, cls, model.tasks).filter(
    (d) => !(open && d.kind === 'skipped' && steps.some((s) => s.elementId === d.elementId && s.status === 'upcoming')),
  );
  return {
    caseId,
    modelId: detail.id,
    modelName: detail.name,
    version: detail.version,
    fitness: open ? null : alignment.fitness,
    steps,
    deviations,
  };
}
