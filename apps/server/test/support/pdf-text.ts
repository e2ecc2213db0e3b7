import { inflateSync } from 'node:zlib';

/** The text a PDF shows: its Flate streams inflated, the hex strings of its TJ/Tj operators joined (as pdfkit writes them). */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of body.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const parts = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((p) => p[1]) : [op[2]];
      text += parts.map((h) => Buffer.from(h, 'hex').toString('latin1')).join('') + '\n';
    }
  }
  return text;
}

/** The alternative texts of a PDF's structure elements (literal strings, UTF-16BE when they start with a BOM). */
export function pdfAltTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/Alt \(((?:\\[\s\S]|[^\\)])*)\)/g)].map((m) => {
    const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    const bytes = Buffer.from(
      m[1].replace(/\\([\s\S])/g, (_, c: string) => escapes[c] ?? c),
      'latin1',
    );
    if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return bytes.toString('latin1');
    return bytes.subarray(2).swap16().toString('utf16le');
  });
}
