import type { TComplaintFigures, TComplaintView, TFindingView } from '@sagsgang/contracts';
import { api } from '../../api/client.js';

const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();

export const complaintsApi = {
  list: (params: Record<string, string | undefined>, signal?: AbortSignal) =>
    api.get<TComplaintView[]>(`/api/complaints?${qs(params)}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TComplaintView>(`/api/complaints/${id}`, signal),
  step: (id: string, path: string, body: object) => api.post<TComplaintView>(`/api/complaints/${id}/${path}`, body),
  figures: (from: string, to: string, signal?: AbortSignal) =>
    api.get<TComplaintFigures>(`/api/complaints/figures?${qs({ from, to })}`, signal),
  findings: (signal?: AbortSignal) => api.get<TFindingView[]>('/api/advisor-findings', signal),
  actionDone: (id: string, done: boolean) => api.post<TFindingView>(`/api/advisor-actions/${id}/done`, { done }),
};
