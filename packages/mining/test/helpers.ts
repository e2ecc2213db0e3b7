import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Fixtures shipped with the package. */
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The shared real-log folder beside the repository (absent on some machines: tests skip). */
export const sharedLogs = path.resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../shared/data/eventlogs',
);
export const hasShared = existsSync(path.join(sharedLogs, 'REFERENCE.md'));
export const shared = (name: string) => path.join(sharedLogs, name);

/** Where a model named in the reference JSON lives. */
export const sharedModel = (name: string) =>
  existsSync(shared(`models/${name}`)) ? shared(`models/${name}`) : shared(name);
