import type { GraphFlow, GraphNode } from './bpmn-document.js';

const ACTIVITY_TYPES = new Set([
  'Task',
  'UserTask',
  'ServiceTask',
  'ManualTask',
  'SendTask',
  'ReceiveTask',
  'ScriptTask',
  'BusinessRuleTask',
  'CallActivity',
  'SubProcess',
]);

/** The drawn process as a graph: which step can follow which, through gateways and events. */
export class BpmnGraph {
  readonly nodes: Map<string, GraphNode>;
  readonly flows: GraphFlow[];
  private readonly outgoing = new Map<string, GraphFlow[]>();

  constructor(nodes: GraphNode[], flows: GraphFlow[]) {
    this.nodes = new Map(nodes.map((n) => [n.id, n]));
    this.flows = flows;
    for (const f of flows) {
      const list = this.outgoing.get(f.source) ?? [];
      list.push(f);
      this.outgoing.set(f.source, list);
    }
  }

  isTask(id: string): boolean {
    return ACTIVITY_TYPES.has(this.nodes.get(id)?.type ?? '');
  }

  /** Start events; when none is drawn, nodes without incoming flows. */
  starts(): string[] {
    const explicit = [...this.nodes.values()].filter((n) => n.type === 'StartEvent').map((n) => n.id);
    if (explicit.length) return explicit;
    const targets = new Set(this.flows.map((f) => f.target));
    return [...this.nodes.keys()].filter((id) => !targets.has(id));
  }

  /**
   * The tasks reachable from `from` without passing another task, with the flows walked to reach each one
   * (the shortest way). `from` may be a task, an event or a gateway.
   */
  nextTasks(from: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const { id, path } of this.walkUpToTasks(from)) if (this.isTask(id)) found.set(id, path);
    return found;
  }

  /** The first tasks of the process. */
  firstTasks(): Map<string, string[]> {
    const all = new Map<string, string[]>();
    for (const s of this.starts()) for (const [t, p] of this.nextTasks(s)) if (!all.has(t)) all.set(t, p);
    return all;
  }

  /** True when an end event can be reached from the task without passing another task. */
  canEndAfter(taskId: string): boolean {
    return this.flowsToEnd(taskId) !== null;
  }

  /** The shortest way (flows) from the task to an end event without passing another task; null when none. */
  flowsToEnd(taskId: string): string[] | null {
    for (const { id, path } of this.walkUpToTasks(taskId)) if (this.nodes.get(id)?.type === 'EndEvent') return path;
    return null;
  }

  /** The flows from task `a` to task `b` when b directly follows a in the model; null otherwise. */
  flowsBetween(a: string, b: string): string[] | null {
    return this.nextTasks(a).get(b) ?? null;
  }

  /**
   * Breadth first from `from`: every node reached without passing through a task, each once with the shortest way
   * (flows) to it, nearest first. A task is reached but not walked through.
   */
  private *walkUpToTasks(from: string): Generator<{ id: string; path: string[] }> {
    const seen = new Set([from]);
    let frontier: { id: string; path: string[] }[] = [{ id: from, path: [] }];
    while (frontier.length) {
      const next: typeof frontier = [];
      for (const { id, path } of frontier) {
        for (const f of this.outgoing.get(id) ?? []) {
          if (seen.has(f.target)) continue;
          seen.add(f.target);
          const reached = { id: f.target, path: [...path, f.id] };
          yield reached;
          if (!this.isTask(f.target)) next.push(reached);
        }
      }
      frontier = next;
    }
  }
}
