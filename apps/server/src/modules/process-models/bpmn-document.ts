import type { TBpmnProblem } from '@sagsgang/contracts';
import { importSettings, type ImportSettings } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';

/** What reading one BPMN document may cost (see ImportSettings). */
export type BpmnLimits = Pick<
  ImportSettings,
  'bpmnMaxElements' | 'bpmnMaxUnknownAttributes' | 'bpmnLayoutTimeoutMs' | 'bpmnLayoutMemoryMb'
>;
export const DEFAULT_BPMN_LIMITS: BpmnLimits = importSettings({});
// No drawn workflow nests this deep; the limit keeps every later walk of the tree shallow.
const MAX_DEPTH = 100;

/** A step of the workflow as drawn: every BPMN activity (task, sub-process, call activity). */
export interface DrawnTask {
  elementId: string;
  name: string;
  elementType: string;
}

/** A node of the process graph: a task, an event or a gateway. */
export interface GraphNode {
  id: string;
  type: string;
  name: string;
}

/** A sequence flow between two nodes. */
export interface GraphFlow {
  id: string;
  source: string;
  target: string;
}

export interface ReadBpmnResult {
  /** The document as stored: the input, or the input laid out when it had no diagram. */
  xml: string;
  tasks: DrawnTask[];
  nodes: GraphNode[];
  flows: GraphFlow[];
  /** Problems that do not stop the model from being shown and used. */
  warnings: string[];
}

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  diagrams?: unknown[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  $attrs?: Record<string, string>;
  $instanceOf(type: string): boolean;
}

interface ModdleWarning {
  message: string;
  element?: { id?: string };
  line?: number;
}

// bpmn-moddle ships no declaration for its entry; loaded through a non-literal specifier it types as `any`, which
// is narrowed to the two calls used here.
type ModdleCtor = new () => {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: ModdleWarning[] }>;
};
const BPMN_MODDLE = 'bpmn-moddle';

function invalid(problems: TBpmnProblem[]): AppError {
  const summary = problems
    .slice(0, 3)
    .map((p) => p.message)
    .join('; ');
  return new AppError('validation', `The BPMN file is not valid: ${summary}`, { problems });
}

async function parse(xml: string): Promise<{ root: ModdleElement; warnings: ModdleWarning[] }> {
  const { BpmnModdle } = (await import(BPMN_MODDLE)) as { BpmnModdle: ModdleCtor };
  try {
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    return { root: rootElement, warnings };
  } catch (err) {
    const e = err as Error & { warnings?: ModdleWarning[] };
    const first = e.message.split('\n')[0] ?? 'unreadable XML';
    const line = /line: (\d+)/.exec(e.message)?.[1];
    throw invalid([{ message: `it cannot be read as BPMN 2.0 XML (${first})`, line: line ? Number(line) : undefined }]);
  }
}

function collectTasks(
  container: ModdleElement,
  into: DrawnTask[],
  flows: ModdleElement[],
  nodes?: ModdleElement[],
): void {
  // Depth first in document order, with a stack of its own rather than the call stack.
  const stack: ModdleElement[] = [...(container.flowElements ?? [])].reverse();
  for (let el = stack.pop(); el; el = stack.pop()) {
    if (el.$type === 'bpmn:SequenceFlow') flows.push(el);
    else if (el.$instanceOf('bpmn:FlowNode')) nodes?.push(el);
    if (el.$instanceOf('bpmn:Activity') && el.id) {
      into.push({
        elementId: el.id,
        name: (el.name ?? '').replace(/\s+/g, ' ').trim(),
        elementType: el.$type.replace('bpmn:', ''),
      });
    }
    if (el.flowElements) for (let i = el.flowElements.length - 1; i >= 0; i--) stack.push(el.flowElements[i]);
  }
}

function tooLarge(setting: string, value: number, what: string): AppError {
  return new AppError('payload_too_large', `The BPMN file is refused: ${what} (${setting}: ${value}).`, {
    reason: 'limit_exceeded',
    limit: setting,
    value,
  });
}

/**
 * One linear pass over the text before any parser sees it: no entity definitions (expansion bombs, external
 * entities), no more elements than allowed, no deeper nesting than MAX_DEPTH.
 */
export function checkShape(xml: string, limits: BpmnLimits): void {
  let elements = 0;
  let depth = 0;
  for (let lt = xml.indexOf('<'); lt >= 0; lt = xml.indexOf('<', lt + 1)) {
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      depth--;
      continue;
    }
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!DOCTYPE', lt)) throw invalid([{ message: 'it has a document type declaration' }]);
      continue;
    }
    if (c === 63 /* ? */) continue;
    if (++elements > limits.bpmnMaxElements)
      throw tooLarge('BPMN_MAX_ELEMENTS', limits.bpmnMaxElements, 'it has too many elements');
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) !== 47 /* / */ && ++depth > MAX_DEPTH)
      throw invalid([{ message: `its elements are nested more than ${MAX_DEPTH} deep` }]);
    lt = gt;
  }
}

/** Attributes BPMN does not define, over the whole document (each costs the auto-layout dearly). */
function countUnknownAttributes(root: ModdleElement): number {
  let count = 0;
  const seen = new Set<object>();
  const stack: object[] = [root];
  for (let o = stack.pop(); o; o = stack.pop()) {
    if (seen.has(o)) continue;
    seen.add(o);
    const attrs = (o as ModdleElement).$attrs;
    if (attrs) for (const k of Object.keys(attrs)) if (!k.startsWith('xmlns')) count++;
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith('$') || v === null || typeof v !== 'object') continue;
      if (Array.isArray(v))
        for (const x of v as unknown[])
          if (x && typeof x === 'object') stack.push(x);
          else stack.push(v as object);
    }
  }
  return count;
}

interface Structure {
  tasks: DrawnTask[];
  nodes: GraphNode[];
  flows: GraphFlow[];
  problems: TBpmnProblem[];
  notes: string[];
}

function checkStructure(root: ModdleElement, warnings: ModdleWarning[]): Structure {
  const problems: TBpmnProblem[] = [];
  const notes: string[] = [];
  for (const w of warnings) {
    const item = { message: w.message, elementId: w.element?.id, line: w.line };
    if (/unresolved reference|duplicate ID/i.test(w.message)) problems.push(item);
    else notes.push(`${w.message}${w.element?.id ? ` (element ${w.element.id})` : ''}`);
  }
  const processes = (root.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  if (processes.length === 0) problems.push({ message: 'it contains no process (bpmn:process)' });
  const tasks: DrawnTask[] = [];
  const flows: ModdleElement[] = [];
  const nodes: ModdleElement[] = [];
  for (const p of processes) collectTasks(p, tasks, flows, nodes);
  if (processes.length > 0 && tasks.length === 0) problems.push({ message: 'the process has no tasks' });
  for (const f of flows) {
    if (!f.sourceRef || !f.targetRef)
      problems.push({ message: `sequence flow ${f.id} lacks a source or a target`, elementId: f.id });
  }
  for (const t of tasks) {
    if (!t.name) notes.push(`step ${t.elementId} has no name, so no case activity can match it by name`);
  }
  return {
    tasks,
    nodes: nodes.map((n) => ({
      id: n.id ?? '',
      type: n.$type.replace('bpmn:', ''),
      name: (n.name ?? '').replace(/\s+/g, ' ').trim(),
    })),
    flows: flows
      .filter((f) => f.id && f.sourceRef?.id && f.targetRef?.id)
      .map((f) => ({ id: f.id!, source: f.sourceRef!.id!, target: f.targetRef!.id! })),
    problems,
    notes,
  };
}

const AUTO_LAYOUT = 'bpmn-auto-layout';

/**
 * Reads and checks a BPMN 2.0 document. Throws a `validation` AppError naming every problem that makes the
 * document unusable, and `payload_too_large` naming the limit a document goes past; a document without diagram
 * layout is laid out automatically. On the event loop: for a document from outside use importBpmn (bpmn-import.ts),
 * which runs this in a worker thread with bounded time and memory.
 */
export async function readBpmn(xml: string, limits: BpmnLimits = DEFAULT_BPMN_LIMITS): Promise<ReadBpmnResult> {
  if (!xml.trim().startsWith('<')) throw invalid([{ message: 'it is not an XML document' }]);
  checkShape(xml, limits);
  const { root, warnings } = await parse(xml);
  if (root.$type !== 'bpmn:Definitions') throw invalid([{ message: 'its root element is not bpmn:definitions' }]);
  const { problems, notes, ...graph } = checkStructure(root, warnings);
  if (problems.length) throw invalid(problems);
  if ((root.diagrams ?? []).length > 0) return { xml, ...graph, warnings: notes };
  if (countUnknownAttributes(root) > limits.bpmnMaxUnknownAttributes)
    throw tooLarge(
      'BPMN_MAX_UNKNOWN_ATTRIBUTES',
      limits.bpmnMaxUnknownAttributes,
      'it has no diagram layout, and too many attributes BPMN does not define to be laid out',
    );
  try {
    const { layoutProcess } = (await import(AUTO_LAYOUT)) as { layoutProcess(xml: string): Promise<string> };
    const laidOut = await layoutProcess(xml);
    return {
      xml: laidOut,
      ...graph,
      warnings: [...notes, 'the file had no diagram layout; it was laid out automatically'],
    };
  } catch (err) {
    throw invalid([
      { message: `it has no diagram layout and could not be laid out automatically (${(err as Error).message})` },
    ]);
  }
}
