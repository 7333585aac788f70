#!/usr/bin/env node
// After `npm run build` (CI): starts the production build once as `npm start` runs it — `node dist/server/main.mjs`,
// no TypeScript loader — on a throw-away SQLite database and a free port, waits for /api/health, checks that it
// serves the built web app (the entry page, a deep link, a script it names), then stops it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist/server/main.mjs');
const web = path.join(root, 'dist/web');

function fail(message, output = '') {
  console.error(`built server check failed: ${message}${output ? `\n--- server output ---\n${output}` : ''}`);
  process.exitCode = 1;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function check() {
  const missing = [entry, path.join(web, 'index.html')].find((file) => !fs.existsSync(file));
  if (missing) return fail(`${path.relative(root, missing)} is missing: run npm run build`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-built-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ...{ DATABASE_URL: `sqlite:${path.join(dir, 'built.db')}`, PORT: String(port), HOST: '127.0.0.1' },
    ...{ PUBLIC_URL: base, STORAGE_DIR: path.join(dir, 'files'), WEB_DIST: web, SWEEP_INTERVAL_MINUTES: '0' },
    ...{ LOG_LEVEL: 'warn', DEMO: '' },
  };
  const started = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    let health = null;
    while (!health && child.exitCode === null && Date.now() - started < 30_000) {
      health = await fetch(`${base}/api/health`)
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (health?.status !== 'ok') return fail(`no healthy /api/health (exit code ${child.exitCode})`, output);
    console.log(`built server healthy in ${Date.now() - started} ms (database: ${health.database})`);
    const index = await fetch(`${base}/`);
    const html = await index.text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    const entryPage = index.ok && html.includes('<div id="root">') && script;
    if (!entryPage) return fail(`/ is not the web app's entry page (${index.status})`, output);
    const deepLink = await fetch(`${base}/office/families`);
    const linked = deepLink.ok && (await deepLink.text()).includes(script);
    if (!linked) return fail(`a deep link did not get the entry page (${deepLink.status})`, output);
    const asset = await fetch(new URL(script, base));
    const bytes = (await asset.arrayBuffer()).byteLength;
    const javascript = (asset.headers.get('content-type') ?? '').includes('javascript');
    if (!bytes || !asset.ok || !javascript) return fail(`${script} not served as JavaScript (${asset.status})`, output);
    console.log(`built server serves the web app: /, a deep link and ${script} (${bytes} bytes)`);
  } finally {
    // A clean stop: SIGTERM closes the server and the database and exits 0, within seconds.
    const stopped = new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await stopped;
    clearTimeout(timer);
    const how = `exit code ${child.exitCode}, signal ${child.signalCode}`;
    if (child.exitCode !== 0) fail(`the server did not stop cleanly on SIGTERM (${how})`, output);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await check();
