// Worker entry when the server runs from its sources (tests, tsx): registers the TypeScript loader, then runs the
// worker module. The compiled server (dist/) starts bpmn-import-worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./bpmn-import-worker.ts');
