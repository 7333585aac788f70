import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { Engine } from '../apps/api/src/db/dialect.js';
import type { BulkSeedResult } from '../apps/api/src/seed/bulk-seed.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { migrateToLatest } from '../apps/api/src/db/migrate.js';
import { openRaw } from './floors.js';

/** Sizes of the generated organisation. `full` is the issue's: 100k teachers, about 1M people, 1M lessons. */
export const SIZES = {
  smoke: { teachers: 300, families: 700, lessons: 5_000, requests: 30, mandates: 200 },
  medium: { teachers: 10_000, families: 30_000, lessons: 100_000, requests: 200, mandates: 5_000 },
  full: { teachers: 100_000, families: 290_000, lessons: 1_000_000, requests: 300, mandates: 50_000 },
} as const;
export type SizeName = keyof typeof SIZES;

export type Dataset = {
  engine: Engine;
  url: string;
  size: SizeName;
  seed: BulkSeedResult & { wallSeconds: number; builtAt: string };
  reused: boolean;
};

const SEED_VERSION = 3;
export const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/**
 * The PostgreSQL data set: by default a database of this run alone (two runs on one server never meet), dropped
 * when the run ends, failed or not (`dropRunDatabases`); BENCH_PG_DATABASE names one to keep and reuse instead.
 */
const KEPT_PG_DATABASE = process.env.BENCH_PG_DATABASE;
export const PG_DATABASE = KEPT_PG_DATABASE ?? `harmonie_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
const DATA_DIR = process.env.BENCH_DATA_DIR ?? 'data/bench';

/** Built by the same generator version at the same size (migrations applied since do not matter). */
function sameData(recorded: string, wanted: string): boolean {
  const pick = (k: string) => {
    const parsed = JSON.parse(k) as { v: number; size: unknown };
    return JSON.stringify({ v: parsed.v, size: parsed.size });
  };
  return pick(recorded) === pick(wanted);
}

async function reuse(engine: Engine, url: string, size: SizeName, seed: Dataset['seed']): Promise<Dataset> {
  const database = openDatabase(url);
  await migrateToLatest(database);
  await database.destroy();
  return { engine, url, size, seed, reused: true };
}

/** Drops this run's databases (the data set unless BENCH_PG_DATABASE names it, and its copies); idempotent. */
export async function dropRunDatabases(): Promise<void> {
  const names = [`${PG_DATABASE}_scratch`, `${PG_DATABASE}_people_only`, ...(KEPT_PG_DATABASE ? [] : [PG_DATABASE])];
  await pgAdmin(names.map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function pgAdmin(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

async function readMarker(url: string): Promise<{ key: string; seed: Dataset['seed'] } | null> {
  const raw = openRaw(url);
  try {
    const rows = await raw.all(`SELECT value FROM bench_meta WHERE key = 'dataset'`);
    return rows[0] ? (JSON.parse(String(rows[0].value)) as { key: string; seed: Dataset['seed'] }) : null;
  } catch {
    return null;
  } finally {
    await raw.close();
  }
}

type SeedCounts = { teachers: number; families: number; lessons: number; requests: number; mandates: number };

function runSeed(url: string, s: SeedCounts, quiet: boolean): Promise<BulkSeedResult & { wallSeconds: number }> {
  const args = [
    'tsx',
    'apps/api/src/seed/seed-cli.ts',
    '--teachers',
    String(s.teachers),
    '--families',
    String(s.families),
    '--lessons',
    String(s.lessons),
    '--requests',
    String(s.requests),
    '--mandates',
    String(s.mandates),
    '--json',
    ...(quiet ? ['--quiet'] : []),
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`npm run seed failed (${code ?? 'signal'})`));
      const line = out.trim().split('\n').pop() ?? '{}';
      resolve({ ...(JSON.parse(line) as BulkSeedResult), wallSeconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Reuses the data set when it was built for this size and these migrations; otherwise drops it and seeds anew. */
export async function ensureDataset(
  engine: Engine,
  size: SizeName,
  options: { rebuild: boolean; quiet: boolean },
): Promise<Dataset> {
  // A reused data set gets later migrations applied (new indexes build on its rows); --rebuild seeds it anew.
  const key = JSON.stringify({ v: SEED_VERSION, size: SIZES[size] });
  let url: string;
  if (engine === 'sqlite') {
    const file = path.resolve(DATA_DIR, `${size}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    url = `sqlite:${file}`;
    const marker = fs.existsSync(file) && !options.rebuild ? await readMarker(url) : null;
    if (marker && sameData(marker.key, key)) return reuse(engine, url, size, marker.seed);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  } else {
    const u = new URL(PG_SERVER);
    u.pathname = `/${PG_DATABASE}`;
    url = u.toString();
    const fate = KEPT_PG_DATABASE ? 'kept' : 'dropped at the end of this run';
    console.log(`[postgres] data set in the database ${PG_DATABASE} (${fate})`);
    const exists = await (async () => {
      const client = new pg.Client({ connectionString: PG_SERVER });
      await client.connect();
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_DATABASE]);
      await client.end();
      return (rowCount ?? 0) > 0;
    })();
    const marker = exists && !options.rebuild ? await readMarker(url) : null;
    if (marker && sameData(marker.key, key)) return reuse(engine, url, size, marker.seed);
    await pgAdmin([`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`, `CREATE DATABASE ${PG_DATABASE}`]);
  }
  console.log(`\n[${engine}] building the ${size} data set with npm run seed…`);
  const result = await runSeed(url, SIZES[size], options.quiet);
  const seed = { ...result, builtAt: new Date().toISOString() };
  const raw = openRaw(url);
  await raw.all('CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)');
  await raw.all(`DELETE FROM bench_meta WHERE key = 'dataset'`);
  await raw.all(`INSERT INTO bench_meta (key, value) VALUES ('dataset', ?)`, [JSON.stringify({ key, seed })]);
  await raw.close();
  return { engine, url, size, seed, reused: false };
}

/**
 * A throw-away copy of the data set for the benchmarks that change it (sweep, sepa): each run starts from the data
 * as seeded, so a "first run" is a first run however often the data set is reused. Taken before any connection to
 * the data set is open (PostgreSQL copies a template database only when nobody is connected to it).
 */
export async function scratchCopy(data: Dataset): Promise<{ url: string; seconds: number; drop: () => Promise<void> }> {
  const started = performance.now();
  if (data.engine === 'sqlite') {
    const file = data.url.slice('sqlite:'.length);
    const copy = `${file.replace(/\.db$/, '')}.scratch.db`;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    return {
      url: `sqlite:${copy}`,
      seconds: (performance.now() - started) / 1000,
      drop: () => Promise.resolve(void ['', '-wal', '-shm'].forEach((s) => fs.rmSync(`${copy}${s}`, { force: true }))),
    };
  }
  const name = `${PG_DATABASE}_scratch`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await pgAdmin([
        `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
        `CREATE DATABASE ${name} TEMPLATE ${PG_DATABASE}`,
      ]);
      break;
    } catch (error) {
      // A connection just closed may still be registered for a moment.
      if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    seconds: (performance.now() - started) / 1000,
    drop: () => pgAdmin([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

/**
 * `npm run seed` of the data set's people alone (its teachers and families, no lessons, mandates or invoices) into
 * a scratch database that is dropped after: the "seed of 1M people" measured as such, beside the whole
 * data set's build.
 */
export async function seedPeopleOnly(
  engine: Engine,
  size: SizeName,
): Promise<BulkSeedResult & { wallSeconds: number }> {
  const counts = {
    teachers: SIZES[size].teachers,
    families: SIZES[size].families,
    lessons: 0,
    requests: 0,
    mandates: 0,
  };
  if (engine === 'sqlite') {
    const file = path.resolve(DATA_DIR, `${size}-people-only.db`);
    const clear = () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${file}${suffix}`, { force: true }));
    clear();
    try {
      return await runSeed(`sqlite:${file}`, counts, true);
    } finally {
      clear();
    }
  }
  const name = `${PG_DATABASE}_people_only`;
  await pgAdmin([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  try {
    return await runSeed(u.toString(), counts, true);
  } finally {
    await pgAdmin([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
}
