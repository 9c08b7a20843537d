import { defineConfig } from 'vite';

/** The dashboard is a static page; `apps/carbon` serves the built `dist/` and its Socket.IO. */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['@zeropark/source'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'http://127.0.0.1:3000', ws: true } } },
});
