import type { PetriNet } from './petri-net.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes a net as PNML (pnmlcoremodel) with ProM's silent-transition marker and a final marking. */
export function writePnml(net: PetriNet): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<pnml>'];
  out.push(`  <net id="${esc(net.name)}" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel">`);
  out.push(`    <name><text>${esc(net.name)}</text></name>`, '    <page id="n0">');
  net.places.forEach((p, i) => {
    const im = net.initialMarking[i];
    const mark = im > 0 ? `<initialMarking><text>${im}</text></initialMarking>` : '';
    out.push(`      <place id="${esc(p.id)}"><name><text>${esc(p.name)}</text></name>${mark}</place>`);
  });
  for (const t of net.transitions) {
    const silent =
      t.label === null ? '<toolspecific tool="ProM" version="6.4" activity="$invisible$" localNodeID=""/>' : '';
    out.push(
      `      <transition id="${esc(t.id)}"><name><text>${esc(t.label ?? t.name)}</text></name>${silent}</transition>`,
    );
  }
  net.arcs.forEach((a, i) => {
    const p = esc(net.places[a.place].id);
    const t = esc(net.transitions[a.transition].id);
    const [s, d] = a.dir === 'pt' ? [p, t] : [t, p];
    const w = a.weight !== 1 ? `<inscription><text>${a.weight}</text></inscription>` : '';
    out.push(`      <arc id="a${i}" source="${s}" target="${d}">${w}</arc>`);
  });
  out.push('    </page>', '    <finalmarkings>', '      <marking>');
  net.places.forEach((p, i) => {
    if (net.finalMarking[i] > 0)
      out.push(`        <place idref="${esc(p.id)}"><text>${net.finalMarking[i]}</text></place>`);
  });
  out.push('      </marking>', '    </finalmarkings>', '  </net>', '</pnml>', '');
  return out.join('\n');
}
