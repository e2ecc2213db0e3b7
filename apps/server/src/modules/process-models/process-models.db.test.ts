import fs from 'node:fs';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import type { AppError } from '../../platform/errors.js';
import {
  createModelVersion,
  createProcessModel,
  getProcessModel,
  searchProcessModels,
  updateTaskGuidance,
} from './process-models.service.js';
import { getModelMapping, resolveMapping, saveModelMapping } from './model-mapping.js';

const housingXml = fs.readFileSync(
  new URL('../../../test/fixtures/navigator/housing-benefit.bpmn', import.meta.url),
  'utf8',
);
const base = {
  topic: 'Boligstøtte',
  caseTypeCode: 'housing-benefit',
  description: '',
  source: 'import' as const,
  comment: '',
};

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describeEachEngine('process models', (database) => {
  test('an imported model keeps its diagram and lists every task as a step', async () => {
    const m = await createProcessModel(database().db, { ...base, name: 'Housing benefit', bpmnXml: housingXml }, null);
    expect(m.version).toBe(1);
    expect(m.bpmnXml).toBe(housingXml);
    expect(m.tasks.map((t) => t.name)).toContain('Screen application');
    expect(m.tasks).toHaveLength(8);
    expect(m.versions).toHaveLength(1);
  });

  test('an invalid file is refused with its problems named, and nothing is saved', async () => {
    const before = (await searchProcessModels(database().db, {})).length;
    const broken = housingXml.replace('targetRef="screen"', 'targetRef="nowhere"');
    const err = await rejection(createProcessModel(database().db, { ...base, name: 'Broken', bpmnXml: broken }, null));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('unresolved reference <nowhere>');
    const notXml = await rejection(
      createProcessModel(database().db, { ...base, name: 'Text', bpmnXml: 'just text' }, null),
    );
    expect(notXml.message).toContain('not an XML document');
    const noProcess = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>';
    expect(
      (await rejection(createProcessModel(database().db, { ...base, name: 'Empty', bpmnXml: noProcess }, null)))
        .message,
    ).toContain('no process');
    expect((await searchProcessModels(database().db, {})).length).toBe(before);
  });

  test('a model without a diagram is laid out automatically, with a warning', async () => {
    const bare = housingXml.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
    const m = await createProcessModel(database().db, { ...base, name: 'Bare', bpmnXml: bare }, null);
    expect(m.bpmnXml).toContain('BPMNShape');
    expect(m.warnings.join(' ')).toContain('laid out automatically');
  });

  test('guidance is edited on the current version and carried into the next', async () => {
    const db = database().db;
    const m = await createProcessModel(db, { ...base, name: 'Carry', bpmnXml: housingXml }, null);
    const guidance = {
      guidance: 'Tjek **alle** bilag.\n- indkomst\n- husleje',
      legalRefs: ['Lov om individuel boligstøtte § 9'],
      checklist: ['Indkomst', 'Husleje'],
      links: [{ label: 'Skabelon', url: 'https://example.org/t', kind: 'template' as const }],
      deadlineDays: 5,
    };
    const t = await updateTaskGuidance(db, { modelId: m.id, version: 1, elementId: 'screen' }, guidance);
    expect(t.deadlineDays).toBe(5);
    const v2 = await createModelVersion(
      db,
      m.id,
      { bpmnXml: housingXml.replace('Send decision', 'Send the decision'), source: 'modeler', comment: 'renamed' },
      null,
    );
    expect(v2.version).toBe(2);
    expect(v2.tasks.find((x) => x.elementId === 'screen')).toMatchObject({
      checklist: ['Indkomst', 'Husleje'],
      deadlineDays: 5,
    });
    expect(v2.tasks.find((x) => x.elementId === 'send')?.name).toBe('Send the decision');
    const old = await rejection(updateTaskGuidance(db, { modelId: m.id, version: 1, elementId: 'screen' }, guidance));
    expect(old.code).toBe('invalid_state');
    expect((await getProcessModel(db, m.id, 1)).tasks.find((x) => x.elementId === 'send')?.name).toBe('Send decision');
  });

  test("search finds models by text in a step's guidance, case type and topic", async () => {
    const db = database().db;
    const m = await createProcessModel(
      db,
      { ...base, name: 'Searchable', caseTypeCode: 'search-type', topic: 'Ærø', bpmnXml: housingXml },
      null,
    );
    await updateTaskGuidance(
      db,
      { modelId: m.id, version: 1, elementId: 'hearing' },
      {
        guidance: 'Partshøring efter forvaltningslovens § 19',
        legalRefs: [],
        checklist: [],
        links: [],
        deadlineDays: null,
      },
    );
    const hits = await searchProcessModels(db, { q: 'FORVALTNINGSLOVENS' });
    expect(hits.map((h) => h.id)).toEqual([m.id]);
    expect(hits[0].matchedTasks).toEqual([{ elementId: 'hearing', name: 'Hearing of parties' }]);
    expect((await searchProcessModels(db, { caseTypeCode: 'search-type' })).map((h) => h.id)).toEqual([m.id]);
    expect((await searchProcessModels(db, { topic: 'ærø' })).map((h) => h.id)).toEqual([m.id]);
    expect(await searchProcessModels(db, { q: '100%_' })).toEqual([]);
  });

  test('activities map to steps by name, by hand, or are left out', async () => {
    const db = database().db;
    const m = await createProcessModel(db, { ...base, name: 'Mapped', bpmnXml: housingXml }, null);
    const activities = ['Screen application', 'Assess the case', 'Phone call with applicant', 'Mystery'];
    let map = await getModelMapping(db, m.id, activities);
    expect(map.rows.find((r) => r.activity === 'Screen application')).toMatchObject({
      elementId: 'screen',
      how: 'name',
    });
    expect(map.rows.find((r) => r.activity === 'Mystery')?.how).toBe('unmapped');
    await saveModelMapping(db, m.id, [
      { activity: 'Assess the case', elementId: 'assess' },
      { activity: 'Phone call with applicant', elementId: null },
    ]);
    map = await getModelMapping(db, m.id, activities);
    expect(map.rows.find((r) => r.activity === 'Assess the case')).toMatchObject({
      elementId: 'assess',
      how: 'manual',
    });
    expect(map.rows.find((r) => r.activity === 'Phone call with applicant')?.how).toBe('ignored');
    const resolved = await resolveMapping(db, m.id, activities);
    expect(resolved.lookup.get('Assess the case')).toBe('assess');
    expect(resolved.lookup.has('Mystery')).toBe(false);
    const bad = await rejection(saveModelMapping(db, m.id, [{ activity: 'X', elementId: 'no-such-step' }]));
    expect(bad.code).toBe('validation');
  });
});
