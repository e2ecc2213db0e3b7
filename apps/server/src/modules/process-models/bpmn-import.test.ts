import { describe, expect, test } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { DEFAULT_BPMN_LIMITS } from './bpmn-document.js';
import { importBpmn } from './bpmn-import.js';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
  'id="d" targetNamespace="urn:example">\n<bpmn:process id="p"><bpmn:startEvent id="s"/>';

/** A chain of `n` tasks without diagram: it has to be laid out. */
function chain(n: number): string {
  const parts = [HEAD];
  for (let i = 0; i < n; i++)
    parts.push(
      `<bpmn:task id="t${i}" name="Task ${i}"/><bpmn:sequenceFlow id="f${i}" sourceRef="${i ? `t${i - 1}` : 's'}" targetRef="t${i}"/>`,
    );
  parts.push('</bpmn:process></bpmn:definitions>');
  return parts.join('');
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('importBpmn: an uploaded model read in a worker thread with limits', () => {
  test('a model without diagram is laid out in the worker and comes back whole', async () => {
    const doc = await importBpmn(chain(5), DEFAULT_BPMN_LIMITS);
    expect(doc.tasks.map((t) => t.name)).toEqual(['Task 0', 'Task 1', 'Task 2', 'Task 3', 'Task 4']);
    expect(doc.xml).toContain('bpmndi:BPMNDiagram');
    expect(doc.warnings).toContain('the file had no diagram layout; it was laid out automatically');
  });

  test('past the time allowed the worker is ended and the model refused, naming the setting', async () => {
    const t0 = performance.now();
    const err = await refusal(importBpmn(chain(1500), { ...DEFAULT_BPMN_LIMITS, bpmnLayoutTimeoutMs: 200 }));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(err.code).toBe('payload_too_large');
    expect(err.details).toMatchObject({ reason: 'limit_exceeded', limit: 'BPMN_LAYOUT_TIMEOUT_SECONDS' });
  });

  test('past the heap allowed the model is refused, naming the setting', async () => {
    const err = await refusal(
      importBpmn(chain(3000), {
        ...DEFAULT_BPMN_LIMITS,
        bpmnMaxElements: 10_000,
        bpmnLayoutMemoryMb: 16,
        bpmnLayoutTimeoutMs: 60_000,
      }),
    );
    expect(err.code).toBe('payload_too_large');
    expect(err.details).toMatchObject({ limit: 'BPMN_LAYOUT_MEMORY_MB' });
  });

  test('an invalid model is refused by the worker with the reader’s own reasons', async () => {
    const err = await refusal(importBpmn(`${HEAD}</bpmn:process></bpmn:definitions>`, DEFAULT_BPMN_LIMITS));
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/no tasks/);
  });
});
