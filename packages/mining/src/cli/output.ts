/** Writes rows as CSV or JSON to stdout. */
export function emit(
  rows: Record<string, unknown>[] | Record<string, unknown>,
  format: 'json' | 'csv',
  out: (s: string) => void,
): void {
  if (format === 'json' || !Array.isArray(rows)) {
    out(JSON.stringify(rows, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
    return;
  }
  if (!rows.length) return;
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) => {
    const s = Array.isArray(v)
      ? v.join(' > ')
      : v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))
        ? ''
        : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  out([cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n');
}
