import { MiningError } from '../errors.js';
import { importLimits, textChunks, type LogSource, type ReadOptions } from '../log/input-stream.js';
import { walkXml, type XmlCursor } from '../log/xml-stream.js';
import { PetriNet } from './petri-net.js';

type Node = { tag: string; attrs: Record<string, string>; children: Node[]; text: string };

/** Reads a PNML place/transition net with its initial and final marking (ProM/pm4py conventions). */
export async function readPnml(source: LogSource, opts: ReadOptions = {}): Promise<PetriNet> {
  const file = opts.fileName ?? (typeof source === 'string' ? source : undefined);
  const root = await readTree(source, opts, file);
  return pnmlFromTree(root, file);
}

/** Reads PNML from a string in memory. */
export function readPnmlText(text: string, opts: ReadOptions = {}): Promise<PetriNet> {
  return readPnml(Buffer.from(text, 'utf8'), opts);
}

/** Builds a small DOM (PNML and BPMN models are small). */
export async function readTree(source: LogSource, opts: ReadOptions, file?: string): Promise<Node> {
  const stack: Node[] = [{ tag: '#root', attrs: {}, children: [], text: '' }];
  let cursor: XmlCursor | undefined;
  await walkXml(
    textChunks(source, opts),
    {
      open(tag, attrs) {
        const n: Node = { tag, attrs, children: [], text: '' };
        stack[stack.length - 1].children.push(n);
        stack.push(n);
      },
      close() {
        stack.pop();
      },
      text(t) {
        stack[stack.length - 1].text += t;
      },
    },
    {
      fileName: file,
      signal: opts.signal,
      onCursor: (c) => (cursor = c),
      maxTokenChars: importLimits(opts).maxTokenBytes,
    },
  );
  void cursor;
  return stack[0];
}

const child = (n: Node, tag: string) => n.children.find((c) => c.tag === tag);
const textOf = (n: Node | undefined) => (n ? (child(n, 'text')?.text ?? '') : '');

function pnmlFromTree(root: Node, file?: string): PetriNet {
  const pnml = child(root, 'pnml');
  const netEl = pnml && child(pnml, 'net');
  if (!netEl) throw new MiningError('bad_pnml', 'no <pnml><net> element', { file });
  const pages = netEl.children.filter((c) => c.tag === 'page');
  const nodes = pages.length ? pages.flatMap((p) => flattenPages(p)) : netEl.children;
  const net = new PetriNet(netEl.attrs.id ?? 'net');
  const placeIdx = new Map<string, number>();
  const transIdx = new Map<string, number>();
  const initial = new Map<number, number>();
  for (const n of nodes.filter((c) => c.tag === 'place')) {
    const id = need(n.attrs.id, 'place without id', file);
    const p = net.addPlace(id, textOf(child(n, 'name')) || id);
    placeIdx.set(id, p);
    const im = count(textOf(child(n, 'initialMarking')), id, file);
    if (im > 0) initial.set(p, im);
  }
  for (const n of nodes.filter((c) => c.tag === 'transition')) {
    const id = need(n.attrs.id, 'transition without id', file);
    const name = textOf(child(n, 'name')) || id;
    const tool = n.children.find((c) => c.tag === 'toolspecific' && (c.attrs.tool ?? '').includes('ProM'));
    const silent = (tool?.attrs.activity ?? '').includes('invisible');
    transIdx.set(id, net.addTransition(id, silent ? null : name, name));
  }
  for (const n of nodes.filter((c) => c.tag === 'arc')) addArc(net, n, placeIdx, transIdx, file);
  const final = readFinalMarking(netEl, placeIdx, file) ?? guessFinal(net);
  net.setMarkings(initial, final);
  return net;
}

function flattenPages(page: Node): Node[] {
  return page.children.flatMap((c) => (c.tag === 'page' ? flattenPages(c) : [c]));
}

function addArc(net: PetriNet, n: Node, places: Map<string, number>, trans: Map<string, number>, file?: string): void {
  const { source, target, id } = n.attrs;
  const weightText = textOf(child(n, 'inscription'));
  const weight = weightText ? count(weightText, id ?? '', file) : 1;
  if (places.has(source) && trans.has(target)) net.addArc('pt', places.get(source)!, trans.get(target)!, weight);
  else if (trans.has(source) && places.has(target)) net.addArc('tp', places.get(target)!, trans.get(source)!, weight);
  else
    throw new MiningError('bad_pnml', `arc ${source} -> ${target} does not join a place and a transition`, {
      file,
      elementId: id,
    });
}

function readFinalMarking(netEl: Node, places: Map<string, number>, file?: string): Map<number, number> | undefined {
  const fms = child(netEl, 'finalmarkings');
  if (!fms) return undefined;
  const m = new Map<number, number>();
  for (const marking of fms.children) {
    for (const pl of marking.children) {
      const p = places.get(pl.attrs.idref);
      if (p === undefined)
        throw new MiningError('bad_pnml', `final marking names unknown place ${pl.attrs.idref}`, { file });
      const k = count(textOf(pl), pl.attrs.idref, file);
      if (k > 0) m.set(p, k);
    }
  }
  return m;
}

// Without a final marking, the places nothing leaves are taken as the end (one token each).
function guessFinal(net: PetriNet): Map<number, number> {
  const hasOut = new Set(net.arcs.filter((a) => a.dir === 'pt').map((a) => a.place));
  const m = new Map<number, number>();
  net.places.forEach((_, p) => !hasOut.has(p) && m.set(p, 1));
  return m;
}

function count(s: string, id: string, file?: string): number {
  if (!s.trim()) return 0;
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 0)
    throw new MiningError('bad_pnml', `"${s}" is not a token count`, { file, elementId: id });
  return n;
}

function need(v: string | undefined, msg: string, file?: string): string {
  if (!v) throw new MiningError('bad_pnml', msg, { file });
  return v;
}
