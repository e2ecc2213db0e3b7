import type {
  TCreateModelVersion,
  TCreateProcessModel,
  TCurrentStep,
  TMappingEntry,
  TModelMapping,
  TModelTask,
  TProcessModelDetail,
  TProcessModelSummary,
  TTaskGuidanceInput,
  TUnitNode,
  TUpdateProcessModel,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';

const base = '/api/process-models';

export const workflowsApi = {
  search: (q: { q?: string; caseTypeCode?: string; topic?: string }, signal?: AbortSignal) => {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]);
    return api.get<TProcessModelSummary[]>(`${base}?${params}`, signal);
  },
  get: (id: string, version?: number, signal?: AbortSignal) =>
    api.get<TProcessModelDetail>(`${base}/${id}${version ? `?version=${version}` : ''}`, signal),
  create: (body: Partial<TCreateProcessModel> & { name: string; bpmnXml: string }) =>
    api.post<TProcessModelDetail>(base, body),
  /** Changes only the fields named (the unit, the name, …). */
  update: (id: string, body: TUpdateProcessModel) => api.patch<TProcessModelDetail>(`${base}/${id}`, body),
  units: (signal?: AbortSignal) => api.get<TUnitNode[]>('/api/units', signal),
  saveVersion: (id: string, body: Partial<TCreateModelVersion> & { bpmnXml: string }) =>
    api.post<TProcessModelDetail>(`${base}/${id}/versions`, body),
  saveGuidance: (id: string, version: number, elementId: string, body: TTaskGuidanceInput) =>
    api.put<TModelTask>(`${base}/${id}/versions/${version}/tasks/${encodeURIComponent(elementId)}`, body),
  mapping: (id: string, signal?: AbortSignal) => api.get<TModelMapping>(`${base}/${id}/mapping`, signal),
  saveMapping: (id: string, entries: TMappingEntry[]) => api.put<TModelMapping>(`${base}/${id}/mapping`, { entries }),
  currentStep: (caseId: string, signal?: AbortSignal) =>
    api.get<TCurrentStep | undefined>(`${base}/for-case/${caseId}/current-step`, signal),
};

/**
 * Roles that may draw workflows at all; whether one workflow may be changed is the model's `editable` (its unit's
 * analysts and the authority's administrators), and the server checks again.
 */
export const EDITOR_ROLES = ['analyst', 'admin'];
