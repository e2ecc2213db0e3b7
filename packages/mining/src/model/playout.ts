import type { PetriNet } from './petri-net.js';
import { fire, isEnabled } from './petri-net.js';

/**
 * Plays the net out once: fires random enabled transitions until the final marking is reached.
 * Returns the visible labels, or null when the walk got stuck or exceeded maxSteps.
 */
export function playOut(net: PetriNet, random: () => number, maxSteps = 200): string[] | null {
  const ix = net.idx;
  const m = net.initialMarking.slice();
  const out: string[] = [];
  const isFinal = () => m.every((k, p) => k === net.finalMarking[p]);
  for (let step = 0; step < maxSteps; step++) {
    if (isFinal()) return out;
    const enabled: number[] = [];
    for (let t = 0; t < net.transitions.length; t++) if (isEnabled(ix, m, t)) enabled.push(t);
    if (!enabled.length) return null;
    const t = enabled[Math.floor(random() * enabled.length)];
    fire(ix, m, t);
    const label = net.transitions[t].label;
    if (label !== null) out.push(label);
  }
  return isFinal() ? out : null;
}
