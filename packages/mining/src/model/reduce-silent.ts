import { PetriNet } from './petri-net.js';

/**
 * Removes silent transitions that only move a token from one place to another, merging the two
 * places, when this cannot change the visible behaviour:
 *  - the silent transition is the only consumer of its input place, or
 *  - it is the only producer of its output place.
 * Marked places (initial/final) are kept. Returns a new net.
 */
export function reduceSilent(net: PetriNet): PetriNet {
  const places = net.places.map((p) => ({ ...p, alive: true }));
  const trans = net.transitions.map((t) => ({ ...t, alive: true }));
  let arcs = net.arcs.map((a) => ({ ...a }));
  const marked = (p: number) => net.initialMarking[p] > 0 || net.finalMarking[p] > 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let t = 0; t < trans.length; t++) {
      if (!trans[t].alive || trans[t].label !== null) continue;
      const pre = arcs.filter((a) => a.transition === t && a.dir === 'pt');
      const post = arcs.filter((a) => a.transition === t && a.dir === 'tp');
      if (pre.length !== 1 || post.length !== 1 || pre[0].weight !== 1 || post[0].weight !== 1) continue;
      const p = pre[0].place,
        q = post[0].place;
      if (p === q) continue;
      const consumersOfP = arcs.filter((a) => a.dir === 'pt' && a.place === p).length;
      const producersOfQ = arcs.filter((a) => a.dir === 'tp' && a.place === q).length;
      let keep: number, drop: number;
      if (consumersOfP === 1 && !marked(p)) [keep, drop] = [q, p];
      else if (producersOfQ === 1 && !marked(q)) [keep, drop] = [p, q];
      else continue;
      // A transition touching both places would get a self-loop; leave those alone.
      const touching = (pl: number) =>
        new Set(arcs.filter((a) => a.place === pl && a.transition !== t).map((a) => a.transition));
      const tk = touching(keep);
      if ([...touching(drop)].some((x) => tk.has(x))) continue;
      arcs = arcs.filter((a) => a.transition !== t).map((a) => (a.place === drop ? { ...a, place: keep } : a));
      trans[t].alive = false;
      places[drop].alive = false;
      changed = true;
    }
  }
  return rebuild(net, places, trans, arcs);
}

function rebuild(
  net: PetriNet,
  places: { id: string; name: string; alive: boolean }[],
  trans: { id: string; name: string; label: string | null; alive: boolean }[],
  arcs: PetriNet['arcs'],
): PetriNet {
  const out = new PetriNet(net.name);
  const pMap = new Map<number, number>();
  const tMap = new Map<number, number>();
  places.forEach((p, i) => p.alive && pMap.set(i, out.addPlace(p.id, p.name)));
  trans.forEach((t, i) => t.alive && tMap.set(i, out.addTransition(t.id, t.label, t.name)));
  for (const a of arcs) out.addArc(a.dir, pMap.get(a.place)!, tMap.get(a.transition)!, a.weight);
  const remap = (m: Int32Array) => new Map([...pMap].filter(([old]) => m[old] > 0).map(([old, nu]) => [nu, m[old]]));
  out.setMarkings(remap(net.initialMarking), remap(net.finalMarking));
  return out;
}
