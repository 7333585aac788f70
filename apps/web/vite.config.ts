import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@contracts': here('../../packages/contracts/src'),
    },
  },
  css: {
    postcss: here('.'),
  },
  // A placeholder the server replaces with a fresh nonce in each answer (apps/api/src/platform/security-headers.ts):
  // Vite adds <meta property="csp-nonce"> and the nonce to its own tags.
  html: { cspNonce: 'HARMONIE_CSP_NONCE' },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
