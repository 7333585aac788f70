import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fork, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Role } from '@contracts';
import type { Engine } from '../apps/api/src/db/dialect.js';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { buildApp } from '../apps/api/src/app.js';
import type { Deps } from '../apps/api/src/platform/deps.js';
import type { UserActor } from '../apps/api/src/platform/actor.js';
import { registeredSweeps, runSweeps } from '../apps/api/src/platform/jobs.js';
import { TestClock, addDays } from '../apps/api/src/platform/clock.js';
import { createBillingServices } from '../apps/api/src/modules/billing/billing.service.js';
import { target2OnOrAfter } from '../apps/api/src/modules/billing/billing-rules.js';
import { createPeopleService } from '../apps/api/src/modules/people/people.service.js';
import { BENCH_LOGINS, BENCH_PASSWORD } from '../apps/api/src/seed/bulk-seed.js';
import { openBulkWriter } from '../apps/api/src/seed/bulk-writer.js';
import { encodeCursor } from '../apps/api/src/platform/cursor.js';
import { buildServer } from '../scripts/build-server.mjs';
import { SIZES, dropRunDatabases, ensureDataset, PG_DATABASE, scratchCopy, seedPeopleOnly } from './dataset.js';
import type { Dataset, SizeName } from './dataset.js';
import {
  buildMatchFloor,
  floorMatch,
  floorSearch,
  floorSepa,
  loadMatchRequests,
  openRaw,
  type RawDb,
  type SepaCreditor,
} from './floors.js';
import { compare, load, ratio, type HttpResult, type Latency } from './measure.js';
import { benchSchools } from './schools.js';
import { benchWaitingLists } from './waiting-lists.js';
import { benchReenrolment } from './reenrolment.js';
import { benchHours } from './hours.js';

/**
 * `npm run bench [-- NAME…] [--smoke | --size smoke|medium|full] [--engine sqlite|postgres] [--rebuild] [--profile]`
 * `npm run bench -- lighthouse [--check]`: page scores of the built server in Chromium (bench/lighthouse.ts).
 * Every figure is printed beside the floor for the same work measured in the same run, and the ratio between them.
 */
const BENCHMARKS = [
  'seed',
  'search',
  'matching',
  'lists',
  'sweep',
  'sepa',
  'schools',
  'waiting-lists',
  'reenrolment',
  'hours',
  'web',
] as const;
type BenchName = (typeof BENCHMARKS)[number];

// Lighthouse is its own run (bench/lighthouse.ts): it measures the built server in a browser, not the API.
if (process.argv[2] === 'lighthouse') {
  await import('./lighthouse.js');
  process.exit();
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    size: { type: 'string' },
    engine: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const size: SizeName = values.smoke ? 'smoke' : ((values.size as SizeName | undefined) ?? 'full');
if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const unknown = positionals.filter((p) => !(BENCHMARKS as readonly string[]).includes(p));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
const selected = new Set<BenchName>(positionals.length ? (positionals as BenchName[]) : BENCHMARKS);
const engines: Engine[] = values.engine ? [values.engine as Engine] : ['sqlite', 'postgres'];
const smoke = size === 'smoke';
const loadSeconds = Number(values.seconds ?? (smoke ? 1 : 5));
const iterations = smoke ? 20 : 400;
const latencyRequests = smoke ? 30 : 600;

type Figure = {
  bench: string;
  engine: Engine | 'web';
  name: string;
  value: number;
  unit: string;
  floor?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
  detail?: Record<string, unknown>;
};
const figures: Figure[] = [];
const gaps: string[] = [];

/**
 * `--profile`: the benchmarks that change data (sweep, sepa) sum the time of each statement shape their service ran
 * (`printProfile` shows the heaviest after each step): where a batch's seconds go.
 */
const statementTimes = new Map<string, { n: number; ms: number }>();
function profileStatement(sqlText: string, _parameters: readonly unknown[], ms: number): void {
  const shape = sqlText
    .replace(/\$\d+/g, '?')
    .replace(/\((?:\s*\?\s*,?)+\)/g, '(…)')
    .replace(/(\(…\),\s*)+\(…\)/g, '(…)…')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
  const entry = statementTimes.get(shape) ?? { n: 0, ms: 0 };
  entry.n += 1;
  entry.ms += ms;
  statementTimes.set(shape, entry);
}
function printProfile(step: string): void {
  if (!values.profile) return;
  const rows = [...statementTimes.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((s, [, e]) => s + e.ms, 0);
  console.log(`    ${step}: ${rows.reduce((s, [, e]) => s + e.n, 0)} statements, ${total.toFixed(0)} ms in SQL`);
  for (const [shape, e] of rows.slice(0, 12))
    console.log(`      ${e.ms.toFixed(0).padStart(7)} ms ${String(e.n).padStart(6)}×  ${shape}`);
  statementTimes.clear();
}

function record(f: Figure): void {
  figures.push(f);
  const floor =
    f.floor !== undefined ? `  floor ${fmt(f.floor)} ${f.unit}  ratio ${f.ratio ?? ratio(f.value, f.floor)}` : '';
  const target = f.target ? `  target ${f.target} ${f.met ? 'met' : 'NOT MET'}` : '';
  console.log(`  ${f.name.padEnd(46)} ${fmt(f.value).padStart(10)} ${f.unit}${floor}${target}`);
}
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function latencyFigures(
  bench: string,
  engine: Engine,
  name: string,
  project: Latency,
  floor: Latency,
  target?: { ratio?: number; p95?: number },
) {
  const r = ratio(project.p95, floor.p95);
  const met =
    (target?.ratio === undefined || r <= target.ratio) && (target?.p95 === undefined || project.p95 <= target.p95);
  const targetText = [
    target?.ratio !== undefined ? `p95 ≤ ${target.ratio}× floor` : '',
    target?.p95 !== undefined ? `p95 ≤ ${target.p95} ms` : '',
  ]
    .filter(Boolean)
    .join(', ');
  record({
    bench,
    engine,
    name: `${name} p50/p95/p99 ms`,
    value: project.p95,
    unit: 'ms p95',
    floor: floor.p95,
    ratio: r,
    ...(targetText ? { target: targetText, met } : {}),
    detail: { project, floor },
  });
  console.log(
    `    ${''.padEnd(44)} project ${project.p50}/${project.p95}/${project.p99}  floor ${floor.p50}/${floor.p95}/${floor.p99}`,
  );
}

function throughputFigure(
  bench: string,
  engine: Engine,
  name: string,
  project: HttpResult,
  floor: HttpResult,
  target?: { share: number; p99: number },
) {
  const share = ratio(project.requestsPerSecond, floor.requestsPerSecond);
  const met = target ? share >= target.share && project.latency.p99 <= target.p99 : undefined;
  record({
    bench,
    engine,
    name: `${name} req/s (c=50)`,
    value: project.requestsPerSecond,
    unit: 'req/s',
    floor: floor.requestsPerSecond,
    ratio: share,
    ...(target ? { target: `≥ ${target.share * 100}% of floor, p99 ≤ ${target.p99} ms`, met } : {}),
    detail: { project, floor },
  });
  console.log(
    `    ${''.padEnd(44)} p99 ${project.latency.p99} ms (floor ${floor.latency.p99} ms)${project.non2xx || project.errors ? `  non-2xx ${project.non2xx} errors ${project.errors}` : ''}`,
  );
}

// -------------------------------------------------------------------------------------------------------------
// The server under load (bench/server.ts in a child process) and an authenticated session on it.

type Server = {
  app: string;
  bare: string;
  /** The app process's peak resident set size (the floor routes live in another process). */
  memory: () => Promise<{ maxRssBytes: number }>;
  /** Captures the reads the app runs for `path` and gives the floor route that replays them raw. */
  ownFloor: (path: string, cookie: string) => Promise<{ path: string; statements: number }>;
  stop: () => Promise<void>;
};

type Child = {
  port: number;
  ask: (message: Record<string, unknown>) => Promise<Record<string, unknown>>;
  stop: () => Promise<void>;
};
async function startChild(entry: string, url: string, role: 'app' | 'floor'): Promise<Child> {
  const child = fork(entry, [], {
    execArgv: ['--enable-source-maps'],
    env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_ROLE: role },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number }));
    child.once('exit', (code) => reject(new Error(`bench ${role} server exited (${code ?? 'signal'})`)));
  });
  return {
    port: ready.port,
    // One question at a time: the runner waits for each answer before the next.
    ask: (message) =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as Record<string, unknown>));
        child.send(message);
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

async function startServer(url: string): Promise<Server> {
  // Built like `npm start` builds the API (plain JavaScript run by node), so its memory and speed are production's.
  const entry = await buildServer('bench/server.ts', 'dist/bench/server.mjs');
  const [app, floor] = await Promise.all([startChild(entry, url, 'app'), startChild(entry, url, 'floor')]);
  return {
    app: `http://127.0.0.1:${app.port}`,
    bare: `http://127.0.0.1:${floor.port}`,
    memory: async () => (await app.ask({ type: 'memory' })) as { maxRssBytes: number },
    ownFloor: async (path, cookie) => {
      const { reads } = (await app.ask({ type: 'capture', path, cookie })) as { reads: unknown[] };
      const { key } = (await floor.ask({ type: 'register', reads })) as { key: string };
      return { path: `/bare/replay/${key}`, statements: reads.length };
    },
    stop: async () => {
      await Promise.all([app.stop(), floor.stop()]);
    },
  };
}

async function login(origin: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie };
}

async function status(origin: string, pathName: string, headers: Record<string, string>): Promise<number> {
  return (await fetch(`${origin}${pathName}`, { headers })).status;
}

// -------------------------------------------------------------------------------------------------------------

type Ctx = {
  engine: Engine;
  data: Dataset;
  deps: Deps;
  raw: RawDb;
  server: Server;
  auth: Record<string, string>;
  office: UserActor;
};

async function actorOf(raw: RawDb, email: string): Promise<UserActor> {
  const user = (await raw.all('SELECT id, display_name, person_id FROM users WHERE email = ?', [email]))[0];
  if (!user) throw new Error(`no bench user ${email}: rebuild the data set (--rebuild)`);
  const roles = (await raw.all('SELECT role FROM user_roles WHERE user_id = ?', [user.id])).map(
    (r) => String(r.role) as Role,
  );
  return {
    kind: 'user',
    userId: String(user.id),
    displayName: String(user.display_name),
    email,
    roles: new Set(roles),
    personId: user.person_id ? String(user.person_id) : null,
    locale: 'fr',
  };
}

async function benchSeed(ctx: Ctx): Promise<void> {
  const { seed } = ctx.data;
  const people = seed.people;
  // Floor: the same number of people rows inserted bare (no index, no full-text) through the same driver.
  const rows = Math.min(people, smoke ? people : 200_000);
  const w = await openBulkWriter(ctx.data.url);
  await w.exec('DROP TABLE IF EXISTS bench_floor_people');
  await w.exec(
    'CREATE TABLE bench_floor_people (id text, kind text, first_name text, last_name text, email text, phone text, birth_date text, family_id text, search_name text, search_contact text, created_at text, updated_at text, version integer)',
  );
  const started = performance.now();
  for (let start = 0; start < rows; start += 10_000) {
    const chunk = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i += 1)
      chunk.push([
        `0000-${i}`,
        'guardian',
        'Hélène',
        'Martin',
        `helene.martin${i}@exemple.fr`,
        `+336${String(i).padStart(8, '0')}`,
        '1980-01-01',
        null,
        ' helene martin',
        `helene.martin${i}@exemple.fr 336${i}`,
        '2026-11-23T08:00:00.000Z',
        '2026-11-23T08:00:00.000Z',
        1,
      ]);
    await w.begin();
    await w.insert(
      'bench_floor_people',
      [
        'id',
        'kind',
        'first_name',
        'last_name',
        'email',
        'phone',
        'birth_date',
        'family_id',
        'search_name',
        'search_contact',
        'created_at',
        'updated_at',
        'version',
      ],
      chunk,
    );
    await w.commit();
  }
  const floorSeconds = ((performance.now() - started) / 1000) * (people / rows);
  await w.exec('DROP TABLE bench_floor_people');
  await w.close();
  const per1M = (seed.seconds.total / Math.max(1, people)) * 1_000_000;
  console.log(
    `  data set ${ctx.data.reused ? `reused (built ${seed.builtAt})` : 'built now'}: ${people} people, ${seed.lessons} lessons, ${seed.teachers} teachers; insert ${seed.seconds.insert.toFixed(1)} s + indexes ${seed.seconds.indexes.toFixed(1)} s${seed.seconds.cpu ? `, seed process CPU ${seed.seconds.cpu.toFixed(1)} s` : ''}; load average ${os.loadavg()[0]?.toFixed(1) ?? '?'}`,
  );
  record({
    bench: 'seed',
    engine: ctx.engine,
    name: 'npm run seed (whole data set) s',
    value: seed.seconds.total,
    unit: 's',
    floor: floorSeconds,
    ratio: ratio(seed.seconds.total, floorSeconds),
    detail: { seed },
  });
  record({
    bench: 'seed',
    engine: ctx.engine,
    name: 'whole data set, per 1M people (extrapolated) s',
    value: per1M,
    unit: 's',
  });
  // The target's own measure: npm run seed of the people alone (teachers and families, indexes and full text
  // included), timed from outside the process like a user would.
  const alone = await seedPeopleOnly(ctx.engine, size);
  const alonePer1M = (alone.wallSeconds / Math.max(1, alone.people)) * 1_000_000;
  console.log(
    `  people alone: ${alone.people} people in ${alone.wallSeconds.toFixed(1)} s wall (insert ${alone.seconds.insert.toFixed(1)} s + indexes ${alone.seconds.indexes.toFixed(1)} s)`,
  );
  record({
    bench: 'seed',
    engine: ctx.engine,
    name: `npm run seed of ${alone.people} people (wall) s`,
    value: alone.wallSeconds,
    unit: 's',
    floor: floorSeconds * (alone.people / Math.max(1, people)),
    ratio: ratio(alone.wallSeconds, floorSeconds * (alone.people / Math.max(1, people))),
    detail: { alone },
  });
  // Below 100k people the fixed start-up (starting Node, loading the communes) dominates: no extrapolated target.
  const meaningful = alone.people >= 100_000;
  record({
    bench: 'seed',
    engine: ctx.engine,
    name: 'npm run seed, per 1M people s',
    value: alonePer1M,
    unit: 's',
    ...(meaningful ? { target: '≤ 60 s', met: alonePer1M <= 60 } : {}),
  });
}

async function benchSearch(ctx: Ctx): Promise<void> {
  const people = createPeopleService(ctx.deps);
  const sample = await ctx.raw.all(
    `SELECT email, phone FROM people WHERE email IS NOT NULL AND phone IS NOT NULL ORDER BY id LIMIT 400`,
  );
  const step = Math.max(1, Math.floor(sample.length / 20));
  const picked = sample.filter((_, i) => i % step === 0).slice(0, 20);
  const queries: Record<string, string[]> = {
    name: [
      'helene ma',
      'jerome be',
      'camille du',
      'theo ro',
      'chloe le',
      'francois ga',
      'lea mo',
      'gael fo',
      'ines pe',
      'noel ca',
    ],
    email: picked.map((r) => String(r.email).split('@')[0]?.slice(0, -1) ?? 'martin'),
    phone: picked.map((r) => `0${String(r.phone).slice(3)}`.slice(3, 9)),
  };
  for (const [kind, qs] of Object.entries(queries)) {
    const { project, floor } = await compare(
      qs,
      (q) => people.search(ctx.office, q, 20),
      (q) => floorSearch(ctx.raw, q),
      iterations,
    );
    latencyFigures('search', ctx.engine, `search ${kind}: service`, project, floor, { ratio: 2 });
    const endpoint = await load({
      origin: ctx.server.app,
      paths: qs.map((q) => `/api/search?limit=20&q=${encodeURIComponent(q)}`),
      headers: ctx.auth,
      connections: 1,
      amount: latencyRequests,
    });
    const bare = await load({
      origin: ctx.server.bare,
      paths: qs.map((q) => `/bare/search?q=${encodeURIComponent(q)}`),
      connections: 1,
      amount: latencyRequests,
    });
    latencyFigures('search', ctx.engine, `search ${kind}: GET /api/search`, endpoint.latency, bare.latency, {
      p95: ctx.engine === 'sqlite' ? 5 : 12,
    });
    if (endpoint.non2xx) gaps.push(`${ctx.engine} search ${kind}: ${endpoint.non2xx} non-2xx answers`);
  }
}

async function benchMatching(ctx: Ctx): Promise<void> {
  await buildMatchFloor(ctx.raw);
  const requests = await loadMatchRequests(ctx.raw, smoke ? 20 : 100);
  if (!requests.length) return void gaps.push('matching: no open request in the data set');
  let service: {
    candidates: (
      actor: UserActor,
      fileId: string,
      o: { includePrevious: boolean; limit: number; locale: 'fr' },
    ) => Promise<unknown[]>;
  } | null = null;
  try {
    const mod = (await import('../apps/api/src/modules/agency/matching/matching.service.js')) as {
      createMatchingService: (deps: Deps) => NonNullable<typeof service>;
    };
    service = mod.createMatchingService(ctx.deps);
  } catch (error) {
    gaps.push(`matching: no matching service to benchmark (${String(error).slice(0, 120)})`);
  }
  const floorSizes = await Promise.all(requests.slice(0, 10).map((r) => floorMatch(ctx.raw, r).then((x) => x.length)));
  console.log(`  floor finds ${floorSizes.join(', ')} candidates for the first requests`);
  if (service) {
    const s = service;
    const { project, floor } = await compare(
      requests,
      (r) => s.candidates(ctx.office, r.id, { includePrevious: false, limit: 20, locale: 'fr' }),
      (r) => floorMatch(ctx.raw, r),
      smoke ? iterations : 200,
    );
    latencyFigures('matching', ctx.engine, 'matching: service', project, floor, { ratio: 2 });
  }
  const route = (id: string) => `/api/requests/${id}/candidates`;
  const code = await status(ctx.server.app, route(requests[0]?.id ?? ''), ctx.auth);
  if (code !== 200)
    return void gaps.push(`matching: GET ${route(':id')} answered ${code} on ${ctx.engine}; endpoint not measured`);
  const endpoint = await load({
    origin: ctx.server.app,
    paths: requests.map((r) => route(r.id)),
    headers: ctx.auth,
    connections: 1,
    amount: smoke ? latencyRequests : 300,
  });
  const bare = await load({
    origin: ctx.server.bare,
    paths: requests.map((r) => `/bare/match/${r.id}`),
    connections: 1,
    amount: smoke ? latencyRequests : 300,
  });
  latencyFigures('matching', ctx.engine, 'matching: GET /api/requests/:id/candidates', endpoint.latency, bare.latency, {
    p95: 5,
  });
}

async function benchLists(ctx: Ctx): Promise<void> {
  const json = await load({ origin: ctx.server.bare, paths: ['/bare/json'], connections: 50, seconds: loadSeconds });
  record({
    bench: 'lists',
    engine: ctx.engine,
    name: 'bare route, 20-item JSON req/s (c=50)',
    value: json.requestsPerSecond,
    unit: 'req/s',
    detail: { json },
  });
  console.log(`    ${''.padEnd(44)} p99 ${json.latency.p99} ms`);
  const bareDb = await load({
    origin: ctx.server.bare,
    paths: ['/bare/families'],
    connections: 50,
    seconds: loadSeconds,
  });
  record({
    bench: 'lists',
    engine: ctx.engine,
    name: 'bare route + DB read (families page) req/s',
    value: bareDb.requestsPerSecond,
    unit: 'req/s',
    detail: { bareDb },
  });
  console.log(`    ${''.padEnd(44)} p99 ${bareDb.latency.p99} ms`);
  const teacherAuth = await login(ctx.server.app, BENCH_LOGINS.teacher);
  // A page half-way through 100k teachers, reached by its cursor as the "load more" button does.
  const middle = (
    await ctx.raw.all(
      `SELECT last_name, id FROM people WHERE kind = 'teacher' ORDER BY last_name, id LIMIT 1 OFFSET ${Math.floor(ctx.data.seed.teachers / 2)}`,
    )
  )[0];
  const deepCursor = middle ? encodeCursor([String(middle.last_name), String(middle.id)]) : '';
  const candidates: { name: string; path: string; auth: Record<string, string> }[] = [
    { name: 'GET /api/families (first page)', path: '/api/families?limit=50', auth: ctx.auth },
    { name: 'GET /api/teachers (first page)', path: '/api/teachers?limit=50', auth: ctx.auth },
    {
      name: 'GET /api/teachers (a page half-way, by cursor)',
      path: `/api/teachers?limit=50&cursor=${deepCursor}`,
      auth: ctx.auth,
    },
    { name: 'GET /api/files (first page)', path: '/api/files?limit=50', auth: ctx.auth },
    { name: "a teacher's files (their students) GET /api/files", path: '/api/files?limit=50', auth: teacherAuth },
    {
      name: 'lessons of the month GET /api/lessons',
      path: `/api/lessons?limit=50&month=${new Date().toISOString().slice(0, 7)}`,
      auth: ctx.auth,
    },
    {
      name: "a teacher's lessons of the month GET /api/lessons",
      path: `/api/lessons?limit=50&month=${new Date().toISOString().slice(0, 7)}`,
      auth: teacherAuth,
    },
    { name: 'GET /api/billing/mandates (first page)', path: '/api/billing/mandates?limit=50', auth: ctx.auth },
    { name: 'GET /api/teachers/low-activity', path: '/api/teachers/low-activity', auth: ctx.auth },
    { name: 'GET /api/dashboards/agency', path: '/api/dashboards/agency', auth: ctx.auth },
  ];
  // JSON compression (platform/compression.ts): the same first page of families as is, gzip and brotli, the CPU it
  // costs showing as fewer requests per second, beside the bytes it saves.
  const compressedPath = '/api/families?limit=50';
  if ((await status(ctx.server.app, compressedPath, ctx.auth)) === 200) {
    // node:http, not fetch: fetch decodes the body, and the bytes on the wire are the point
    const bytesOf = (encoding: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get(ctx.server.app + compressedPath, { headers: { ...ctx.auth, 'accept-encoding': encoding } }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => resolve(bytes));
          })
          .on('error', reject);
      });
    for (const encoding of ['identity', 'gzip', 'br']) {
      const result = await load({
        origin: ctx.server.app,
        paths: [compressedPath],
        headers: { ...ctx.auth, 'accept-encoding': encoding },
        connections: 50,
        seconds: loadSeconds,
      });
      const bytes = await bytesOf(encoding);
      record({
        bench: 'lists',
        engine: ctx.engine,
        name: `GET /api/families, 50 items, ${encoding} req/s`,
        value: result.requestsPerSecond,
        unit: 'req/s',
        detail: { result, bytes },
      });
      console.log(`    ${''.padEnd(44)} ${bytes} bytes on the wire, p99 ${result.latency.p99} ms`);
    }
  }
  // The smoke run only proves each kind of measurement still works.
  for (const c of smoke ? candidates.slice(0, 1) : candidates) {
    const code = await status(ctx.server.app, c.path, c.auth);
    if (code !== 200) {
      gaps.push(`lists: ${c.name} answered ${code} on ${ctx.engine}; not measured`);
      continue;
    }
    const result = await load({
      origin: ctx.server.app,
      paths: [c.path],
      headers: c.auth,
      connections: 50,
      seconds: loadSeconds,
    });
    throughputFigure('lists', ctx.engine, c.name, result, bareDb, { share: 0.5, p99: 25 });
    // Its own floor as well: the same reads (session included) through the raw driver in a bare route, so the
    // ratio is the cost of the framework around that SQL rather than of the SQL a richer page needs.
    const ownFloor = await ctx.server.ownFloor(c.path, c.auth.cookie ?? '');
    const own = await load({ origin: ctx.server.bare, paths: [ownFloor.path], connections: 50, seconds: loadSeconds });
    throughputFigure(
      'lists',
      ctx.engine,
      `${c.name}, vs its ${ownFloor.statements} reads in a bare route`,
      result,
      own,
      { share: 0.5, p99: 25 },
    );
  }
}

/**
 * The benchmarks that change the data (sweep, sepa) run on a scratch copy of the data set taken at the start of the
 * engine's run, through an app whose clock stands on the data set's own day (the seed's "today"): the first run of
 * the sweeps is a first run over the data as seeded (after the day's batch), and the debits due are the same
 * whenever the bench is run.
 */
type Stateful = {
  engine: Engine;
  data: Dataset;
  deps: Deps;
  app: Awaited<ReturnType<typeof buildApp>>['app'];
  raw: RawDb;
  office: UserActor;
  day: string;
};

async function benchSweep(ctx: Stateful): Promise<void> {
  // Floor: one pass over every lesson, the least a sweep that looks at lessons must read.
  const floorStart = performance.now();
  await ctx.raw.all('SELECT file_id, max(lesson_date) AS last FROM lessons GROUP BY file_id');
  const floor = (performance.now() - floorStart) / 1000;
  const before = Number((await ctx.raw.all('SELECT count(*) AS n FROM invoices'))[0]?.n ?? 0);
  // Each registered sweep timed on its own (what runSweeps does, in the same order), then the mails they queued.
  const started = performance.now();
  const result: Record<string, unknown> = {};
  const sweepSeconds: Record<string, number> = {};
  for (const sweep of registeredSweeps()) {
    const sweepStarted = performance.now();
    result[sweep.name] = (await sweep.run(ctx.deps)) ?? {};
    sweepSeconds[sweep.name] = (performance.now() - sweepStarted) / 1000;
  }
  await ctx.deps.mailer.flush();
  const seconds = (performance.now() - started) / 1000;
  const again = performance.now();
  await runSweeps(ctx.deps);
  const second = (performance.now() - again) / 1000;
  console.log(`  sweeps on ${ctx.day} (${before} invoices already issued): ${JSON.stringify(result).slice(0, 300)}`);
  if (!before)
    gaps.push(
      `sweep: the ${ctx.engine} data set has no billing history; the first run issued every past period at once (rebuild with --rebuild)`,
    );
  // The sweep over the lessons (check-ins, reminders, alerts, no-lesson flags) is the issue's "automation sweep over
  // 1M lessons"; the monthly billing run (an invoice, its audit entry and its mail per subscription) is reported beside it.
  const followup = sweepSeconds['agency-followup'] ?? 0;
  record({
    bench: 'sweep',
    engine: ctx.engine,
    name: `followup sweep over ${ctx.data.seed.lessons} lessons (first run) s`,
    value: followup,
    unit: 's',
    floor,
    ratio: ratio(followup, floor),
    target: '≤ 10 s',
    met: followup <= 10,
    detail: { result: result['agency-followup'] },
  });
  record({
    bench: 'sweep',
    engine: ctx.engine,
    name: 'billing sweep (issue, holds, pre-notify), first run s',
    value: sweepSeconds.billing ?? 0,
    unit: 's',
    detail: { result: result.billing },
  });
  record({
    bench: 'sweep',
    engine: ctx.engine,
    name: `all sweeps (first run) s`,
    value: seconds,
    unit: 's',
    floor,
    ratio: ratio(seconds, floor),
    detail: { result, sweepSeconds, day: ctx.day, invoicesBefore: before },
  });
  record({
    bench: 'sweep',
    engine: ctx.engine,
    name: 'all sweeps, second run (idempotent) s',
    value: second,
    unit: 's',
    floor,
    ratio: ratio(second, floor),
  });
}

/** An authenticated session on the in-process app (inject): the whole request path, hooks and CSRF included. */
async function injectLogin(app: Stateful['app'], email: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: BENCH_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`bench login ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'harmonie_session');
  const headers = {
    cookie: `harmonie_session=${cookie?.value ?? ''}`,
    'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
  };
  return {
    post: (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers }),
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
  };
}

async function benchSepa(ctx: Stateful): Promise<void> {
  const settingRow = (await ctx.raw.all(`SELECT value FROM settings WHERE key = 'billing.creditor'`))[0];
  if (!settingRow)
    return void gaps.push(
      `sepa: no creditor configured in the ${ctx.engine} data set (rebuild it with --rebuild); not measured`,
    );
  const creditor = JSON.parse(String(settingRow.value)) as SepaCreditor;
  // Two days ahead, moved to a TARGET2 business day (collections settle only on those).
  const collectionDate = target2OnOrAfter(addDays(ctx.day, 2));
  // Floor, twice before anything is prepared (the lower kept): the due instalments with their mandates, the XML.
  const floors = [];
  for (let i = 0; i < 2; i += 1) {
    const t = performance.now();
    const r = await floorSepa(ctx.raw, collectionDate, creditor);
    floors.push({ ...r, seconds: (performance.now() - t) / 1000 });
  }
  const floor = Math.min(...floors.map((f) => f.seconds));
  const due = floors[0]?.count ?? 0;
  if (!due)
    return void gaps.push(
      `sepa: no SEPA debit due on ${collectionDate} in the ${ctx.engine} data set (rebuild it with --rebuild); not measured`,
    );
  const billing = createBillingServices(ctx.deps);

  // Once through the authenticated endpoint, then cancelled: the service run below starts from the same pool.
  const agent = await injectLogin(ctx.app, BENCH_LOGINS.office);
  let t = performance.now();
  const viaHttp = await agent.post('/api/billing/batches', { collectionDate });
  const endpointPrepare = (performance.now() - t) / 1000;
  if (viaHttp.statusCode === 201) {
    const b = viaHttp.json() as { id: string; version: number };
    const cancelled = await agent.post(`/api/billing/batches/${b.id}/cancel`, { version: b.version });
    if (cancelled.statusCode !== 200)
      gaps.push(`sepa: cancelling the endpoint's batch answered ${cancelled.statusCode} on ${ctx.engine}`);
  } else
    gaps.push(
      `sepa: POST /api/billing/batches answered ${viaHttp.statusCode} on ${ctx.engine}: ${viaHttp.body.slice(0, 200)}`,
    );

  // The process's CPU time beside the wall time: on a machine shared with other work it moves much less (on SQLite
  // it holds the database's work too; on PostgreSQL only ours).
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  statementTimes.clear();
  t = performance.now();
  let cpu = process.cpuUsage();
  const prepared = await billing.batches.prepare(ctx.office, collectionDate);
  const prepareSeconds = (performance.now() - t) / 1000;
  const prepareCpu = cpuSeconds(cpu);
  printProfile(`prepare ${prepareSeconds.toFixed(2)} s`);
  t = performance.now();
  cpu = process.cpuUsage();
  const exported = await billing.batches.export(ctx.office, prepared.id, {
    version: prepared.version,
    format: 'pain.008.001.08',
  });
  const exportSeconds = (performance.now() - t) / 1000;
  const exportCpu = cpuSeconds(cpu);
  printProfile(`export ${exportSeconds.toFixed(2)} s`);
  t = performance.now();
  const file = await agent.get(`/api/billing/batches/${prepared.id}/file`);
  const downloadSeconds = (performance.now() - t) / 1000;
  if (file.statusCode !== 200)
    gaps.push(`sepa: GET /api/billing/batches/:id/file answered ${file.statusCode} on ${ctx.engine}`);
  const seconds = prepareSeconds + exportSeconds;
  const n = exported.debitCount;
  console.log(
    `  batch for ${collectionDate}: ${n} debits, ${prepared.excluded.length} excluded (floor finds ${due} due), ${(file.rawPayload.length / 1e6).toFixed(1)} MB; prepare ${prepareSeconds.toFixed(2)} s (CPU ${prepareCpu.toFixed(2)} s), export ${exportSeconds.toFixed(2)} s (CPU ${exportCpu.toFixed(2)} s), download ${downloadSeconds.toFixed(2)} s, endpoint prepare ${endpointPrepare.toFixed(2)} s`,
  );
  const detail = {
    debits: n,
    due,
    excluded: prepared.excluded.length,
    prepareSeconds,
    exportSeconds,
    prepareCpuSeconds: prepareCpu,
    exportCpuSeconds: exportCpu,
    downloadSeconds,
    endpointPrepareSeconds: endpointPrepare,
    fileBytes: file.rawPayload.length,
    floors,
  };
  // The target is the issue's 50k debits; below that the extrapolation carries it (above 2,000 debits, where the
  // fixed costs no longer dominate).
  record({
    bench: 'sepa',
    engine: ctx.engine,
    name: `SEPA batch of ${n} debits, prepare + export (service) s`,
    value: seconds,
    unit: 's',
    floor,
    ratio: ratio(seconds, floor),
    ...(n >= 40_000 ? { target: '≤ 5 s', met: seconds <= 5 } : {}),
    detail,
  });
  if (n < 40_000)
    record({
      bench: 'sepa',
      engine: ctx.engine,
      name: 'SEPA batch, per 50k debits (extrapolated) s',
      value: (seconds / Math.max(1, n)) * 50_000,
      unit: 's',
      ...(n >= 2_000 ? { target: '≤ 5 s', met: (seconds / n) * 50_000 <= 5 } : {}),
    });
  record({
    bench: 'sepa',
    engine: ctx.engine,
    name: 'SEPA prepare, POST /api/billing/batches s',
    value: endpointPrepare,
    unit: 's',
    floor,
    ratio: ratio(endpointPrepare, floor),
  });
  record({
    bench: 'sepa',
    engine: ctx.engine,
    name: 'SEPA file, GET /api/billing/batches/:id/file s',
    value: downloadSeconds,
    unit: 's',
  });
}

function benchWeb(): void {
  const dist = path.resolve('dist/web');
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    console.log('  building the web app (npm run build:web)…');
    const built = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' });
    if (built.status !== 0 || !fs.existsSync(index))
      return void gaps.push('web: npm run build:web failed; bundle not measured');
  }
  const html = fs.readFileSync(index, 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
  // The entry's static imports load with it; route chunks load when their route is opened.
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !fs.existsSync(path.join(dist, file))) return;
    seen.add(file);
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const m of text.matchAll(/(?:^|[;\s}])import\s*(?:[\w{}\s,*$]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(path.join(path.dirname(file), m[1] ?? ''));
  };
  initial.forEach(visit);
  const initialBytes = [...seen].reduce((sum, f) => sum + gz(f), 0);
  record({
    bench: 'web',
    engine: 'web',
    name: 'first page JS (entry + static imports) kB gz',
    value: initialBytes / 1024,
    unit: 'kB',
    target: '≤ 250 kB',
    met: initialBytes / 1024 <= 250,
    detail: { files: [...seen] },
  });
  const chunks = fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: `assets/${f}`, kB: Math.round((gz(`assets/${f}`) / 1024) * 10) / 10 }));
  chunks.sort((a, b) => b.kB - a.kB);
  for (const c of chunks.slice(0, 15))
    console.log(
      `    ${c.file.padEnd(60)} ${String(c.kB).padStart(7)} kB gz${seen.has(c.file) ? '  (first page)' : ''}`,
    );
  figures.push({
    bench: 'web',
    engine: 'web',
    name: 'chunks',
    value: chunks.length,
    unit: 'chunks',
    detail: { chunks },
  });
}

async function runEngine(engine: Engine): Promise<void> {
  console.log(`\n== ${engine} (${size}) ==`);
  // The school network builds its own small database (bench/schools.ts): it needs none of the shared data set.
  if (selected.has('schools')) {
    console.log('\n-- schools --');
    await benchSchools(engine, smoke, (name, project, floor, detail) => {
      latencyFigures('schools', engine, name, project, floor);
      console.log(`    ${''.padEnd(44)} ${JSON.stringify(detail)}`);
    });
  }
  if (selected.has('waiting-lists')) {
    console.log('\n-- waiting-lists --');
    await benchWaitingLists(engine, smoke, (name, project, floor, detail) => {
      latencyFigures('waiting-lists', engine, name, project, floor);
      console.log(`    ${''.padEnd(44)} ${JSON.stringify(detail)}`);
    });
  }
  // Re-enrolment too (bench/reenrolment.ts): 20,000 returning students on a database of its own.
  if (selected.has('reenrolment')) {
    console.log('\n-- reenrolment --');
    await benchReenrolment(engine, smoke, (name, project, floor, detail) => {
      latencyFigures('reenrolment', engine, name, project, floor);
      console.log(`    ${''.padEnd(44)} ${JSON.stringify(detail)}`);
    });
  }
  // Teachers' hours too (bench/hours.ts): a month's sheets of 2,000 courses and the hours of 300 teachers.
  if (selected.has('hours')) {
    console.log('\n-- hours --');
    await benchHours(engine, smoke, (name, project, floor, detail) => {
      latencyFigures('hours', engine, name, project, floor);
      console.log(`    ${''.padEnd(44)} ${JSON.stringify(detail)}`);
    });
  }
  if ([...selected].every((name) => ['schools', 'waiting-lists', 'reenrolment', 'hours', 'web'].includes(name))) return;
  let data: Dataset;
  try {
    data = await ensureDataset(engine, size, { rebuild: values.rebuild ?? false, quiet: smoke });
  } catch (error) {
    gaps.push(`${engine}: data set unavailable (${String(error).slice(0, 200)}); engine skipped`);
    return;
  }
  // Taken before any connection to the data set opens (see scratchCopy).
  const scratch = selected.has('sweep') || selected.has('sepa') ? await scratchCopy(data) : null;
  if (scratch) console.log(`  scratch copy for sweep/sepa in ${scratch.seconds.toFixed(1)} s`);
  try {
    const config = loadConfig({
      DATABASE_URL: data.url,
      LOG_LEVEL: 'silent',
      SWEEP_INTERVAL_MINUTES: '0',
      WEB_DIST: '/nonexistent',
    });
    const database = openDatabase(data.url);
    const { app, deps } = await buildApp({ config, database, logger: false });
    await app.ready();
    const raw = openRaw(data.url);
    const server = await startServer(data.url);
    try {
      const ctx: Ctx = {
        engine,
        data,
        deps,
        raw,
        server,
        auth: await login(server.app, BENCH_LOGINS.office),
        office: await actorOf(raw, BENCH_LOGINS.office),
      };
      const run = async (name: BenchName, fn: () => Promise<void>) => {
        if (!selected.has(name)) return;
        console.log(`\n-- ${name} --`);
        await fn();
      };
      await run('seed', () => benchSeed(ctx));
      await run('search', () => benchSearch(ctx));
      await run('matching', () => benchMatching(ctx));
      await run('lists', () => benchLists(ctx));
      const memory = await server.memory();
      record({
        bench: 'memory',
        engine,
        name: 'server peak RSS under the HTTP benchmarks MB',
        value: memory.maxRssBytes / 1_048_576,
        unit: 'MB',
        target: '≤ 300 MB',
        met: memory.maxRssBytes / 1_048_576 <= 300,
      });
      if (scratch) await runStateful(engine, data, scratch.url, run);
    } finally {
      await server.stop();
      await raw.close();
      await app.close();
      await database.destroy();
    }
  } finally {
    await scratch?.drop();
  }
}

async function runStateful(
  engine: Engine,
  data: Dataset,
  url: string,
  run: (name: BenchName, fn: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const raw = openRaw(url);
  // The seed writes its rows at 08:00 UTC of its "today"; the sweeps run an hour later that day.
  const day = String(
    (await raw.all('SELECT min(created_at) AS at FROM plans'))[0]?.at ?? new Date().toISOString(),
  ).slice(0, 10);
  const database = openDatabase(url, values.profile ? { onQuery: profileStatement } : {});
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MINUTES: '0',
    WEB_DIST: '/nonexistent',
    LOGIN_MAX_FAILURES: '1000',
  });
  const { app, deps } = await buildApp({
    config,
    database,
    logger: false,
    clock: new TestClock(`${day}T09:00:00.000Z`),
  });
  await app.ready();
  try {
    const ctx: Stateful = { engine, data, deps, app, raw, office: await actorOf(raw, BENCH_LOGINS.office), day };
    // The batch first, on the debits as seeded (about one per mandate); the sweeps then run on the same day.
    await run('sepa', () => benchSepa(ctx));
    await run('sweep', () => benchSweep(ctx));
  } finally {
    await raw.close();
    await app.close();
    await database.destroy();
  }
}

/** This run's PostgreSQL databases go when it ends, on success, on an error or on Ctrl-C. */
async function dropDatabases(): Promise<void> {
  if (!engines.includes('postgres')) return;
  await dropRunDatabases().catch((error: unknown) => console.error(`could not drop ${PG_DATABASE}: ${String(error)}`));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void dropDatabases().finally(() => process.exit(130)));
}

const started = performance.now();
try {
  for (const engine of engines) await runEngine(engine);
} finally {
  await dropDatabases();
}
if (selected.has('web')) {
  console.log('\n== web ==');
  benchWeb();
}
const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? '?',
  memoryGB: Math.round(os.totalmem() / 1e9),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  load: os.loadavg(),
};
const output = {
  date: new Date().toISOString(),
  size,
  machine,
  seconds: Math.round((performance.now() - started) / 1000),
  figures,
  gaps,
};
fs.mkdirSync('bench/results', { recursive: true });
const resultFile = `bench/results/${smoke ? 'smoke' : 'latest'}.json`;
// Running a few benchmarks, or one engine, replaces their figures in the last result of the same size and keeps
// the others (so `--engine sqlite` then `--engine postgres` leaves both in the file).
if ((positionals.length || values.engine) && fs.existsSync(resultFile)) {
  const previous = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as typeof output;
  if (previous.size === size) {
    const rerun = (f: Figure) =>
      selected.has(f.bench as BenchName) || (f.bench === 'memory' && engines.includes(f.engine as Engine));
    output.figures = [
      ...previous.figures.filter((f) => !(rerun(f) && (f.engine === 'web' || engines.includes(f.engine as Engine)))),
      ...figures,
    ];
  }
}
fs.writeFileSync(resultFile, `${JSON.stringify(output, null, 2)}\n`);
console.log(
  `\n${gaps.length ? `Gaps:\n${gaps.map((g) => `  - ${g}`).join('\n')}\n` : ''}Not met: ${
    figures
      .filter((f) => f.met === false)
      .map((f) => `${f.engine} ${f.name}`)
      .join('; ') || 'none'
  }`,
);
console.log(`Written ${resultFile} in ${output.seconds} s.`);
