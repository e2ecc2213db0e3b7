import type { EventLog } from '../src/log/event-log.js';
import { LogBuilder } from '../src/log/log-builder.js';

/**
 * A stand-in for the Sepsis Cases log (1,050 cases, 16 activities, 846 variants), which is not in the repository:
 * hospital-like cases with the same 16 activities, repeated lab rounds, optional treatments, transfers, five
 * kinds of release and returns, and a little noise (swapped neighbours, missing steps). Seeded, so every run
 * benchmarks the same log. Long, loop-heavy, nearly unique traces are what make alignments hard on the real one.
 */
export function sepsisShapedLog(cases = 1050, seed = 846): EventLog {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const chance = (p: number) => random() < p;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  const labs = () => {
    const round = ['Leucocytes', 'CRP', ...(chance(0.4) ? ['LacticAcid'] : [])];
    return chance(0.6) ? round : shuffle(round);
  };

  const b = new LogBuilder();
  const start = Date.UTC(2014, 0, 1);
  for (let c = 0; c < cases; c++) {
    const trace: string[] = ['ER Registration'];
    const first = shuffle([
      'ER Triage',
      'ER Sepsis Triage',
      ...labs(),
      ...(chance(0.5) ? ['IV Liquid'] : []),
      ...(chance(0.6) ? ['IV Antibiotics'] : []),
    ]);
    if (chance(0.8)) first.sort((x, y) => Number(y === 'ER Triage') - Number(x === 'ER Triage'));
    trace.push(...first);
    const admission = random();
    if (admission < 0.65) trace.push('Admission NC');
    else if (admission < 0.75) trace.push('Admission IC');
    const rounds = Math.floor(-Math.log(1 - random()) * 3);
    for (let r = 0; r < rounds; r++) {
      trace.push(...labs());
      if (chance(0.08)) trace.push(pick(['Admission NC', 'Admission IC']));
    }
    if (chance(0.8))
      trace.push(pick(['Release A', 'Release A', 'Release A', 'Release B', 'Release C', 'Release D', 'Release E']));
    if (chance(0.15)) trace.push('Return ER');
    if (chance(0.05) && trace.length > 3) {
      const i = 1 + Math.floor(random() * (trace.length - 2));
      [trace[i], trace[i + 1]] = [trace[i + 1], trace[i]];
    }
    if (chance(0.05) && trace.length > 2) trace.splice(1 + Math.floor(random() * (trace.length - 1)), 1);
    const cs = b.beginCase(`case-${c}`);
    let t = start + c * 7_200_000;
    for (const a of trace) b.addEvent(cs, a, (t += 600_000 + Math.floor(random() * 3_600_000)));
  }
  return b.build();
}
