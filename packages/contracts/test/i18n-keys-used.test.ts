import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CATALOGUES, type Locale } from '../src/i18n/index.js';
import { DYNAMIC_KEYS, expand } from './i18n-dynamic-keys.js';
import { scanKeys, type KeyUse } from './i18n-source-scan.js';

// Every key the back office and the server name must have a text in Danish and English, and in Swedish where the
// server uses it (portal pages, the applicant's journal, e-mails) and its namespace is translated to Swedish.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const scan = scanKeys(
  repoRoot,
  [
    { dir: 'apps/web/src', defaultNamespace: 'backOffice' },
    { dir: 'apps/server/src', defaultNamespace: 'common' },
  ],
  Object.keys(CATALOGUES),
);

const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other'];

/** i18next picks `key_one`/`key_other` for a `count`, so a key exists if it or its plural forms do. */
function hasText(fullKey: string, locale: Locale): boolean {
  const [ns, key] = fullKey.split(':') as [string, string];
  const texts = CATALOGUES[ns]?.[locale];
  return !!texts && (key in texts || PLURAL_SUFFIXES.some((s) => `${key}${s}` in texts));
}

const usedByServer = (uses: KeyUse[]) => uses.some((u) => u.at.startsWith('apps/server/'));
const hasSwedish = (fullKey: string) => !!CATALOGUES[fullKey.split(':')[0]!]?.sv;

function missing(keys: Iterable<string>, swedishToo: boolean): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const locales: Locale[] = swedishToo && hasSwedish(key) ? ['da', 'en', 'sv'] : ['da', 'en'];
    for (const locale of locales) if (!hasText(key, locale)) out.push(`${locale} ${key}`);
  }
  return out.sort();
}

function byKey(uses: KeyUse[]): Map<string, KeyUse[]> {
  const out = new Map<string, KeyUse[]>();
  for (const use of uses) out.set(use.key, [...(out.get(use.key) ?? []), use]);
  return out;
}

describe('translation keys named in the source', () => {
  const literal = byKey(scan.literal);
  const dynamic = byKey(scan.dynamic);

  test('the scan finds the keys it is meant to (a guard against a scan that silently finds nothing)', () => {
    expect(literal.get('portal:signIn')?.length).toBeGreaterThan(0);
    expect(literal.get('backOffice:navStart')?.some((u) => u.at.startsWith('apps/web/'))).toBe(true);
    expect(literal.get('myCases:backToMyCases')?.some((u) => u.at.startsWith('apps/server/src/modules/portal/'))).toBe(
      true,
    );
    expect(dynamic.get('cases:state_${…}')?.length).toBeGreaterThan(0);
  });

  test('every key written out has a Danish and English text (and Swedish where the server uses it)', () => {
    const web = [...literal].filter(([, uses]) => !usedByServer(uses)).map(([key]) => key);
    const server = [...literal].filter(([, uses]) => usedByServer(uses)).map(([key]) => key);
    expect([...missing(web, false), ...missing(server, true)]).toEqual([]);
  });

  test('every key built at run time is listed with the values it can take', () => {
    const listed = new Set(DYNAMIC_KEYS.map((d) => d.shape));
    const unlisted = [...dynamic]
      .filter(([shape]) => !listed.has(shape))
      .map(([shape, uses]) => `${shape} at ${uses[0]!.at}`);
    expect(unlisted).toEqual([]);
    expect(
      DYNAMIC_KEYS.map((d) => d.shape).filter((shape) => !dynamic.has(shape)),
      'listed but no longer in the code',
    ).toEqual([]);
  });

  test('every value a built key can take has its texts', () => {
    const gaps: string[] = [];
    for (const entry of DYNAMIC_KEYS) {
      const keys = expand(entry);
      if (keys) {
        gaps.push(...missing(keys, usedByServer(dynamic.get(entry.shape) ?? [])));
      } else {
        const [head, tail] = entry.shape.split('${…}') as [string, string];
        const [ns, prefix] = head.split(':') as [string, string];
        const some = Object.keys(CATALOGUES[ns]?.da ?? {}).some((k) => k.startsWith(prefix) && k.endsWith(tail));
        if (!some) gaps.push(`no key of the shape ${entry.shape}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  test('keys kept as data carry their namespace, so this scan can check them', () => {
    expect(scan.bareInData.map((u) => `${u.key} at ${u.at}`)).toEqual([]);
  });

  test('catalogue keys no code names are reported (not a failure: a key may be waiting for its page)', () => {
    const used = new Set(scan.literal.map((u) => u.key));
    for (const entry of DYNAMIC_KEYS) for (const key of expand(entry) ?? []) used.add(key);
    const openShapes = DYNAMIC_KEYS.filter((d) => !expand(d)).map((d) => d.shape.split('${…}') as [string, string]);
    const unused: string[] = [];
    for (const [ns, cat] of Object.entries(CATALOGUES)) {
      for (const key of Object.keys(cat.da)) {
        const full = `${ns}:${key}`;
        const base = PLURAL_SUFFIXES.reduce((k, s) => (k.endsWith(s) ? k.slice(0, -s.length) : k), full);
        const open = openShapes.some(([head, tail]) => full.startsWith(head) && full.endsWith(tail));
        if (!used.has(full) && !used.has(base) && !open) unused.push(full);
      }
    }
    if (unused.length > 0) console.info(`i18n keys no code names (${unused.length}):\n  ${unused.join('\n  ')}`);
    expect(Array.isArray(unused)).toBe(true);
  });
});
