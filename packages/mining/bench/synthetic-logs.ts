import { existsSync, statSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EventLog } from '../src/log/event-log.js';
import { LogBuilder } from '../src/log/log-builder.js';
import { writeXes } from '../src/log/xes-writer.js';

/**
 * Repeats a log `times` times with shifted case ids ("<id>#<k>") and times shifted by one day
 * per copy, keeping every attribute: a stand-in for big real logs that are not in the repository.
 */
export function repeatLog(log: EventLog, times: number): EventLog {
  const b = new LogBuilder();
  const day = 86_400_000;
  for (let k = 0; k < times; k++) {
    for (let c = 0; c < log.caseCount; c++) {
      const cs = b.beginCase(`${log.caseIds[c]}#${k}`);
      for (const [key, col] of log.caseAttributes) {
        const v = col.values[c];
        if (v !== undefined) b.caseAttr(cs, key, col.type, col.type === 'date' ? (v as number) + k * day : v);
      }
      for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
        const row = b.addEvent(
          cs,
          log.activityNames[log.activities[e]],
          log.timestamps[e] + k * day,
          log.resources[e] >= 0 ? log.resourceNames[log.resources[e]] : undefined,
          log.lifecycles[e] >= 0 ? log.lifecycleNames[log.lifecycles[e]] : undefined,
        );
        for (const [key, col] of log.eventAttributes) {
          const v = col.values[e];
          if (v !== undefined) b.eventAttr(row, key, col.type, col.type === 'date' ? (v as number) + k * day : v);
        }
      }
    }
  }
  return b.build();
}

/** Writes the log as XES to `file` unless a file of that name already exists; returns its size in bytes. */
export async function ensureXesFile(file: string, make: () => EventLog): Promise<number> {
  if (!existsSync(file)) {
    const out = createWriteStream(file);
    for (const chunk of writeXes(make())) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
  return statSync(file).size;
}
