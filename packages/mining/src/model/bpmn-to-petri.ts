import { MiningError } from '../errors.js';
import { PetriNet } from './petri-net.js';
import { parseBpmn, type BpmnElement } from './bpmn-moddle.js';
import { reduceSilent } from './reduce-silent.js';

const TASKS = new Set([
  'bpmn:Task',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ManualTask',
  'bpmn:ScriptTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
]);
const SILENT_EVENTS = new Set(['bpmn:IntermediateThrowEvent', 'bpmn:IntermediateCatchEvent']);
const IGNORED = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);
const MAX_INCLUSIVE_BRANCHES = 8;

/** Reads BPMN XML and translates its process into a workflow net (see bpmnToPetri). */
export async function readBpmnAsPetri(xml: string, file?: string): Promise<PetriNet> {
  return bpmnToPetri(await parseBpmn(xml, file), file);
}

/**
 * Translates a BPMN process into a workflow net: a place per sequence flow, a labelled transition
 * per task, silent transitions for events and gateways; sub-processes are flattened; an
 * inclusive split is translated (exactly) only together with its matching inclusive join.
 * Anything else is a MiningError naming the element.
 */
export function bpmnToPetri(definitions: BpmnElement, file?: string): PetriNet {
  const processes = (definitions.rootElements ?? []).filter(
    (e) => e.$type === 'bpmn:Process' && e.flowElements?.length,
  );
  if (processes.length !== 1) {
    throw new MiningError('unsupported_bpmn_element', `expected one process with elements, found ${processes.length}`, {
      file,
    });
  }
  linkFlows(processes[0]);
  const b = new Translator(new PetriNet(processes[0].id), file);
  const source = b.net.addPlace('source');
  const sink = b.net.addPlace('sink');
  b.translate(processes[0], source, sink);
  b.net.setMarkings(new Map([[source, 1]]), new Map([[sink, 1]]));
  return reduceSilent(b.net);
}

class Translator {
  private tau = 0;
  private readonly flowPlace = new Map<string, number>();

  constructor(
    readonly net: PetriNet,
    private readonly file?: string,
  ) {}

  /** Translates a process or sub-process whose start events consume from `entry` and end events feed `exit`. */
  translate(container: BpmnElement, entry: number, exit: number): void {
    const elements = container.flowElements ?? [];
    for (const f of elements.filter((e) => e.$type === 'bpmn:SequenceFlow'))
      this.flowPlace.set(f.id, this.net.addPlace(f.id));
    const starts = elements.filter((e) => e.$type === 'bpmn:StartEvent');
    if (!starts.length) throw this.unsupported(container, 'has no start event');
    const joins = pairInclusive(elements, (e, why) => this.unsupported(e, why));
    for (const e of elements) {
      if (IGNORED.has(e.$type)) continue;
      if (e.$type === 'bpmn:StartEvent') this.silent(e.id, [entry], this.outs(e), starts.length > 1);
      else if (e.$type === 'bpmn:EndEvent') this.xorInto(e, this.ins(e), exit);
      else if (TASKS.has(e.$type)) this.task(e);
      else if (SILENT_EVENTS.has(e.$type)) this.xorThen(e, (p) => this.silent(e.id, [p], this.outs(e)));
      else if (e.$type === 'bpmn:ExclusiveGateway') this.exclusive(e);
      else if (e.$type === 'bpmn:ParallelGateway') this.silent(e.id, this.ins(e), this.outs(e));
      else if (e.$type === 'bpmn:InclusiveGateway') this.inclusive(e, joins);
      else if (e.$type === 'bpmn:SubProcess' && !e.triggeredByEvent) this.subProcess(e);
      else throw this.unsupported(e, 'is not supported');
    }
  }

  private ins(e: BpmnElement): number[] {
    return (e.incoming ?? []).map((f) => this.flowPlace.get(f.id)!);
  }

  private outs(e: BpmnElement): number[] {
    return (e.outgoing ?? []).map((f) => this.flowPlace.get(f.id)!);
  }

  private silent(base: string, pre: number[], post: number[], suffix = true): number {
    const t = this.net.addTransition(suffix ? `${base}_tau${this.tau++}` : base, null, base);
    for (const p of pre) this.net.addArc('pt', p, t);
    for (const p of post) this.net.addArc('tp', p, t);
    return t;
  }

  // Several incoming flows into a node are an implicit XOR-merge: one place collects them.
  private merged(e: BpmnElement): number {
    const ins = this.ins(e);
    if (ins.length === 1) return ins[0];
    if (!ins.length) throw this.unsupported(e, 'has no incoming sequence flow');
    const p = this.net.addPlace(`${e.id}_in`);
    this.xorInto(e, ins, p);
    return p;
  }

  private xorInto(e: BpmnElement, from: number[], to: number): void {
    if (!from.length) throw this.unsupported(e, 'has no incoming sequence flow');
    for (const p of from) this.silent(e.id, [p], [to]);
  }

  private xorThen(e: BpmnElement, fn: (p: number) => void): void {
    fn(this.merged(e));
  }

  private task(e: BpmnElement): void {
    const t = this.net.addTransition(e.id, (e.name ?? e.id).trim(), e.name ?? e.id);
    this.net.addArc('pt', this.merged(e), t);
    const outs = this.outs(e);
    if (!outs.length) throw this.unsupported(e, 'has no outgoing sequence flow');
    for (const p of outs) this.net.addArc('tp', p, t);
  }

  private exclusive(e: BpmnElement): void {
    const hub = this.merged(e);
    const outs = this.outs(e);
    if (!outs.length) throw this.unsupported(e, 'has no outgoing sequence flow');
    for (const p of outs) this.silent(e.id, [hub], [p]);
  }

  private inclusive(e: BpmnElement, joins: Map<string, InclusivePair>): void {
    const pair = joins.get(e.id)!;
    const ins = this.ins(e);
    const outs = this.outs(e);
    if (pair.role === 'trivial') return void this.silent(e.id, ins, outs);
    if (pair.role === 'join') return; // emitted together with its split
    const hub = this.merged(e);
    const joinIns = pair.joinIncoming.map((f) => this.flowPlace.get(f)!);
    const joinOut = this.outs(pair.join);
    for (let mask = 1; mask < 1 << outs.length; mask++) {
      const chosen = outs.filter((_, i) => mask & (1 << i));
      const memo = this.net.addPlace(`${e.id}_choice${mask}`);
      this.silent(e.id, [hub], [...chosen, memo]);
      const ends = pair.branchToJoin.filter((_, i) => mask & (1 << i)).map((j) => joinIns[j]);
      this.silent(pair.join.id, [...ends, memo], joinOut);
    }
  }

  private subProcess(e: BpmnElement): void {
    const entry = this.merged(e);
    const exit = this.net.addPlace(`${e.id}_done`);
    this.translate(e, entry, exit);
    this.silent(e.id, [exit], this.outs(e));
  }

  private unsupported(e: BpmnElement, why: string): MiningError {
    return new MiningError('unsupported_bpmn_element', `${e.$type.replace('bpmn:', '')} ${e.id} ${why}`, {
      file: this.file,
      elementId: e.id,
    });
  }
}

interface InclusivePair {
  role: 'split' | 'join' | 'trivial';
  join: BpmnElement;
  joinIncoming: string[];
  /** For each outgoing branch of the split, the index of the join's incoming flow it reaches. */
  branchToJoin: number[];
}

// Pairs each inclusive split with the inclusive join all its branches reach, one branch per join input.
function pairInclusive(
  elements: BpmnElement[],
  err: (e: BpmnElement, why: string) => MiningError,
): Map<string, InclusivePair> {
  const out = new Map<string, InclusivePair>();
  const gws = elements.filter((e) => e.$type === 'bpmn:InclusiveGateway');
  for (const g of gws) {
    const nIn = g.incoming?.length ?? 0,
      nOut = g.outgoing?.length ?? 0;
    if (nIn <= 1 && nOut <= 1) out.set(g.id, { role: 'trivial', join: g, joinIncoming: [], branchToJoin: [] });
  }
  for (const split of gws.filter((g) => (g.outgoing?.length ?? 0) > 1)) {
    if ((split.incoming?.length ?? 0) > 1) throw err(split, 'mixes an inclusive join and split');
    if (split.outgoing!.length > MAX_INCLUSIVE_BRANCHES)
      throw err(split, `has more than ${MAX_INCLUSIVE_BRANCHES} branches`);
    const reached = split.outgoing!.map((f) => firstInclusiveJoin(f));
    const join = reached[0]?.node;
    if (!join || reached.some((r) => r?.node !== join) || join.incoming!.length !== reached.length) {
      throw err(split, 'cannot be translated exactly: its branches do not meet in one inclusive join');
    }
    const joinIncoming = join.incoming!.map((f) => f.id);
    const branchToJoin = reached.map((r) => joinIncoming.indexOf(r!.via));
    if (new Set(branchToJoin).size !== branchToJoin.length)
      throw err(split, 'cannot be translated exactly: two branches share a join input');
    out.set(split.id, { role: 'split', join, joinIncoming, branchToJoin });
    out.set(join.id, { role: 'join', join, joinIncoming, branchToJoin });
  }
  for (const g of gws) if (!out.has(g.id)) throw err(g, 'is an inclusive join without a matching inclusive split');
  return out;
}

// Follows a branch (through any nodes) to the first inclusive join; it must be unique.
function firstInclusiveJoin(flow: BpmnElement): { node: BpmnElement; via: string } | undefined {
  const seen = new Set<string>();
  const found = new Map<string, { node: BpmnElement; via: string }>();
  const stack = [flow];
  while (stack.length) {
    const f = stack.pop()!;
    const n = f.targetRef!;
    if (n.$type === 'bpmn:InclusiveGateway' && (n.incoming?.length ?? 0) > 1) {
      found.set(n.id + '|' + f.id, { node: n, via: f.id });
      continue;
    }
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    stack.push(...(n.outgoing ?? []));
  }
  const nodes = new Set([...found.values()].map((x) => x.node.id));
  return nodes.size === 1 && found.size === 1 ? [...found.values()][0] : undefined;
}

// Sequence flows are authoritative; <incoming>/<outgoing> children are optional in BPMN files.
function linkFlows(container: BpmnElement): void {
  const all: BpmnElement[] = [];
  const collect = (c: BpmnElement) => {
    for (const e of c.flowElements ?? []) {
      all.push(e);
      if (e.flowElements) collect(e);
    }
  };
  collect(container);
  for (const e of all) {
    if (e.$type === 'bpmn:SequenceFlow') continue;
    e.incoming = [];
    e.outgoing = [];
  }
  for (const f of all.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    if (!f.sourceRef || !f.targetRef)
      throw new MiningError('bad_bpmn', `sequence flow ${f.id} lacks a source or target`, { elementId: f.id });
    f.sourceRef.outgoing!.push(f);
    f.targetRef.incoming!.push(f);
  }
}
