import type {
  TAuditEntry,
  TCalendarYear,
  TClosureChangeResult,
  TCreateUserRequest,
  TGrantRequest,
  TUnitNode,
  TUpdateUserRequest,
  TUserView,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';
import { queryString } from './audit-query.js';

export type UserKind = 'staff' | 'applicant' | 'all';

export const adminApi = {
  units: (signal?: AbortSignal) => api.get<TUnitNode[]>('/api/units', signal),

  users: (params: { q?: string; kind?: UserKind; limit?: number }, signal?: AbortSignal) =>
    api.get<TUserView[]>(`/api/users?${queryString(params)}`, signal),
  user: (id: string, signal?: AbortSignal) => api.get<TUserView>(`/api/users/${encodeURIComponent(id)}`, signal),
  createUser: (body: TCreateUserRequest) => api.post<{ id: string }>('/api/users', body),
  updateUser: (id: string, body: TUpdateUserRequest) => api.patch<void>(`/api/users/${encodeURIComponent(id)}`, body),
  liftSignInLock: (id: string) =>
    api.post<{ wasLocked: boolean }>(`/api/users/${encodeURIComponent(id)}/sign-in-lock/lift`),
  grantRole: (id: string, body: TGrantRequest) =>
    api.post<{ id: string }>(`/api/users/${encodeURIComponent(id)}/grants`, body),
  revokeRole: (id: string, grantId: string) =>
    api.delete<void>(`/api/users/${encodeURIComponent(id)}/grants/${encodeURIComponent(grantId)}`),

  audit: (params: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<TAuditEntry[]>(`/api/audit?${queryString(params)}`, signal),
  /** A plain link: the browser downloads the file with the session cookie. */
  auditExportHref: (params: Record<string, string>) => `/api/audit/export?${queryString({ ...params, format: 'csv' })}`,

  calendar: (year: number, signal?: AbortSignal) => api.get<TCalendarYear>(`/api/calendar/${year}`, signal),
  addClosure: (body: { day: string; reason: string }) => api.post<TClosureChangeResult>('/api/calendar/closures', body),
  removeClosure: (day: string) => api.delete<TClosureChangeResult>(`/api/calendar/closures/${encodeURIComponent(day)}`),
};
