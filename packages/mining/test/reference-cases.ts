import { readFileSync } from 'node:fs';
import { fixture, hasShared, shared, sharedModel } from './helpers.js';

/** One log/model pair with the reference tool's figures. */
export interface RefCase {
  log: string;
  logPath: string;
  model: string;
  modelPath: string;
  tbr: { log_fitness: number; perc_fit_traces: number; average_trace_fitness: number };
  align: { log_fitness: number; average_trace_fitness: number; percentage_of_fitting_traces: number };
  precision: number;
}

function casesFrom(json: string, logPath: (f: string) => string, modelPath: (f: string) => string): RefCase[] {
  const ref = JSON.parse(readFileSync(json, 'utf8'));
  return Object.keys(ref)
    .filter((k) => k.endsWith('.pnml'))
    .map((k) => ({
      log: ref.log,
      logPath: logPath(ref.log),
      model: k,
      modelPath: modelPath(k),
      tbr: ref[k].tbr,
      align: ref[k].align,
      precision: ref[k].precision_etc_tbr,
    }));
}

/** Cases on the shipped fixtures: always available. */
export const fixtureCases: RefCase[] = [
  ...casesFrom(fixture('running-example.pm4py.json'), fixture, fixture).filter(
    (c) => c.model !== 'running-example.imf.pnml',
  ),
  ...casesFrom(fixture('roadtraffic100.pm4py.json'), fixture, fixture).filter((c) => c.model !== 'roadtraffic.pnml'),
];

/** Cases on the shared real logs (empty when the folder is absent). */
export const sharedCases: RefCase[] = hasShared
  ? ['running-example', 'roadtraffic100', 'receipt', 'domestic'].flatMap((n) =>
      casesFrom(shared(`reference/${n}.pm4py.json`), shared, sharedModel),
    )
  : [];
