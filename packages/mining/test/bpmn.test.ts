import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readBpmnAsPetri } from '../src/model/bpmn-to-petri.js';
import { readXes } from '../src/log/xes-reader.js';
import { alignLogSync, Aligner } from '../src/conformance/alignments.js';
import { tokenReplay } from '../src/conformance/token-replay.js';
import { etcPrecision } from '../src/conformance/precision.js';
import { MiningError } from '../src/errors.js';
import { fixture, hasShared, shared } from './helpers.js';

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
<bpmn:process id="p" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const flow = (id: string, s: string, t: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${s}" targetRef="${t}"/>`;

describe('BPMN to Petri net', () => {
  test('running example: a workflow net on which the whole log fits', async () => {
    const net = await readBpmnAsPetri(readFileSync(fixture('running-example.bpmn'), 'utf8'));
    const log = await readXes(fixture('running-example.xes'));
    expect(net.transitions.filter((t) => t.label !== null)).toHaveLength(8);
    expect(tokenReplay(log, net).percentageFittingTraces).toBe(100);
    expect(alignLogSync(log, net).percentageFittingTraces).toBe(100);
    expect(etcPrecision(log, net).precision).toBeCloseTo(0.7530864197530864, 9);
  });

  test.skipIf(!hasShared)(
    'receipt.bpmn: every trace fits by alignment, as in the reference',
    async () => {
      const net = await readBpmnAsPetri(readFileSync(shared('receipt.bpmn'), 'utf8'));
      const log = await readXes(shared('receipt.xes.gz'));
      const a = alignLogSync(log, net);
      expect(a.percentageFittingTraces).toBe(100);
      expect(a.averageTraceFitness).toBe(1);
    },
    60_000,
  );

  test('an inclusive split with its join is translated exactly', async () => {
    const xml = wrap(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="or1"/><bpmn:task id="a" name="A"/>
      <bpmn:task id="b" name="B"/><bpmn:inclusiveGateway id="or2"/><bpmn:task id="c" name="C"/><bpmn:endEvent id="e"/>
      ${flow('f1', 's', 'or1')}${flow('f2', 'or1', 'a')}${flow('f3', 'or1', 'b')}${flow('f4', 'a', 'or2')}
      ${flow('f5', 'b', 'or2')}${flow('f6', 'or2', 'c')}${flow('f7', 'c', 'e')}`);
    const al = new Aligner(await readBpmnAsPetri(xml));
    for (const ok of [
      ['A', 'C'],
      ['B', 'C'],
      ['A', 'B', 'C'],
      ['B', 'A', 'C'],
    ])
      expect(al.align(ok).fitness).toBe(1);
    for (const bad of [['C'], ['A', 'A', 'C'], ['A', 'C', 'B']]) expect(al.align(bad).fitness).toBeLessThan(1);
  });

  test('sub-processes are flattened', async () => {
    const xml =
      wrap(`<bpmn:startEvent id="s"/><bpmn:subProcess id="sp"><bpmn:startEvent id="s2"/><bpmn:task id="a" name="A"/>
      <bpmn:endEvent id="e2"/>${flow('g1', 's2', 'a')}${flow('g2', 'a', 'e2')}</bpmn:subProcess>
      <bpmn:task id="b" name="B"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'sp')}${flow('f2', 'sp', 'b')}${flow('f3', 'b', 'e')}`);
    const al = new Aligner(await readBpmnAsPetri(xml));
    expect(al.align(['A', 'B']).fitness).toBe(1);
    expect(al.align(['B']).fitness).toBeLessThan(1);
  });

  test('an unsupported element is an error naming it', async () => {
    const xml = wrap(
      `<bpmn:startEvent id="s"/><bpmn:complexGateway id="cx"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'cx')}${flow('f2', 'cx', 'e')}`,
    );
    const err = await readBpmnAsPetri(xml).catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('unsupported_bpmn_element');
    expect(err.position.elementId).toBe('cx');
    expect(err.message).toContain('ComplexGateway cx');
  });

  test('an inclusive join without its split is refused', async () => {
    const xml =
      wrap(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="and"/><bpmn:task id="a" name="A"/><bpmn:task id="b" name="B"/>
      <bpmn:inclusiveGateway id="orj"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'and')}${flow('f2', 'and', 'a')}${flow('f3', 'and', 'b')}
      ${flow('f4', 'a', 'orj')}${flow('f5', 'b', 'orj')}${flow('f6', 'orj', 'e')}`);
    const err = await readBpmnAsPetri(xml).catch((e) => e);
    expect(err.code).toBe('unsupported_bpmn_element');
    expect(err.position.elementId).toBe('orj');
  });

  test('malformed BPMN XML is a typed error', async () => {
    const err = await readBpmnAsPetri(
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process',
    ).catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('bad_bpmn');
  });
});
