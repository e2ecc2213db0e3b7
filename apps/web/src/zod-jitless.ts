/**
 * The back office's `zod`: every `import … from 'zod'` in the bundle (the shared contracts' too) resolves here (see
 * vite.config.ts). Zod probes `new Function` when an object schema is built, to compile fast parsers; the page's
 * Content-Security-Policy forbids eval, so the probe is reported as a violation. Switching the code generation off
 * here runs before any schema is built, because every module that builds one imports this module first.
 */
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
