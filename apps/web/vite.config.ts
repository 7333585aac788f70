import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Mantine's stylesheet per component, loaded with the component's code (issue 20): each of Mantine's class-name
 * modules (`esm/components/Button/Button.module.mjs`) has its stylesheet (`styles/Button.css`), and importing one
 * from the other puts the rules in the CSS of whichever chunk holds the component. A family's page then loads the
 * styles of the components it shows, not the 250 kB of the whole library; main.tsx keeps the baseline, the CSS
 * variables and the global rules (what Mantine's own per-component recipe starts with). Dependencies come first:
 * a component module imports the ones it is built on before its own class names, so the order of the rules is
 * the library's.
 */
function mantineStylesPerComponent(): Plugin {
  const classNames = /\/node_modules\/@mantine\/(core|notifications)\/esm\/(?:.*\/)?([A-Za-z]+)\.module\.mjs$/;
  return {
    name: 'harmonie:mantine-styles-per-component',
    enforce: 'pre',
    transform(code, id) {
      const match = classNames.exec(id);
      if (!match) return null;
      const stylesheet =
        match[1] === 'core' ? `@mantine/core/styles/${match[2]}.css` : '@mantine/notifications/styles.css';
      return { code: `import ${JSON.stringify(stylesheet)};\n${code}`, map: null };
    },
  };
}

export default defineConfig({
  root: here('.'),
  plugins: [react(), mantineStylesPerComponent(), precompress()],
  resolve: {
    alias: {
      '@contracts': here('../../packages/contracts/src'),
    },
  },
  css: {
    postcss: here('.'),
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    // dist/web/.vite/manifest.json: which chunks each entry and page loads (scripts/check-bundle-budget.mjs)
    manifest: true,
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
