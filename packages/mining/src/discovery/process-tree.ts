import { PetriNet } from '../model/petri-net.js';
import { reduceSilent } from '../model/reduce-silent.js';

/** A process tree: operators over activity leaves; a leaf with label null is tau (a silent step). */
export type ProcessTree = { op: 'seq' | 'xor' | 'and' | 'loop'; children: ProcessTree[] } | { label: string | null };

export const tau = (): ProcessTree => ({ label: null });
export const leaf = (label: string): ProcessTree => ({ label });
export const node = (op: 'seq' | 'xor' | 'and' | 'loop', children: ProcessTree[]): ProcessTree => ({ op, children });

/** Standard textual form: ->(a, X(b, tau), +(c, d), *(e, f)). */
export function treeToString(t: ProcessTree): string {
  if ('label' in t) return t.label === null ? 'tau' : `'${t.label}'`;
  const sym = { seq: '->', xor: 'X', and: '+', loop: '*' }[t.op];
  return `${sym}(${t.children.map(treeToString).join(', ')})`;
}

/**
 * Translates a tree into a sound workflow net, block by block: every subtree fires between an
 * entry and an exit place; parallel blocks and loops get silent split/join transitions.
 * Silent steps that only pass a token on are then reduced away.
 */
export function treeToPetri(tree: ProcessTree, name = 'discovered'): PetriNet {
  const net = new PetriNet(name);
  let places = 0;
  let taus = 0;
  const place = () => net.addPlace(`p${places++}`);
  const silent = (pre: number[], post: number[]) => {
    const t = net.addTransition(`tau_${taus++}`, null);
    pre.forEach((p) => net.addArc('pt', p, t));
    post.forEach((p) => net.addArc('tp', p, t));
  };
  const build = (t: ProcessTree, entry: number, exit: number): void => {
    if ('label' in t) {
      if (t.label === null) return silent([entry], [exit]);
      const tr = net.addTransition(`t${net.transitions.length}_${t.label}`, t.label);
      net.addArc('pt', entry, tr);
      net.addArc('tp', exit, tr);
      return;
    }
    const kids = t.children;
    if (t.op === 'xor') kids.forEach((c) => build(c, entry, exit));
    else if (t.op === 'seq') {
      let cur = entry;
      kids.forEach((c, i) => {
        const next = i === kids.length - 1 ? exit : place();
        build(c, cur, next);
        cur = next;
      });
    } else if (t.op === 'and') {
      const ins = kids.map(() => place());
      const outs = kids.map(() => place());
      silent([entry], ins);
      kids.forEach((c, i) => build(c, ins[i], outs[i]));
      silent(outs, [exit]);
    } else {
      const start = place();
      const mid = place();
      silent([entry], [start]);
      build(kids[0], start, mid);
      kids.slice(1).forEach((c) => build(c, mid, start));
      silent([mid], [exit]);
    }
  };
  const source = net.addPlace('source');
  const sink = net.addPlace('sink');
  build(tree, source, sink);
  net.setMarkings(new Map([[source, 1]]), new Map([[sink, 1]]));
  return reduceSilent(net);
}
