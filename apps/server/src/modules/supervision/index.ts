import type { ModuleDescriptor } from '../../platform/context.js';
import { supervisionRoutes } from './supervision.routes.js';
import { supervisionErrorRate } from './indicators.js';

/**
 * Management supervision by sampling: programmes with a review checklist, reproducible samples, reviews beside
 * the case file, the analysis with 95% intervals, improvement initiatives, and the auditor's remarks.
 */
export const supervisionModule: ModuleDescriptor = {
  name: 'supervision',
  routes: supervisionRoutes,
  indicators: [supervisionErrorRate],
};

export { createProgramme } from './use-cases/programmes.js';
export { drawSupervisionSample } from './use-cases/draw-sample.js';
export { submitReview } from './use-cases/review.js';
export { analyseSample } from './use-cases/analyse-sample.js';
export { createInitiative, updateInitiative, createAuditRemark } from './use-cases/initiatives.js';
export {
  importSupervisionHistory,
  type ImportedProgramme,
  type ImportedSample,
  type ImportedSampleCase,
  type ImportedInitiative,
  type ImportedAuditRemark,
} from './use-cases/import-history.js';
export { drawSample, seededRandom } from './statistics/index.js';
