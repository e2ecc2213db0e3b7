import type {
  TBreakdown,
  TDashboard,
  TGoalInput,
  TGoalStatus,
  TIndicator,
  TReport,
  TReportRequest,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';

const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();

export interface IndicatorCase {
  caseId: string;
  reference: string;
  caseTypeId: string;
  unitId: string;
  measure: number | null;
}
export interface FigureQuery {
  indicatorId: string;
  unitId: string;
  period: string;
  caseTypeId?: string;
}

export const goalsApi = {
  indicators: (signal?: AbortSignal) => api.get<TIndicator[]>('/api/goals/indicators', signal),
  dashboard: (q: { unitId?: string; period: string }, signal?: AbortSignal) =>
    api.get<TDashboard>(`/api/goals/dashboard?${qs(q)}`, signal),
  setGoal: (body: TGoalInput) => api.post<TGoalStatus>('/api/goals', body),
  breakdown: (q: FigureQuery, signal?: AbortSignal) =>
    api.get<TBreakdown>(`/api/goals/breakdown?${qs({ ...q })}`, signal),
  cases: (q: FigureQuery, signal?: AbortSignal) =>
    api.get<{ cases: IndicatorCase[] }>(`/api/goals/cases?${qs({ ...q })}`, signal),
  requestReport: (body: TReportRequest) => api.post<TReport>('/api/goals/reports', body),
  report: (id: string) => api.get<TReport>(`/api/goals/reports/${id}`),
};
