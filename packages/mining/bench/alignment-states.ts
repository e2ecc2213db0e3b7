// Single-thread alignment figures that do not depend on machine load: states the search closed,
// markings of the net it touched, and the cost sum (which must not change with the heuristic).
// Run: node --import tsx bench/alignment-states.ts
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { Aligner, variantTraces } from '../src/conformance/alignments.js';
import { inductiveMiner } from '../src/discovery/inductive-miner.js';
import { treeToPetri } from '../src/discovery/process-tree.js';
import type { PetriNet } from '../src/model/petri-net.js';
import type { EventLog } from '../src/log/event-log.js';
import { sepsisShapedLog } from './sepsis-shaped-log.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.SAGSGANG_EVENTLOGS ?? path.resolve(here, '../../../../shared/data/eventlogs');
if (!existsSync(shared)) console.log(`public event logs: none in ${shared}; only the synthetic figures run`);

function measure(name: string, log: EventLog, net: PetriNet) {
  const cpu0 = process.cpuUsage();
  const aligner = new Aligner(net);
  let states = 0,
    cost = 0,
    worst = 0;
  for (const t of variantTraces(log)) {
    const r = aligner.align(t);
    states += r.visitedStates;
    cost += r.cost;
    worst = Math.max(worst, r.visitedStates);
  }
  const c = process.cpuUsage(cpu0);
  const cpu = ((c.user + c.system) / 1e6).toFixed(2);
  console.log(
    `${name.padEnd(44)} states ${String(states).padStart(10)}  worst ${String(worst).padStart(8)}  markings ${String(aligner.graph.size).padStart(8)}  cost ${cost}  cpu ${cpu} s`,
  );
}

const which = process.argv[2];
const run = (n: string) => !which || n.includes(which);
for (const [l, m] of [
  ['receipt.xes.gz', 'models/receipt.im.pnml'],
  ['receipt.xes.gz', 'models/receipt.imf.pnml'],
  ['BPI_2020_DomesticDeclarations.xes.gz', 'models/BPI_2020_DomesticDeclarations.im.pnml'],
  ['BPI_2020_DomesticDeclarations.xes.gz', 'models/BPI_2020_DomesticDeclarations.imf.pnml'],
  ['roadtraffic100traces.xes', 'roadtraffic.pnml'],
]) {
  if (!run(m) || !existsSync(path.join(shared, l))) continue;
  measure(path.basename(m), await readXes(path.join(shared, l)), await readPnml(path.join(shared, m)));
}
if (run('bpic15') && existsSync(path.join(shared, 'BPIC15_1.xes.gz'))) {
  const log = await readXes(path.join(shared, 'BPIC15_1.xes.gz'));
  for (const noise of [0, 0.2])
    measure(`BPIC15_1 IM noise ${noise}`, log, treeToPetri(inductiveMiner(log, { noiseThreshold: noise })));
}
if (run('sepsis')) {
  const log = sepsisShapedLog();
  for (const noise of [0, 0.2])
    measure(`sepsis-shaped IM noise ${noise}`, log, treeToPetri(inductiveMiner(log, { noiseThreshold: noise })));
}
