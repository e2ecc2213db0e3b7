import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { classNames, escapeHtml, html, raw, SafeHtml } from './html.js';

describe('html template', () => {
  test('escapes every interpolation', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.toString()).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  });

  test('escapes attribute breakers, quotes and backticks', () => {
    const value = `" onmouseover='x' \``;
    expect(html`<a title="${value}">`.toString()).toBe('<a title="&quot; onmouseover=&#39;x&#39; &#96;">');
  });

  test('nests templates without escaping them twice', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(html`<p>${inner}</p>`.toString()).toBe('<p><b>a &amp; b</b></p>');
  });

  test('joins arrays and drops null, undefined and false', () => {
    const items = ['x', '<y>'];
    const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${null}${undefined}${false}`;
    expect(out.toString()).toBe('<ul><li>x</li><li>&lt;y&gt;</li></ul>');
  });

  test('renders numbers and true as text', () => {
    expect(html`${42}|${true}|${0}`.toString()).toBe('42|true|0');
  });

  test('raw inserts trusted markup unchanged', () => {
    expect(html`<div>${raw('<hr>')}</div>`.toString()).toBe('<div><hr></div>');
    expect(raw('<hr>')).toBeInstanceOf(SafeHtml);
  });

  test('no interpolated string can open a tag', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = html`<p>${s}</p>`.toString();
        const body = out.slice(3, -4);
        expect(body).not.toMatch(/[<>"'`]/);
        expect(body.replace(/&(amp|lt|gt|quot|#39|#96);/g, '')).not.toContain('&');
      }),
    );
  });

  test('escapeHtml round-trips through the entities', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });

  test('classNames keeps only truthy names', () => {
    expect(classNames('a', false, null, 'b', undefined, '')).toBe('a b');
  });
});
