import { z } from 'zod';

/** How a model version came to be. */
export const ZModelSource = z.enum(['modeler', 'import', 'discovered']);
export type TModelSource = z.infer<typeof ZModelSource>;

/** The largest BPMN document accepted (a municipal workflow is far below this). */
export const MAX_BPMN_BYTES = 5 * 1024 * 1024;

export const ZBpmnXml = z.string().min(1).max(MAX_BPMN_BYTES);

export const ZTaskLink = z.object({
  label: z.string().trim().min(1).max(200),
  url: z
    .string()
    .trim()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), 'only http and https links'),
  kind: z.enum(['tool', 'template', 'other']).default('other'),
});
export type TTaskLink = z.infer<typeof ZTaskLink>;

/** What an employee needs at one step: the text, the law, what to check, where the tools are, how long it may take. */
export const ZTaskGuidanceInput = z.object({
  guidance: z.string().max(20_000).default(''),
  legalRefs: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  checklist: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
  links: z.array(ZTaskLink).max(50).default([]),
  /** Calendar days the step may take once the case reaches it; null when the step has no deadline of its own. */
  deadlineDays: z.number().positive().max(3650).nullable().default(null),
});
export type TTaskGuidanceInput = z.infer<typeof ZTaskGuidanceInput>;

export const ZModelTask = ZTaskGuidanceInput.extend({
  elementId: z.string(),
  name: z.string(),
  elementType: z.string(),
});
export type TModelTask = z.infer<typeof ZModelTask>;

// The fields a model's description is made of, without defaults: a PATCH must name what it changes and leave the
// rest alone, and a default would quietly clear a field the request did not name.
const modelFields = {
  name: z.string().trim().min(1).max(200),
  topic: z.string().trim().max(100),
  caseTypeCode: z.string().trim().max(100).nullable(),
  description: z.string().max(5000),
  /** The unit the workflow belongs to: its analysts (and those above it) and the authority's administrators edit it. */
  unitId: z.uuid(),
};

export const ZCreateProcessModel = z.object({
  name: modelFields.name,
  topic: modelFields.topic.default(''),
  caseTypeCode: modelFields.caseTypeCode.default(null),
  description: modelFields.description.default(''),
  /** When left out: the one unit where the creator may edit workflows (refused when there are several). */
  unitId: modelFields.unitId.optional(),
  bpmnXml: ZBpmnXml,
  source: ZModelSource.default('modeler'),
  comment: z.string().max(1000).default(''),
});
export type TCreateProcessModel = z.infer<typeof ZCreateProcessModel>;

/** Only the fields named change; at least one must be named. */
export const ZUpdateProcessModel = z
  .object(modelFields)
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'name at least one field to change');
export type TUpdateProcessModel = z.infer<typeof ZUpdateProcessModel>;

export const ZCreateModelVersion = z.object({
  bpmnXml: ZBpmnXml,
  source: ZModelSource.default('modeler'),
  comment: z.string().max(1000).default(''),
});
export type TCreateModelVersion = z.infer<typeof ZCreateModelVersion>;

export const ZModelVersionInfo = z.object({
  version: z.number().int(),
  source: ZModelSource,
  comment: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type TModelVersionInfo = z.infer<typeof ZModelVersionInfo>;

export const ZProcessModelSummary = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.string(),
  caseTypeCode: z.string().nullable(),
  description: z.string(),
  /** The owning unit; null only for a workflow made before the authority had units. */
  unitId: z.string().nullable(),
  currentVersion: z.number().int(),
  taskCount: z.number().int(),
  updatedAt: z.string(),
  /** Steps whose name or guidance matched the search text. */
  matchedTasks: z.array(z.object({ elementId: z.string(), name: z.string() })).default([]),
});
export type TProcessModelSummary = z.infer<typeof ZProcessModelSummary>;

export const ZProcessModelDetail = ZProcessModelSummary.extend({
  version: z.number().int(),
  bpmnXml: z.string(),
  tasks: z.array(ZModelTask),
  versions: z.array(ZModelVersionInfo),
  warnings: z.array(z.string()),
  /** Whether the reader may change this workflow (an analyst of its unit or above, or an authority administrator). */
  editable: z.boolean(),
});
export type TProcessModelDetail = z.infer<typeof ZProcessModelDetail>;

export const ZProcessModelQuery = z.object({
  q: z.string().trim().max(200).optional(),
  caseTypeCode: z.string().trim().max(100).optional(),
  topic: z.string().trim().max(100).optional(),
});
export type TProcessModelQuery = z.infer<typeof ZProcessModelQuery>;

/** One problem found in a BPMN document, named so an employee can find and fix it. */
export const ZBpmnProblem = z.object({
  message: z.string(),
  elementId: z.string().optional(),
  line: z.number().int().optional(),
});
export type TBpmnProblem = z.infer<typeof ZBpmnProblem>;

/** Case activities in the event log are tied to the model's steps: by name, or by hand for the rest. */
export const ZMappingEntry = z.object({
  activity: z.string().min(1).max(300),
  /** The step the activity belongs to; null marks an activity that is deliberately not part of the workflow. */
  elementId: z.string().max(300).nullable(),
});
export type TMappingEntry = z.infer<typeof ZMappingEntry>;

export const ZSaveMapping = z.object({ entries: z.array(ZMappingEntry).max(2000) });
export type TSaveMapping = z.infer<typeof ZSaveMapping>;

export const ZMappingRow = z.object({
  activity: z.string(),
  elementId: z.string().nullable(),
  how: z.enum(['name', 'manual', 'ignored', 'unmapped']),
});
export type TMappingRow = z.infer<typeof ZMappingRow>;

export const ZModelMapping = z.object({
  modelId: z.string(),
  version: z.number().int(),
  tasks: z.array(z.object({ elementId: z.string(), name: z.string() })),
  rows: z.array(ZMappingRow),
});
export type TModelMapping = z.infer<typeof ZModelMapping>;

/** The step a case is in now, with what the caseworker should know there. */
export const ZCurrentStep = z.object({
  caseId: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  version: z.number().int(),
  /** The last activity recorded on the case, and when. */
  lastActivity: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  /** The step the case is in: the task after the last mapped one; null when the case has finished the workflow. */
  step: ZModelTask.nullable(),
  /** Steps that may come next (after a choice in the workflow). */
  nextSteps: z.array(z.object({ elementId: z.string(), name: z.string() })),
  completed: z.boolean(),
});
export type TCurrentStep = z.infer<typeof ZCurrentStep>;
