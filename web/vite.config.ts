// Builds the officer dashboard (web/) into dist/dashboard, which the API serves at `/`
// (src/web/web.module.ts). Everything the page loads ships in that folder: no CDN, no web fonts.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(here, '..', 'dist', 'dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Cytoscape is loaded on demand by the network view, in its own chunk.
    chunkSizeWarningLimit: 700,
    // No inline script: the polyfill would be bundled anyway, and evergreen browsers need none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, with the API on :3000.
    proxy: { '/graphql': 'http://127.0.0.1:3000' },
  },
});
