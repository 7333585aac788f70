#!/usr/bin/env node
// `npm run test:e2e [-- vitest args]`: the browser tests alone, in Debian's Chromium, on the engine given by
// TEST_DATABASE_URL (SQLite when unset). Builds the web app first when dist/web is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtEntry = path.join(root, 'dist/web/index.html');
/** What the web build reads: a change to any of these makes dist/web stale. */
const webSources = ['apps/web', 'packages/contracts/src', 'package-lock.json'];

function newestChange(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

/** Why the web app must be built again, or null when dist/web is newer than every source. */
export function webBuildReason() {
  if (!fs.existsSync(builtEntry)) return 'dist/web is missing';
  const built = fs.statSync(builtEntry).mtimeMs;
  const changed = (source) => fs.existsSync(path.join(root, source)) && newestChange(path.join(root, source)) > built;
  const stale = webSources.find(changed);
  return stale ? `${stale} changed since the last build` : null;
}

/** Builds the web app when needed; true when dist/web is usable. */
export function buildWebIfNeeded() {
  const reason = webBuildReason();
  if (!reason) {
    console.log('dist/web is up to date: not rebuilding it');
    return true;
  }
  console.log(`Building the web app (${reason})`);
  return spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' }).status === 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`No Chromium at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  if (!buildWebIfNeeded()) process.exit(1);
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? '';
  console.log(`Browser tests on ${url.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}`);
  const args = ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)];
  const res = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
  process.exit(res.status ?? 1);
}
