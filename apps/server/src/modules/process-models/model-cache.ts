import type { TProcessModelDetail } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { readBpmn } from './bpmn-document.js';
import { BpmnGraph } from './bpmn-graph.js';
import { processModelsRepository as repo } from './process-models.repository.js';
import { getProcessModel } from './process-models.service.js';

export interface ReadModel {
  detail: TProcessModelDetail;
  graph: BpmnGraph;
}

// Versions never change, so a parsed one can be kept; a few dozen cover every workflow in daily use.
const cache = new Map<string, ReadModel>();
const MAX = 50;

/** A model version with its graph, parsed once per version. */
export async function readModelVersion(db: Executor, modelId: string, version?: number): Promise<ReadModel> {
  const detail = await getProcessModel(db, modelId, version);
  const key = `${modelId}@${detail.version}`;
  const hit = cache.get(key);
  if (hit) return { ...hit, detail };
  const doc = await readBpmn(detail.bpmnXml);
  const read = { detail, graph: new BpmnGraph(doc.nodes, doc.flows) };
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, read);
  return read;
}

/** The workflow described for a case type (the most recently changed one when there are several). */
export async function modelForCaseType(db: Executor, caseTypeCode: string): Promise<ReadModel | null> {
  const row = await repo.findModelForCaseType(db, caseTypeCode);
  return row ? readModelVersion(db, row.id) : null;
}
