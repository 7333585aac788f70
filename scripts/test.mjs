#!/usr/bin/env node
// `npm test`: the whole suite on every engine this machine offers, saying plainly what it skipped and why.
// With CI=true (or REQUIRE_ALL=1) a skip is a failure: .ci/run installs what is missing, so nothing may be skipped there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const strict = process.env.CI === 'true' || process.env.REQUIRE_ALL === '1';
const extraArgs = process.argv.slice(2);
const results = [];
const skipped = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
fs.mkdirSync('.tmp', { recursive: true });

function run(label, command, args, env) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ label, ok: res.status === 0 });
}

/** A Vitest run that also writes its counts, so the summary can add them up across engines. */
function vitest(label, args, env) {
  const report = path.join('.tmp', `vitest-${results.length}.json`);
  fs.rmSync(report, { force: true });
  run(label, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], env);
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed += json.numPassedTests;
    counts.failed += json.numFailedTests;
    counts.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    counts.failed += 1; // the run died before writing its report
  }
}

const baseEnv = { DATABASE_URL: '', TEST_DATABASE_URL: '' };
vitest('API and unit tests on SQLite', extraArgs, baseEnv);

const candidates = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/test'].filter((u) => u && u.startsWith('postgres'));
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
if (pgUrl) vitest('API and unit tests on PostgreSQL', extraArgs, { TEST_DATABASE_URL: pgUrl, DATABASE_URL: '' });
else skipped.push(`PostgreSQL suite: no server reachable at ${candidates.join(' or ') || 'TEST_DATABASE_URL'} (start one, or set TEST_DATABASE_URL)`);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (process.env.SKIP_E2E === '1') skipped.push('browser tests: SKIP_E2E=1');
else if (!fs.existsSync(chromium)) skipped.push(`browser tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
else {
  run('Build the web app for the browser tests', 'npm', ['run', 'build:web', '--silent']);
  if (results.at(-1)?.ok) vitest('End-to-end tests in Chromium (with axe-core)', ['--config', 'vitest.e2e.config.ts', ...extraArgs], { CHROMIUM_PATH: chromium, ...(pgUrl && process.env.E2E_ON_POSTGRES === '1' ? { TEST_DATABASE_URL: pgUrl } : baseEnv) });
}

console.log('\n=== Summary ===');
for (const r of results) console.log(`${r.ok ? 'passed ' : 'FAILED '} ${r.label}`);
for (const s of skipped) console.log(`SKIPPED ${s}`);
const summary = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
fs.writeFileSync(path.join('.tmp', 'test-summary.txt'), `${summary}\n`);
console.log(`tests: ${summary}`);
const failed = results.filter((r) => !r.ok).length;
if (failed) process.exit(1);
if (skipped.length && strict) {
  console.log('CI requires every suite to run: failing because something was skipped.');
  process.exit(1);
}
