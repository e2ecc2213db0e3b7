import { describe, expect, test } from 'vitest';
import { BpmnGraph } from './bpmn-graph.js';

// start -f1-> split -f2-> A -f3-> xor -f4-> B -f6-> end
//                  \-f7-> C        \-f5-> merge -f8-> end2       B -f9-> xor (a loop back)
//                                          C -f10-> merge
const node = (id: string, type: string) => ({ id, type, name: id });
const flow = (id: string, source: string, target: string) => ({ id, source, target });
const graph = new BpmnGraph(
  [
    node('start', 'StartEvent'),
    node('split', 'ParallelGateway'),
    node('A', 'UserTask'),
    node('C', 'ServiceTask'),
    node('xor', 'ExclusiveGateway'),
    node('B', 'Task'),
    node('merge', 'ExclusiveGateway'),
    node('end', 'EndEvent'),
    node('end2', 'EndEvent'),
  ],
  [
    flow('f1', 'start', 'split'),
    flow('f2', 'split', 'A'),
    flow('f7', 'split', 'C'),
    flow('f3', 'A', 'xor'),
    flow('f4', 'xor', 'B'),
    flow('f5', 'xor', 'merge'),
    flow('f6', 'B', 'end'),
    flow('f9', 'B', 'xor'),
    flow('f8', 'merge', 'end2'),
    flow('f10', 'C', 'merge'),
  ],
);

describe('the drawn process as a graph', () => {
  test('the next tasks are found through gateways and events, each with the shortest way to it', () => {
    expect(graph.firstTasks()).toEqual(
      new Map([
        ['A', ['f1', 'f2']],
        ['C', ['f1', 'f7']],
      ]),
    );
    expect(graph.nextTasks('A')).toEqual(new Map([['B', ['f3', 'f4']]]));
    expect(graph.flowsBetween('A', 'B')).toEqual(['f3', 'f4']);
    expect(graph.flowsBetween('A', 'C')).toBeNull();
  });

  test('the way to an end event stops at tasks: the nearest end counts, and none through another task', () => {
    expect(graph.flowsToEnd('B')).toEqual(['f6']);
    expect(graph.flowsToEnd('A')).toEqual(['f3', 'f5', 'f8']);
    expect(graph.flowsToEnd('C')).toEqual(['f10', 'f8']);
    expect(graph.canEndAfter('A')).toBe(true);
    const noEnd = new BpmnGraph(
      [node('s', 'StartEvent'), node('X', 'Task'), node('Y', 'Task'), node('e', 'EndEvent')],
      [flow('g1', 's', 'X'), flow('g2', 'X', 'Y'), flow('g3', 'Y', 'e')],
    );
    expect(noEnd.flowsToEnd('X')).toBeNull();
    expect(noEnd.canEndAfter('X')).toBe(false);
    expect(noEnd.flowsToEnd('Y')).toEqual(['g3']);
  });
});
