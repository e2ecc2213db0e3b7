import type {
  TAuditFollowUp,
  TCreateInitiative,
  TCreateProgramme,
  TDrawSample,
  TInitiative,
  TProgramme,
  TProgrammeList,
  TReview,
  TSample,
  TSampleAnalysis,
  TSampleList,
  TSubmitReview,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';

const base = '/api/supervision';

export const supervisionApi = {
  programmes: (signal?: AbortSignal) => api.get<TProgrammeList>(`${base}/programmes`, signal),
  programme: (id: string, signal?: AbortSignal) => api.get<TProgramme>(`${base}/programmes/${id}`, signal),
  createProgramme: (body: TCreateProgramme) => api.post<TProgramme>(`${base}/programmes`, body),
  people: (unitId: string, signal?: AbortSignal) =>
    api.get<{ items: { id: string; name: string }[] }>(`${base}/people?unitId=${unitId}`, signal),
  samples: (programmeId: string, signal?: AbortSignal) =>
    api.get<TSampleList>(`${base}/programmes/${programmeId}/samples`, signal),
  draw: (programmeId: string, body: Partial<TDrawSample>) =>
    api.post<TSample>(`${base}/programmes/${programmeId}/samples`, body),
  sample: (id: string, signal?: AbortSignal) => api.get<TSample>(`${base}/samples/${id}`, signal),
  analysis: (id: string, signal?: AbortSignal) => api.get<TSampleAnalysis>(`${base}/samples/${id}/analysis`, signal),
  review: (sampleId: string, caseId: string, body: TSubmitReview) =>
    api.post<TReview>(`${base}/samples/${sampleId}/cases/${caseId}/review`, body),
  initiatives: (programmeId: string, signal?: AbortSignal) =>
    api.get<{ items: TInitiative[] }>(`${base}/programmes/${programmeId}/initiatives`, signal),
  createInitiative: (body: TCreateInitiative) => api.post<TInitiative>(`${base}/initiatives`, body),
  followUp: (halfYear: string, signal?: AbortSignal) =>
    api.get<TAuditFollowUp>(`${base}/audit-remarks/follow-up?halfYear=${halfYear}`, signal),
};

/** A share as a percentage with one decimal. */
export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
