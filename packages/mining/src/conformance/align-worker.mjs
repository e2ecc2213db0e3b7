// Worker entry: registers the TypeScript loader, then runs the worker module. Plain .mjs so it
// starts the same way under tsx, vitest and plain node.
import { register } from 'tsx/esm/api';

register();
await import('./align-worker.ts');
