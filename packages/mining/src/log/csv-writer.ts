import { formatValue } from './attributes.js';
import type { EventLog } from './event-log.js';

const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Serialises a log as CSV, one event per row; case attributes get a "case:" prefix (as the CSV reader expects). */
export function* writeCsv(log: EventLog, rowsPerChunk = 5000): Generator<string> {
  const ev = [...log.eventAttributes.keys()];
  const cs = [...log.caseAttributes.keys()];
  const header = [
    'case:concept:name',
    'concept:name',
    'time:timestamp',
    'org:resource',
    'lifecycle:transition',
    ...ev,
    ...cs.map((k) => `case:${k}`),
  ];
  let buf = header.map(q).join(',') + '\n';
  let rows = 0;
  for (let c = 0; c < log.caseCount; c++) {
    const caseVals = cs.map((k) => {
      const col = log.caseAttributes.get(k)!;
      const v = col.values[c];
      return v === undefined ? '' : formatValue(col.type, v);
    });
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      const ts = log.timestamps[e];
      const cells = [
        log.caseIds[c],
        log.activityNames[log.activities[e]],
        Number.isNaN(ts) ? '' : new Date(ts).toISOString(),
        log.resources[e] >= 0 ? log.resourceNames[log.resources[e]] : '',
        log.lifecycles[e] >= 0 ? log.lifecycleNames[log.lifecycles[e]] : '',
        ...ev.map((k) => {
          const col = log.eventAttributes.get(k)!;
          const v = col.values[e];
          return v === undefined ? '' : formatValue(col.type, v);
        }),
        ...caseVals,
      ];
      buf += cells.map(q).join(',') + '\n';
      if (++rows % rowsPerChunk === 0) {
        yield buf;
        buf = '';
      }
    }
  }
  yield buf;
}
