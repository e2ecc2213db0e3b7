import type { TAuditAction } from '@sagsgang/contracts';

/** The audit page's filters as the address bar holds them: dates as the person typed them (YYYY-MM-DD). */
export interface AuditFilters {
  from: string;
  to: string;
  action: string;
  entityType: string;
  entityId: string;
  /** A purpose's key (`breakGlass`: case files read without a working need). */
  purpose: string;
  actorUserId: string;
  subjectUserId: string;
}

export const NO_FILTERS: AuditFilters = {
  from: '',
  to: '',
  action: '',
  entityType: '',
  entityId: '',
  purpose: '',
  actorUserId: '',
  subjectUserId: '',
};
const KEYS = Object.keys(NO_FILTERS) as (keyof AuditFilters)[];

/** Every action the log records, each with its catalogue key; a Record so a new action must be named here. */
export const AUDIT_ACTION_KEYS: Record<TAuditAction, string> = {
  read: 'admin:action_read',
  create: 'admin:action_create',
  update: 'admin:action_update',
  delete: 'admin:action_delete',
  export: 'admin:action_export',
  denied: 'admin:action_denied',
  sign_in: 'admin:action_sign_in',
  sign_out: 'admin:action_sign_out',
  sign_in_failed: 'admin:action_sign_in_failed',
  sign_in_locked: 'admin:action_sign_in_locked',
};

/** The kinds of record the server writes entries about (the filter offers these; others show by their code). */
export const AUDIT_ENTITY_TYPES = [
  'case',
  'case_document',
  'application',
  'complaint',
  'case_type',
  'user',
  'role_grant',
  'unit',
  'calendar_closure',
  'user_session',
  'audit_log',
  'route',
  'case_access_grant',
  'work_queue',
  'process_model',
] as const;

export function filtersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const out = { ...NO_FILTERS };
  for (const key of KEYS) out[key] = params.get(key)?.trim() ?? '';
  return out;
}

export function searchFromFilters(filters: AuditFilters): string {
  const params = new URLSearchParams(KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]]));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Local midnight at the start of a day, as an instant with offset. */
function startOfLocalDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * The API's query for the filters. The period is read in the browser's time zone, and the "to" day is included:
 * the API's `to` is exclusive, so it gets the next day's start.
 */
export function apiQuery(filters: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['action', 'entityType', 'entityId', 'purpose', 'actorUserId', 'subjectUserId'] as const)
    if (filters[key]) out[key] = filters[key];
  if (isDate(filters.from)) out.from = startOfLocalDay(filters.from);
  if (isDate(filters.to)) out.to = startOfLocalDay(filters.to, 1);
  return out;
}

export const queryString = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();
