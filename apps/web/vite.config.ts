import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves the build under /app/ and owns /api, /login and the DKFDS files; in development Vite
// forwards those to it (`npm run dev -w @sagsgang/server` on port 3000).
const server = process.env.SAGSGANG_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  // The shared contracts are bundled from their sources (their package exports them under this condition), so the
  // back office builds without the packages' own build and never from a stale one.
  resolve: { conditions: ['sagsgang-source', ...defaultClientConditions] },
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
