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
export { demoCaseTypes, DEMO_CASE_TYPE_UNITS } from './demo-case-types.js';
export { caseTypeRoutes } from './case-types.routes.js';
