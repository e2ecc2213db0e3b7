import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.js';
import { fixture } from './helpers.js';

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main([...args, '--no-progress'], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe('sagsgang-mine', () => {
  test('stats prints JSON counts', async () => {
    const r = await run('stats', fixture('running-example.xes'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ cases: 6, events: 42, activities: 8, variants: 6 });
  });

  test('variants and dfg as CSV', async () => {
    const v = await run('variants', fixture('running-example.csv'), '--format', 'csv');
    expect(v.out.split('\n')[0]).toBe('activities,count,share');
    expect(v.out.trim().split('\n')).toHaveLength(7);
    const d = await run('dfg', fixture('running-example.xes'), '--format', 'csv');
    expect(d.out).toContain('register request,examine casually,3');
  });

  test('replay, align and precision agree with the reference figures', async () => {
    const log = fixture('roadtraffic100traces.xes');
    const model = fixture('roadtraffic100traces.imf.pnml');
    expect(JSON.parse((await run('replay', log, model)).out).logFitness).toBeCloseTo(0.9930151338766007, 12);
    expect(JSON.parse((await run('align', log, model, '--workers', '1')).out).logFitness).toBeCloseTo(
      0.9876801420321205,
      12,
    );
    expect(JSON.parse((await run('precision', log, model)).out).precision).toBeCloseTo(0.7425287356321839, 12);
    const dev = JSON.parse((await run('align', log, model, '--workers', '1', '--deviations')).out);
    expect(dev.deviations.length).toBeGreaterThan(0);
  });

  test('discover writes BPMN; convert goes XES -> CSV -> XES and BPMN -> PNML', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mine-'));
    expect((await run('discover', fixture('running-example.xes'))).out).toContain('<bpmn:definitions');
    const csv = path.join(dir, 'log.csv');
    expect((await run('convert', fixture('running-example.xes'), '--to', 'csv', '--output', csv)).code).toBe(0);
    const xes = await run('convert', csv, '--to', 'xes');
    expect(xes.out.match(/<trace>/g)).toHaveLength(6);
    const pnml = await run('convert', fixture('running-example.bpmn'), '--to', 'pnml');
    expect(pnml.out).toContain('<pnml>');
    const ocel = await run('convert', fixture('running-example.xes'), '--to', 'ocel');
    expect(JSON.parse(ocel.out).events).toHaveLength(42);
  });

  test('exit codes mean something', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('nonsense')).code).toBe(2);
    expect((await run('stats', '/does/not/exist.xes')).code).toBe(3);
    const dir = mkdtempSync(path.join(tmpdir(), 'mine-'));
    const bad = path.join(dir, 'bad.xes');
    writeFileSync(bad, '<log><trace><string key="concept:name" value="1"/><event>');
    const r = await run('stats', bad);
    expect(r.code).toBe(3);
    expect(r.err).toContain('malformed_xml');
    const unsound = path.join(dir, 'u.bpmn');
    writeFileSync(
      unsound,
      readFileSync(fixture('running-example.bpmn'), 'utf8').replace(/exclusiveGateway/g, 'complexGateway'),
    );
    expect((await run('replay', fixture('running-example.xes'), unsound)).code).toBe(4);
  });

  test('the bin entry runs the CLI (compiled when built and current, else from sources)', async () => {
    const bin = fileURLToPath(new URL('../bin/sagsgang-mine.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'stats', fixture('running-example.xes')]);
    expect(JSON.parse(stdout).cases).toBe(6);
  }, 30_000);
});
