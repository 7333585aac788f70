#!/usr/bin/env node
// `npm test`: the whole suite on every engine this machine offers, saying plainly what it skipped and why.
// With CI=true (or REQUIRE_ALL=1) a skip is a failure: .ci/run installs what is missing, so nothing may be skipped there.
// The API suite runs in a random order (files and tests) so that no test can lean on another's leftovers; the seed
// is printed, and TEST_SEED=<seed> npm test replays the same order.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { buildWebIfNeeded } from './e2e.mjs';

const strict = process.env.CI === 'true' || process.env.REQUIRE_ALL === '1';
const extraArgs = process.argv.slice(2);
const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : Math.floor(Math.random() * 1_000_000);
const shuffle = ['--sequence.shuffle', `--sequence.seed=${seed}`];
const results = [];
const skipped = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
fs.mkdirSync('.tmp', { recursive: true });

function run(label, command, args, env) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const res = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ label, ok: res.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

/** A Vitest run that also writes its counts, so the summary can add them up across engines. */
function vitest(label, args, env) {
  const report = path.join('.tmp', `vitest-${results.length}.json`);
  fs.rmSync(report, { force: true });
  run(
    label,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    env,
  );
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed += json.numPassedTests;
    counts.failed += json.numFailedTests;
    counts.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    counts.failed += 1; // the run died before writing its report
  }
}

const sqliteEnv = { DATABASE_URL: '', TEST_DATABASE_URL: '' };
console.log(`API suite shuffled with seed ${seed} (replay: TEST_SEED=${seed} npm test)`);
vitest(`API and unit tests on SQLite (shuffled, seed ${seed})`, [...shuffle, ...extraArgs], sqliteEnv);

const candidates = [
  process.env.TEST_DATABASE_URL,
  process.env.DATABASE_URL,
  'postgres://postgres@127.0.0.1:5432/test',
].filter((u) => u && u.startsWith('postgres'));
let pgUrl = null;
for (const url of candidates) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgUrl = url;
    await client.end();
    break;
  } catch {
    await client.end().catch(() => undefined);
  }
}
const tried = candidates.join(' or ') || 'TEST_DATABASE_URL';
const noPg = `no server reachable at ${tried} (start one, or set TEST_DATABASE_URL)`;
const pgEnv = { TEST_DATABASE_URL: pgUrl, DATABASE_URL: '' };
if (pgUrl) vitest(`API and unit tests on PostgreSQL (shuffled, seed ${seed})`, [...shuffle, ...extraArgs], pgEnv);
else skipped.push(`PostgreSQL suite: ${noPg}`);

// The browser tests on both engines: the web app is served by the real server over SQLite, then over PostgreSQL.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (process.env.SKIP_E2E === '1') skipped.push('browser tests: SKIP_E2E=1');
else if (!fs.existsSync(chromium))
  skipped.push(`browser tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
else {
  console.log('\n=== Web app for the browser tests ===');
  const built = buildWebIfNeeded();
  results.push({ label: 'Build the web app for the browser tests', ok: built, seconds: 0 });
  if (built) {
    const e2eArgs = ['--config', 'vitest.e2e.config.ts', ...extraArgs];
    const e2e = (label, env) =>
      vitest(`End-to-end tests in Chromium ${label}`, e2eArgs, { CHROMIUM_PATH: chromium, ...env });
    e2e('on SQLite, every page checked with axe-core', sqliteEnv);
    // axe reads the pages' markup, which the engine does not change: the PostgreSQL pass drives the same journeys
    // for the engine's sake and keeps only the tests' explicit accessibility checks (half the browser suite's time).
    if (!pgUrl) skipped.push(`browser tests on PostgreSQL: ${noPg}`);
    else if (process.env.E2E_ON_POSTGRES === '0') skipped.push('browser tests on PostgreSQL: E2E_ON_POSTGRES=0');
    else e2e('on PostgreSQL (pages already checked with axe-core on SQLite)', { ...pgEnv, E2E_AXE: '0' });
  }
}

console.log('\n=== Summary ===');
for (const r of results) {
  console.log(`${r.ok ? 'passed ' : 'FAILED '} ${r.label}${r.seconds ? ` (${r.seconds} s)` : ''}`);
}
for (const s of skipped) console.log(`SKIPPED ${s}`);
const summary = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
fs.writeFileSync(path.join('.tmp', 'test-summary.txt'), `${summary}\n`);
console.log(`tests: ${summary}`);
const failed = results.filter((r) => !r.ok).length;
if (failed) {
  console.log(`To replay the API suites in the same order: TEST_SEED=${seed} npm test`);
  process.exit(1);
}
if ((skipped.length || counts.skipped) && strict) {
  const what = skipped.length ? 'a suite' : `${counts.skipped} test(s)`;
  console.log(`CI requires every suite and test to run: failing because ${what} skipped.`);
  process.exit(1);
}
