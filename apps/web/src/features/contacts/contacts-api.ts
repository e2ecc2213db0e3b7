import type {
  TBookingView,
  TCaseStatusView,
  TContactFigures,
  TContactTopic,
  TInquiryList,
  TInquiryView,
  TRegisterInquiry,
  TUnitNode,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';

const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const contactsApi = {
  topics: (signal?: AbortSignal) => api.get<TContactTopic[]>('/api/contacts/topics', signal),
  units: (signal?: AbortSignal) => api.get<TUnitNode[]>('/api/units', signal),
  register: (body: TRegisterInquiry) => api.post<TInquiryView>('/api/contacts/inquiries', body),
  caseStatus: (body: { reference: string; inquiryId?: string }) =>
    api.post<TCaseStatusView>('/api/contacts/case-status', body),
  tasks: (signal?: AbortSignal) => api.get<TInquiryView[]>('/api/contacts/tasks', signal),
  answer: (id: string, answer: string) =>
    api.post<TInquiryView>(`/api/contacts/inquiries/${encodeURIComponent(id)}/answer`, { answer }),
  figures: (from: string, to: string, signal?: AbortSignal) =>
    api.get<TContactFigures>(`/api/contacts/figures?${qs({ from, to })}`, signal),
  drill: (params: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<TInquiryList>(`/api/contacts/figures/inquiries?${qs(params)}`, signal),
  bookings: (from: string, signal?: AbortSignal) =>
    api.get<TBookingView[]>(`/api/contacts/bookings?${qs({ from })}`, signal),
  outcome: (id: string, status: 'attended' | 'no_show') =>
    api.post<TBookingView>(`/api/contacts/bookings/${encodeURIComponent(id)}/outcome`, { status }),
  cancel: (id: string) => api.post<TBookingView>(`/api/contacts/bookings/${encodeURIComponent(id)}/cancel`),
  newFeed: () => api.post<{ url: string }>('/api/contacts/calendar-feed'),
  revokeFeed: () => api.delete<void>('/api/contacts/calendar-feed'),
};

/** Every unit of the tree, flattened in order, for a select. */
export function flattenUnits(nodes: TUnitNode[], depth = 0): { id: string; name: string; depth: number }[] {
  return nodes.flatMap((n) => [{ id: n.id, name: n.nameDa, depth }, ...flattenUnits(n.children, depth + 1)]);
}

export const pct = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);
