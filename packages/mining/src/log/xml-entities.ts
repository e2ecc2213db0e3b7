const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&([^;&\s]{0,10});?/g;

/**
 * Replaces XML's five named entities and its character references (`&#38;`, `&#x26;`) in text or an attribute
 * value. A malformed or unknown reference is passed to `fail` with the reason, which must throw.
 */
export function decodeXmlEntities(s: string, fail: (reason: string) => never): string {
  return s.replace(REFERENCE, (m, ent: string) => {
    if (!m.endsWith(';')) fail(`unterminated entity "${m}"`);
    if (ent[0] === '#') {
      const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) fail(`bad character reference "${m}"`);
      return String.fromCodePoint(code);
    }
    const v = NAMED[ent];
    if (v === undefined) fail(`unknown entity "${m}"`);
    return v;
  });
}
