import { layoutProcess } from 'bpmn-auto-layout';
import type { ProcessTree } from './process-tree.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Turns a process tree into BPMN 2.0 XML with a diagram laid out automatically, so an analyst
 * can open the discovered process in a modeller and start a workflow description from it.
 */
export async function treeToBpmn(tree: ProcessTree, processId = 'discovered_process'): Promise<string> {
  const nodes: string[] = [];
  const flows: string[] = [];
  let n = 0;
  const id = (p: string) => `${p}_${n++}`;
  const flow = (from: string, to: string) =>
    flows.push(`<bpmn:sequenceFlow id="${id('Flow')}" sourceRef="${from}" targetRef="${to}"/>`);
  const gateway = (kind: 'exclusive' | 'parallel') => {
    const g = id(kind === 'exclusive' ? 'Xor' : 'And');
    nodes.push(`<bpmn:${kind}Gateway id="${g}"/>`);
    return g;
  };
  // Emits a subtree between `from` and a returned exit node (or null for a silent step: caller links through).
  const build = (t: ProcessTree, from: string): string => {
    if ('label' in t) {
      if (t.label === null) return from;
      const a = id('Activity');
      nodes.push(`<bpmn:task id="${a}" name="${esc(t.label)}"/>`);
      flow(from, a);
      return a;
    }
    if (t.op === 'seq') return t.children.reduce((cur, c) => build(c, cur), from);
    if (t.op === 'xor' || t.op === 'and') {
      const kind = t.op === 'xor' ? 'exclusive' : 'parallel';
      const split = gateway(kind);
      const join = gateway(kind);
      flow(from, split);
      for (const c of t.children) flow(build(c, split), join);
      return join;
    }
    const loopIn = gateway('exclusive');
    const loopOut = gateway('exclusive');
    flow(from, loopIn);
    flow(build(t.children[0], loopIn), loopOut);
    for (const r of t.children.slice(1)) flow(build(r, loopOut), loopIn);
    return loopOut;
  };
  nodes.push('<bpmn:startEvent id="Start"/>');
  const last = build(tree, 'Start');
  nodes.push('<bpmn:endEvent id="End"/>');
  flow(last, 'End');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions" targetNamespace="https://sagsgang.example/bpmn">
  <bpmn:process id="${esc(processId)}" isExecutable="false">
    ${[...nodes, ...flows].join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
  return layoutProcess(xml);
}
