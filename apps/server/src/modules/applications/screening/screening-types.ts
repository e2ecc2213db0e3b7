/**
 * What the automatic screening reads: the case type's requirements as a flat list, the applicant's answers and the
 * documents they attached. Kept free of database and HTTP types so the rules are pure and can run anywhere (the
 * form's inline validation uses the same rules as the screening on receipt).
 */

export type AcceptedMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

export type AnswerType = 'text' | 'longtext' | 'date' | 'number' | 'choice' | 'yesno' | 'email';

/** Show / require a requirement only when another question was answered with one of `in`. */
export interface RequirementCondition {
  questionKey: string;
  in: string[];
}

/** Plausible range of a date answer, in whole years relative to the day of screening (negative = the past). */
export interface DateBounds {
  minYears?: number;
  maxYears?: number;
}

interface RequirementBase {
  key: string;
  /** mandatory: always; conditional: when `condition` holds. */
  necessity: 'mandatory' | 'conditional';
  condition?: RequirementCondition;
}

export interface InformationRequirement extends RequirementBase {
  kind: 'information';
  answerType: AnswerType;
  /** For `choice`: the allowed values. */
  options?: string[];
  dateBounds?: DateBounds;
  maxLength?: number;
}

export interface DocumentRequirement extends RequirementBase {
  kind: 'document';
  acceptedTypes: AcceptedMediaType[];
  maxBytes: number;
}

export type ScreeningRequirement = InformationRequirement | DocumentRequirement;

export type Answers = Readonly<Record<string, string | undefined>>;

/** A document as stored: its type detected from the content, never from the file name. */
export interface AttachedDocument {
  requirementKey: string;
  detectedType: string | null;
  sizeBytes: number;
  fileName: string;
}

export type FindingCode =
  | 'answer_missing'
  | 'answer_invalid'
  | 'date_implausible'
  | 'too_long'
  | 'document_missing'
  | 'document_type'
  | 'document_size';

/** One thing the screening found wrong with one requirement: a value, never an exception. */
export interface Finding {
  requirementKey: string;
  code: FindingCode;
  /** For document findings: which file. */
  fileName?: string;
  /** Machine-readable detail for the message (accepted types, byte limit, bounds). */
  params?: Record<string, string | number>;
}

export interface ScreeningResult {
  fullyInformed: boolean;
  /** Requirements that applied to this application (mandatory, or conditional with the condition met). */
  applicableKeys: string[];
  findings: Finding[];
  /** The requirements still missing or unusable, one entry per requirement, in the case type's order. */
  missingKeys: string[];
}
