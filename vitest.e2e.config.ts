import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser journeys: each file starts its own server on a fresh database and drives Debian's Chromium. */
export default defineConfig({
  resolve: { alias: { '@contracts': path.resolve(__dirname, 'packages/contracts/src/index.ts') } },
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // What the browser did reaches the database a moment later; on a loaded machine (CI, two engines) a second is short.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // As in the API suite: files share their worker's imports (each still starts its own server and browser).
    isolate: false,
    maxWorkers: 2,
    fileParallelism: true,
  },
});
