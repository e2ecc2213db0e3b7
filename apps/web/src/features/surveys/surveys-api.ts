import type { TSurveyComments, TSurveyFollowUp, TSurveyResults } from '@sagsgang/contracts';
import { api } from '../../api/client.js';

export const surveysQuery = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();

export const surveysApi = {
  list: (signal?: AbortSignal) =>
    api.get<{ code: string; definition: { title: Record<string, string> } }[]>('/api/surveys', signal),
  results: (query: string, signal?: AbortSignal) => api.get<TSurveyResults>(`/api/surveys/results?${query}`, signal),
  comments: (query: string, signal?: AbortSignal) => api.get<TSurveyComments>(`/api/surveys/comments?${query}`, signal),
  followUps: (signal?: AbortSignal) => api.get<TSurveyFollowUp[]>('/api/surveys/follow-ups?status=open', signal),
  closeFollowUp: (id: string, note: string) => api.post<null>(`/api/surveys/follow-ups/${id}/close`, { note }),
};
