import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@contracts': path.resolve(__dirname, 'packages/contracts/src/index.ts') } },
  test: {
    include: ['apps/**/*.test.ts', 'packages/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share their worker's modules instead of importing the whole app again each (about 3 s a file, half the
    // suite's time). Each file still builds its own app on its own database; nothing a test needs lives in a module.
    isolate: false,
  },
});
