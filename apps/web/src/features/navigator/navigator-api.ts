import type {
  TAnalysisInfo,
  TAnalysisResult,
  TCaseList,
  TPeopleStats,
  TReplay,
  TStartAnalysis,
  TLogEncoding,
  TUploadedLog,
} from '@sagsgang/contracts';
import { api, ApiError, getCsrfToken } from '../../api/client.js';

const base = '/api/navigator';

async function upload(file: File, encoding: TLogEncoding = 'auto'): Promise<TUploadedLog> {
  const res = await fetch(`${base}/logs?name=${encodeURIComponent(file.name)}&encoding=${encoding}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/octet-stream',
      accept: 'application/json',
      'x-csrf-token': await getCsrfToken(),
    },
    body: file,
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      body?.error?.message ?? `${res.status}`,
      res.status,
      body?.error?.code ?? 'validation',
      body?.error?.details,
      body?.requestId,
    );
  return body as TUploadedLog;
}

export const navigatorApi = {
  uploadLog: upload,
  logs: (signal?: AbortSignal) => api.get<TUploadedLog[]>(`${base}/logs`, signal),
  start: (body: TStartAnalysis) => api.post<TAnalysisInfo>(`${base}/analyses`, body),
  list: (modelId?: string, signal?: AbortSignal) =>
    api.get<TAnalysisInfo[]>(`${base}/analyses${modelId ? `?modelId=${modelId}` : ''}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TAnalysisInfo>(`${base}/analyses/${id}`, signal),
  cancel: (id: string) => api.post<TAnalysisInfo>(`${base}/analyses/${id}/cancel`),
  result: (id: string, signal?: AbortSignal) => api.get<TAnalysisResult>(`${base}/analyses/${id}/result`, signal),
  people: (id: string, signal?: AbortSignal) => api.get<TPeopleStats>(`${base}/analyses/${id}/people`, signal),
  cases: (id: string, query: string, signal?: AbortSignal) =>
    api.get<TCaseList>(`${base}/analyses/${id}/cases?${query}`, signal),
  replay: (id: string, limit = 10_000, signal?: AbortSignal) =>
    api.get<TReplay>(`${base}/analyses/${id}/replay?limit=${limit}`, signal),
};

/** Roles that see per-person figures (the server checks again, and never sends groups under 5 cases). */
export const PEOPLE_ROLES = ['teamlead', 'analyst'];

export const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)} %`;

/** A duration in days or hours, as people read it. */
export function duration(ms: number | null, t: (k: string, v?: Record<string, string | number>) => string): string {
  if (ms === null) return '—';
  const days = ms / 86_400_000;
  return days >= 1
    ? t('navigator:days', { count: Math.round(days * 10) / 10 })
    : t('navigator:hours', { count: Math.round(ms / 360_000) / 10 });
}

export function casesHref(analysisId: string, q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return `/app/navigator/analyses/${analysisId}/cases?${p}`;
}
