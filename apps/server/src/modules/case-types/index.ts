import type { ModuleDescriptor } from '../../platform/context.js';
import { caseTypeRoutes } from './case-types.routes.js';

/** Case types: versioned definitions of phases, service goal, requirements and decisions. */
export const caseTypesModule: ModuleDescriptor = { name: 'case-types', routes: caseTypeRoutes };

export {
  publishCaseType,
  listCaseTypes,
  getCaseType,
  getCaseTypeVersion,
  getCaseTypeVersions,
  getCurrentCaseTypeVersion,
  exportCaseTypes,
  importCaseTypes,
  parseCaseTypeDefinition,
  type PublishResult,
} from './case-types.service.js';
export type { CaseTypeVersionRow } from './case-types.repository.js';
