import type {
  TCaseTypeDetail,
  TCaseTypeExport,
  TCaseTypeImportResult,
  TCaseTypeSummary,
  TPublishCaseTypeResult,
  TUnitNode,
} from '@sagsgang/contracts';
import { api } from '../../api/client.js';

/** The case-type catalogue: read by every staff page that filters by case type, changed by administrators. */
export const caseTypesApi = {
  list: (signal?: AbortSignal) => api.get<TCaseTypeSummary[]>('/api/case-types', signal),
  get: (code: string, signal?: AbortSignal) =>
    api.get<TCaseTypeDetail>(`/api/case-types/${encodeURIComponent(code)}`, signal),
  publish: (definition: unknown) => api.post<TPublishCaseTypeResult>('/api/case-types', definition),
  exportAll: () => api.get<TCaseTypeExport>('/api/case-types/export'),
  importAll: (file: unknown) => api.post<TCaseTypeImportResult>('/api/case-types/import', file),
  /** The authority's unit tree (every staff member may read it): the handling-unit picker. */
  units: (signal?: AbortSignal) => api.get<TUnitNode[]>('/api/units', signal),
};
