// Worker entry when the package runs from its sources (tests, tsx): registers the TypeScript loader, then runs the
// worker module. Plain .mjs so it starts the same way under tsx, vitest and plain node. The compiled package
// (dist/) starts align-worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./align-worker.ts');
