import { describe, expect, test } from 'vitest';
import { classifyTrace, KIND, netTrace, type LabelMap } from './classify-trace.js';

// Tasks: 0 Register, 1 Screen, 2 Decide. "Call" is outside the model; "Note" is deliberately left out.
const labels: LabelMap = {
  activityTask: new Map([
    ['register', 0],
    ['screen', 1],
    ['decide', 2],
    ['Note', -1],
  ]),
  taskLabels: ['Register', 'Screen', 'Decide'],
  taskByTransition: new Map([
    ['t_reg', 0],
    ['t_scr', 1],
    ['t_dec', 2],
  ]),
  taskByLabel: new Map([
    ['Register', 0],
    ['Screen', 1],
    ['Decide', 2],
  ]),
};

describe('reading an alignment into verdicts', () => {
  test('the net sees mapped activities by their task label and never sees left-out ones', () => {
    expect(netTrace(['register', 'Note', 'Call', 'decide'], labels)).toEqual({
      trace: ['Register', 'Call', 'Decide'],
      positions: [0, 2, 3],
    });
  });

  test('sync moves are done steps, a model-only move a skip, a log-only move outside the model', () => {
    const activities = ['register', 'Call', 'decide'];
    const { positions } = netTrace(activities, labels);
    const cls = classifyTrace(
      activities,
      labels,
      {
        fitness: 0.6,
        moves: [
          { log: 'Register', model: 'Register', transitionId: 't_reg' },
          { log: 'Call', model: '>>' },
          { log: '>>', model: 'Screen', transitionId: 't_scr' },
          { log: '>>', model: null, transitionId: 'tau' },
          { log: 'Decide', model: 'Decide', transitionId: 't_dec' },
        ],
      },
      positions,
    );
    expect(Array.from(cls.kinds)).toEqual([KIND.ok, KIND.outside, KIND.ok]);
    expect(Array.from(cls.elements)).toEqual([0, -1, 2]);
    expect(cls.skipped).toEqual([1]);
  });

  test('a skip paired with a later log move of the same task is one out-of-order step', () => {
    const activities = ['register', 'decide', 'screen'];
    const { positions } = netTrace(activities, labels);
    const cls = classifyTrace(
      activities,
      labels,
      {
        fitness: 0.5,
        moves: [
          { log: 'Register', model: 'Register', transitionId: 't_reg' },
          { log: '>>', model: 'Screen', transitionId: 't_scr' },
          { log: 'Decide', model: 'Decide', transitionId: 't_dec' },
          { log: 'Screen', model: '>>' },
        ],
      },
      positions,
    );
    expect(Array.from(cls.kinds)).toEqual([KIND.ok, KIND.ok, KIND.outOfOrder]);
    expect(cls.skipped).toEqual([]);
  });

  test('left-out activities stay out of every verdict', () => {
    const activities = ['register', 'Note', 'screen', 'decide'];
    const { positions } = netTrace(activities, labels);
    const cls = classifyTrace(
      activities,
      labels,
      {
        fitness: 1,
        moves: ['Register', 'Screen', 'Decide'].map((l, i) => ({
          log: l,
          model: l,
          transitionId: ['t_reg', 't_scr', 't_dec'][i],
        })),
      },
      positions,
    );
    expect(cls.kinds[1]).toBe(KIND.ignored);
    expect(Array.from(cls.elements)).toEqual([0, -1, 1, 2]);
  });

  test('a skip pairs only with a log move of the same task: not a namesake task, not an activity outside the workflow', () => {
    const twin: LabelMap = {
      ...labels,
      activityTask: new Map([...labels.activityTask, ['screen again', 3]]),
      taskLabels: [...labels.taskLabels, 'Screen'],
      taskByTransition: new Map([...labels.taskByTransition, ['t_scr2', 3]]),
    };
    const activities = ['register', 'decide', 'screen again', 'Screen'];
    const { positions } = netTrace(activities, twin);
    const cls = classifyTrace(
      activities,
      twin,
      {
        fitness: 0.4,
        moves: [
          { log: 'Register', model: 'Register', transitionId: 't_reg' },
          { log: '>>', model: 'Screen', transitionId: 't_scr' },
          { log: 'Decide', model: 'Decide', transitionId: 't_dec' },
          { log: 'Screen', model: '>>' },
          { log: 'Screen', model: '>>' },
        ],
      },
      positions,
    );
    expect(Array.from(cls.kinds)).toEqual([KIND.ok, KIND.ok, KIND.extra, KIND.outside]);
    expect(Array.from(cls.elements)).toEqual([0, 2, 3, -1]);
    expect(cls.skipped).toEqual([1]);
  });
});
