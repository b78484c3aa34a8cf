import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/client', import.meta.url));

// The Fastify server serves dist/client under /desk/ with a fallback to index.html.
export default defineConfig({
  root: clientDir,
  base: '/desk/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
  },
  server: {
    // In development the console talks to a locally running `npm run dev`.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
