import type {
  TAssignee,
  TAttachDocumentResult,
  TBreakGlassResult,
  TBulkReassignResult,
  TCaseDetail,
  TCommandResult,
  TFigures,
  TForecastCalibration,
  TWorkQueuePage,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';

const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const casesApi = {
  queue: (params: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<TWorkQueuePage>(`/api/cases/queue?${qs(params)}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TCaseDetail>(`/api/cases/${id}`, signal),
  command: (id: string, path: string, body: object) => api.post<TCommandResult>(`/api/cases/${id}/${path}`, body),
  /** Attaches a file: the form holds expectedVersion, title, documentType and direction, then the file part `file`. */
  attachDocument: (id: string, form: FormData) =>
    api.postForm<TAttachDocumentResult>(`/api/cases/${id}/documents`, form),
  /** Opens the case file for an hour without a working need; the reason is audited. */
  breakGlass: (id: string, reason: string) => api.post<TBreakGlassResult>(`/api/cases/${id}/break-glass`, { reason }),
  assignees: (signal?: AbortSignal) => api.get<TAssignee[]>('/api/cases/assignees', signal),
  bulkReassign: (body: { cases: { caseId: string; expectedVersion: number }[]; assigneeId: string | null }) =>
    api.post<TBulkReassignResult>('/api/cases/reassign', body),
  figures: (params: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<TFigures>(`/api/cases/figures?${qs(params)}`, signal),
  forecastCalibration: (caseTypeId: string, signal?: AbortSignal) =>
    api.get<TForecastCalibration>(`/api/forecast-calibration/${encodeURIComponent(caseTypeId)}`, signal),
};
