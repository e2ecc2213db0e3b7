import type { ModuleDescriptor } from '../../platform/context.js';
import { processModelRoutes } from './process-models.routes.js';

/** Described workflows (BPMN) with guidance per task and the mapping from case activities to tasks. */
export const processModelsModule: ModuleDescriptor = { name: 'process-models', routes: processModelRoutes };

export { MODEL_EDITORS } from './process-models.routes.js';
export {
  getProcessModel,
  searchProcessModels,
  createProcessModel,
  updateTaskGuidance,
  toTask,
} from './process-models.service.js';
export { resolveMapping, saveModelMapping, type ActivityMapping } from './model-mapping.js';
export { readBpmn, type DrawnTask, type GraphFlow, type GraphNode, type ReadBpmnResult } from './bpmn-document.js';
export { BpmnGraph } from './bpmn-graph.js';
export { readModelVersion, modelForCaseType, type ReadModel } from './model-cache.js';
export { currentStepOfCase } from './current-step.js';
