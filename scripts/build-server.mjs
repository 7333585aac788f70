#!/usr/bin/env node
// `npm run build:server`: the API as plain JavaScript in dist/server, so that `npm start` runs it with node alone —
// no TypeScript compiler thread in the running server (about 60 MB of memory and a slower start with tsx).
// One bundle of our own code (packages stay in node_modules), and the migrations beside it as separate files,
// because the migrator reads the ./migrations folder next to the running code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  alias: { '@contracts': path.join(root, 'packages/contracts/src/index.ts') },
  logLevel: 'warning',
};

/** Bundles one entry point (the server, or the benchmarks' server) to `outfile`, its migrations beside it. */
export async function buildServer(entry = 'apps/api/src/main.ts', outfile = 'dist/server/main.mjs') {
  const outDir = path.dirname(path.resolve(root, outfile));
  fs.rmSync(path.join(outDir, 'migrations'), { recursive: true, force: true });
  await build({ ...common, entryPoints: [path.resolve(root, entry)], outfile: path.resolve(root, outfile) });
  const migrationsDir = path.join(root, 'apps/api/src/db/migrations');
  const migrations = fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  await build({
    ...common,
    sourcemap: false,
    entryPoints: migrations.map((f) => path.join(migrationsDir, f)),
    outdir: path.join(outDir, 'migrations'),
    outExtension: { '.js': '.js' },
  });
  return path.resolve(root, outfile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildServer(process.argv[2], process.argv[3]);
  console.log(`built ${path.relative(root, out)} and its migrations`);
}
