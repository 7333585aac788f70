import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { hashSecret, newId } from '../apps/api/src/platform/ids.js';

/**
 * `npm run bench -- lighthouse [--check] [--server DIR] [--web DIR] [--label NAME]`
 *
 * Starts the built server (`dist/server/main.mjs`, as `npm start` runs it) on a throw-away SQLite database with the
 * demo organisation, and runs Lighthouse once per page in Debian's Chromium: the phone profile (Lighthouse's default:
 * simulated slow 4G and a 4× slower CPU) for the pages families and teachers open, the desktop profile for the staff
 * pages. Prints the performance and accessibility scores and writes them to bench/results/lighthouse-<label>.json.
 * `--check` fails when a page scores below 90 for performance or below 100 for accessibility.
 * `--server` / `--web` measure another build (e.g. one of main kept aside, for before/after figures).
 */
const { values } = parseArgs({
  allowPositionals: true,
  options: {
    check: { type: 'boolean', default: false },
    server: { type: 'string' },
    web: { type: 'string' },
    label: { type: 'string', default: 'latest' },
    only: { type: 'string' },
  },
});

const root = path.resolve(import.meta.dirname, '..');
const serverEntry = path.resolve(values.server ?? path.join(root, 'dist/server'), 'main.mjs');
const webDist = path.resolve(values.web ?? path.join(root, 'dist/web'));
const chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const MIN_PERFORMANCE = 90;
const MIN_ACCESSIBILITY = 100;

type Page = { name: string; path: string; profile: 'mobile' | 'desktop'; login?: string };
const PAGES: Page[] = [
  { name: 'login', path: '/login', profile: 'mobile' },
  { name: 'public request form', path: '/request', profile: 'mobile' },
  { name: 'signed first-lesson link', path: '/l/{link}', profile: 'mobile' },
  { name: 'family lessons', path: '/family/lessons', profile: 'mobile', login: 'family' },
  { name: 'family billing', path: '/family/billing', profile: 'mobile', login: 'family' },
  { name: 'teacher students', path: '/teacher/students', profile: 'mobile', login: 'teacher' },
  { name: 'staff dashboard', path: '/office', profile: 'desktop', login: 'admin' },
  { name: 'staff files', path: '/office/files', profile: 'desktop', login: 'sales' },
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function startServer(dir: string): Promise<{ base: string; child: ChildProcess; dbFile: string }> {
  for (const file of [serverEntry, path.join(webDist, 'index.html')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dbFile = path.join(dir, 'lighthouse.db');
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${dbFile}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    STORAGE_DIR: path.join(dir, 'files'),
    WEB_DIST: webDist,
    SWEEP_INTERVAL_MINUTES: '0',
    LOG_LEVEL: 'warn',
    DEMO: '1',
  };
  const child = spawn(process.execPath, [serverEntry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, child, dbFile };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`the server was not healthy within 60 s:\n${output}`);
}

async function sessionCookie(base: string, login: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${login}@demo.example.org`, password: 'harmonie-demo' }),
  });
  if (!res.ok) throw new Error(`login as ${login}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * A first-lesson link as the hand-over e-mails it, for a demo file whose contact was handed over: written straight
 * into the database (only its hash is stored), since the demo's outbox holds no hand-over mail.
 */
function firstLessonLink(dbFile: string): string {
  const db = new Database(dbFile);
  try {
    const row = db
      .prepare(
        `select f.id as file_id, a.id as assignment_id, p.id as person_id from lesson_files f
         join assignments a on a.file_id = f.id and a.ended_on is null
         join people p on p.family_id = f.family_id and p.email is not null
         where f.stage = 'contact_handed_over' order by f.created_at limit 1`,
      )
      .get() as { file_id: string; assignment_id: string; person_id: string } | undefined;
    if (!row) throw new Error('the demo has no file whose contact was handed over');
    const secret = `lighthouse-${newId()}`;
    const now = new Date();
    db.prepare(
      `insert into access_links (id, token_hash, purpose, file_id, assignment_id, person_id, audience, expires_at, used_at, created_at)
       values (?, ?, 'first-lesson', ?, ?, ?, 'family', ?, null, ?)`,
    ).run(
      newId(),
      hashSecret(secret),
      row.file_id,
      row.assignment_id,
      row.person_id,
      new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      now.toISOString(),
    );
    return secret;
  } finally {
    db.close();
  }
}

type Score = {
  name: string;
  url: string;
  profile: string;
  performance: number;
  accessibility: number;
  metrics: Record<string, number>;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-lighthouse-'));
  const { base, child, dbFile } = await startServer(dir);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const scores: Score[] = [];
  try {
    const link = firstLessonLink(dbFile);
    const cookies = new Map<string, string>();
    const pages = values.only ? PAGES.filter((p) => p.name.includes(values.only ?? '')) : PAGES;
    for (const page of pages) {
      if (page.login && !cookies.has(page.login)) cookies.set(page.login, await sessionCookie(base, page.login));
      const url = base + page.path.replace('{link}', link);
      const flags: Flags = {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        ...(page.login ? { extraHeaders: { Cookie: cookies.get(page.login) ?? '' } } : {}),
      };
      const result = await lighthouse(url, flags, page.profile === 'desktop' ? desktopConfig : undefined);
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`no Lighthouse result for ${page.name}`);
      if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const metric = (id: string) => Math.round(Number(lhr.audits[id]?.numericValue ?? NaN));
      const score: Score = {
        name: page.name,
        url: page.path.replace('{link}', '<token>'),
        profile: page.profile,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        metrics: {
          fcpMs: metric('first-contentful-paint'),
          lcpMs: metric('largest-contentful-paint'),
          tbtMs: metric('total-blocking-time'),
          cls1000: Math.round(Number(lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000),
          transferKb: Math.round(Number(lhr.audits['total-byte-weight']?.numericValue ?? 0) / 1024),
        },
      };
      const failedA11y = Object.values(lhr.audits).filter(
        (a) => a.score === 0 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id && r.weight > 0),
      );
      scores.push(score);
      if (process.env.LIGHTHOUSE_SHIFTS) {
        const items =
          (
            lhr.audits['layout-shifts']?.details as
              { items?: { node?: { selector?: string; snippet?: string }; score?: number }[] } | undefined
          )?.items ?? [];
        for (const item of items)
          console.log(
            `    shift ${item.score?.toFixed(3)} ${item.node?.selector ?? ''} ${item.node?.snippet?.slice(0, 120) ?? ''}`,
          );
      }
      const m = score.metrics;
      console.log(
        `  ${page.name.padEnd(26)} ${page.profile.padEnd(7)} perf ${String(score.performance).padStart(3)}  a11y ${String(score.accessibility).padStart(3)}` +
          `   FCP ${m.fcpMs} ms  LCP ${m.lcpMs} ms  TBT ${m.tbtMs} ms  CLS ${(m.cls1000 ?? 0) / 1000}  ${m.transferKb} kB` +
          (failedA11y.length ? `  a11y failures: ${failedA11y.map((a) => a.id).join(', ')}` : ''),
      );
    }
  } finally {
    await chrome.kill();
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = path.join(root, 'bench/results', `lighthouse-${values.label}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), lighthouse: lighthouseVersion(), scores }, null, 2)}\n`,
  );
  console.log(`written to ${path.relative(root, out)}`);
  if (values.check) {
    const low = scores.filter((s) => s.performance < MIN_PERFORMANCE || s.accessibility < MIN_ACCESSIBILITY);
    if (low.length) {
      console.error(
        `below ${MIN_PERFORMANCE} performance or ${MIN_ACCESSIBILITY} accessibility: ${low.map((s) => `${s.name} (${s.performance}/${s.accessibility})`).join(', ')}`,
      );
      process.exitCode = 1;
    }
  }
}

function lighthouseVersion(): string {
  const file = path.join(root, 'node_modules/lighthouse/package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

await main();
