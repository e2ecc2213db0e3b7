import { describe, expect, test } from 'vitest';
import { decodeXmlEntities } from './xml-entities.js';
import { readXesText } from './xes-reader.js';
import { walkXml } from './xml-stream.js';

const fail = (reason: string): never => {
  throw new Error(reason);
};

/** The attribute `value` of the first <string> element, as the general XML scanner reads it. */
async function scannedValue(xml: string): Promise<string | undefined> {
  let value: string | undefined;
  async function* chunks() {
    yield xml;
  }
  await walkXml(chunks(), {
    open: (name, attrs) => {
      if (name === 'string' && value === undefined) value = attrs.value;
    },
    close: () => {},
  });
  return value;
}

const xes = (activity: string) =>
  `<log><trace><string key="concept:name" value="c"/><event><string key="concept:name" value="${activity}"/></event></trace></log>`;

describe('XML entity decoding', () => {
  test('named entities and decimal and hexadecimal character references', () => {
    expect(decodeXmlEntities('a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;', fail)).toBe(
      `a < b && c > "d" 'e'`,
    );
    expect(decodeXmlEntities('&#230;&#xF8;', fail)).toBe('æø');
    expect(decodeXmlEntities('&#x1F600;', fail)).toBe('😀');
  });

  test('an unterminated, unknown or out-of-range reference is refused with its reason', () => {
    expect(() => decodeXmlEntities('a &amp b', fail)).toThrow('unterminated entity "&amp"');
    expect(() => decodeXmlEntities('&nbsp;', fail)).toThrow('unknown entity "&nbsp;"');
    expect(() => decodeXmlEntities('&#x110000;', fail)).toThrow('bad character reference "&#x110000;"');
    expect(() => decodeXmlEntities('&#xZZ;', fail)).toThrow('bad character reference "&#xZZ;"');
  });

  test('the XES byte scanner and the general XML scanner decode alike', async () => {
    const activity = 'Tom &amp; Jerry &lt;&#233;&#x2764;&gt;';
    const log = await readXesText(xes(activity));
    expect(log.activityNames).toEqual(['Tom & Jerry <é❤>']);
    expect(await scannedValue(xes(activity))).toBe('c');
    const value = await scannedValue(`<log><string key="k" value="${activity}"/></log>`);
    expect(value).toBe('Tom & Jerry <é❤>');
  });

  test('both scanners refuse an unknown entity as malformed XML, naming it', async () => {
    const bad = xes('&nbsp;');
    const fromXes = await readXesText(bad).catch((e) => e);
    const fromXml = await scannedValue(bad).catch((e) => e);
    for (const err of [fromXes, fromXml]) {
      expect(err.code).toBe('malformed_xml');
      expect(err.message).toMatch(/^malformed XML: unknown entity "&nbsp;"/);
      expect(err.position.line).toBe(1);
    }
  });
});
