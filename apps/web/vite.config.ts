import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { localeBundles } from './locale-bundles.js';

// The server serves the build under /app/ and owns /api, /login and the DKFDS files; in development Vite
// forwards those to it (`npm run dev -w @sagsgang/server` on port 3000).
const server = process.env.SAGSGANG_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/app/',
  plugins: [react(), localeBundles()],
  // The shared contracts are bundled from their sources (their package exports them under this condition), so the
  // back office builds without the packages' own build and never from a stale one.
  // `zod` is zod with its code generation off (src/zod-jitless.ts), so the CSP never sees an eval attempt.
  resolve: {
    conditions: ['sagsgang-source', ...defaultClientConditions],
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/zod-jitless.ts', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Budget for the first screen of the back office; heavy capability pages (bpmn-js, Plot) load on demand.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/login', '/auth', '/static', '/tilgaengelighed'].map((p) => [p, server])),
  },
});
