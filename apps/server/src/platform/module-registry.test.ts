import { describe, expect, test } from 'vitest';
import type { JobDefinition } from './context.js';
import type { IndicatorDefinition } from './indicators.js';
import { buildModuleRegistry } from './module-registry.js';

const job = (result: string): JobDefinition => ({ handler: async () => result });
const indicator = (id: string): IndicatorDefinition => ({
  id,
  labelKey: `${id}.label`,
  descriptionKey: `${id}.description`,
  unit: 'count',
  compute: async () => ({ value: 1, basis: 1 }),
});

describe('module registry', () => {
  test('gathers job kinds and indicators in module order', async () => {
    const registry = buildModuleRegistry([
      { name: 'a', jobs: { 'a.one': job('a1'), 'a.two': job('a2') }, indicators: [indicator('a.count')] },
      { name: 'b' },
      { name: 'c', jobs: { 'c.one': job('c1') }, indicators: [indicator('c.share'), indicator('c.days')] },
    ]);
    expect(registry.modules.map((m) => m.name)).toEqual(['a', 'b', 'c']);
    expect([...registry.jobs.keys()]).toEqual(['a.one', 'a.two', 'c.one']);
    expect(await registry.jobs.get('c.one')!.handler({} as never, {} as never)).toBe('c1');
    expect([...registry.indicators.keys()]).toEqual(['a.count', 'c.share', 'c.days']);
  });

  test('refuses a module listed twice, a job kind or an indicator declared twice', () => {
    expect(() => buildModuleRegistry([{ name: 'a' }, { name: 'a' }])).toThrow('module a is listed twice');
    expect(() =>
      buildModuleRegistry([
        { name: 'a', jobs: { 'x.run': job('1') } },
        { name: 'b', jobs: { 'x.run': job('2') } },
      ]),
    ).toThrow('job kind x.run is declared twice (again by b)');
    expect(() =>
      buildModuleRegistry([
        { name: 'a', indicators: [indicator('x.count')] },
        { name: 'b', indicators: [indicator('x.count')] },
      ]),
    ).toThrow('indicator x.count is declared twice (again by b)');
  });

  test('gathers the tables that name stored files, sorted; refuses one declared twice or not a plain name', () => {
    const registry = buildModuleRegistry([
      { name: 'a', fileReferences: ['scanned_letter'] },
      { name: 'b', fileReferences: ['applicant_document', 'case_document'] },
    ]);
    expect(registry.fileReferences).toEqual(['applicant_document', 'case_document', 'scanned_letter']);
    expect(() =>
      buildModuleRegistry([
        { name: 'a', fileReferences: ['letter'] },
        { name: 'b', fileReferences: ['letter'] },
      ]),
    ).toThrow('file references of letter are declared twice (again by b)');
    expect(() => buildModuleRegistry([{ name: 'a', fileReferences: ['letter; DROP TABLE unit'] }])).toThrow(
      'not a table name',
    );
  });

  test('two registries share nothing: each keeps only what its own modules declare', () => {
    const one = buildModuleRegistry([{ name: 'a', jobs: { 'a.run': job('a') } }]);
    const two = buildModuleRegistry([{ name: 'b', jobs: { 'b.run': job('b') } }]);
    expect([...one.jobs.keys()]).toEqual(['a.run']);
    expect([...two.jobs.keys()]).toEqual(['b.run']);
  });
});
