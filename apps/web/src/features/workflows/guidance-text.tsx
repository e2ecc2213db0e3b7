import type { ReactNode } from 'react';

// Guidance is stored as plain text with a few Markdown-like marks. It is turned into React elements here — never
// into HTML — so nothing an editor writes can run as script. Links are kept only for http(s).
const INLINE = /(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)\s]+\))/g;

function inline(text: string, keyBase: string): ReactNode[] {
  return text
    .split(INLINE)
    .filter(Boolean)
    .map((part, i) => {
      const key = `${keyBase}-${i}`;
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
        return <strong key={key}>{part.slice(2, -2)}</strong>;
      if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return <em key={key}>{part.slice(1, -1)}</em>;
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
      if (link) {
        return /^https?:\/\//i.test(link[2]) ? (
          <a key={key} href={link[2]} rel="noopener noreferrer" target="_blank">
            {link[1]}
          </a>
        ) : (
          link[1]
        );
      }
      return part;
    });
}

type Block = { kind: 'p' | 'ul' | 'ol' | 'h'; lines: string[] };

function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const kind: Block['kind'] | null = /^\s*[-*] /.test(line)
      ? 'ul'
      : /^\s*\d+[.)] /.test(line)
        ? 'ol'
        : /^#{1,4} /.test(line)
          ? 'h'
          : line.trim()
            ? 'p'
            : null;
    if (!kind) {
      out.push({ kind: 'p', lines: [] });
      continue;
    }
    const body = line.replace(/^\s*([-*]|\d+[.)]|#{1,4}) /, '');
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind !== 'h' && last.lines.length) last.lines.push(body);
    else out.push({ kind, lines: [body] });
  }
  return out.filter((b) => b.lines.length);
}

/** Renders guidance text: paragraphs, bullet and numbered lists, small headings, bold, italic and links. */
export function GuidanceText(props: { text: string }) {
  return (
    <div className="bo-guidance">
      {blocks(props.text).map((b, i) => {
        const key = `b${i}`;
        if (b.kind === 'ul')
          return (
            <ul key={key}>
              {b.lines.map((l, j) => (
                <li key={j}>{inline(l, `${key}-${j}`)}</li>
              ))}
            </ul>
          );
        if (b.kind === 'ol')
          return (
            <ol key={key}>
              {b.lines.map((l, j) => (
                <li key={j}>{inline(l, `${key}-${j}`)}</li>
              ))}
            </ol>
          );
        if (b.kind === 'h') return <h4 key={key}>{inline(b.lines[0], key)}</h4>;
        return <p key={key}>{inline(b.lines.join(' '), key)}</p>;
      })}
    </div>
  );
}
