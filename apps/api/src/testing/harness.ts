import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Response as InjectResponse } from 'light-my-request';
import type { Role } from '@contracts';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildApp, type App } from '../app.js';
import { TestClock } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import type { Deps } from '../platform/deps.js';
import { startMailbox, type Mailbox } from './mailbox.js';

/** Under CI (`CI=true`) or with `REQUIRE_ALL=1`, a test that would skip for want of something fails instead. */
export const requireAll = process.env.CI === 'true' || process.env.REQUIRE_ALL === '1';

/** PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) points at one; SQLite in a temp file otherwise. */
export function testEngineUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return url && url.startsWith('postgres') ? url : null;
}

/** A fresh database for one test file (or one test): its own SQLite file or its own PostgreSQL database, empty or a
 * copy of a template made by `createTemplateDatabase`. */
export async function createTestDatabase(options: { template?: TemplateDatabase } = {}): Promise<TestDatabase> {
  const server = testEngineUrl();
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-test-'));
    const file = path.join(dir, 'test.db');
    if (options.template) fs.copyFileSync(options.template.url.slice('sqlite:'.length), file);
    return { url: `sqlite:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `harmonie_t_${newId().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const template = options.template ? ` TEMPLATE ${new URL(options.template.url).pathname.slice(1)}` : '';
  await admin.query(`CREATE DATABASE ${name}${template}`);
  // A test database is thrown away after its file: waiting for each commit to reach the disk buys nothing there and
  // was a large part of the PostgreSQL suite's time. (Per database, so the server's other databases keep theirs.)
  await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      // Plain DROP first (the pool has been closed); FORCE only if a connection lingers.
      for (let attempt = 0; attempt < 20; attempt += 1) {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
          if (attempt === 19) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      }
      await client.end();
    },
  };
}

/** A TCP port free on loopback right now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type TestDatabase = { url: string; drop: () => Promise<void> };
/** A migrated database filled once, that tests copy (`createTestApp({ template })`) to start from the same rows. */
export type TemplateDatabase = TestDatabase;

/** The migration files' names and bytes, hashed: the migrated-schema template is named after them, so a new or
 * changed migration makes a new template instead of reusing a stale one. */
function migrationsFingerprint(): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations');
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(dir).sort()) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

let migratedSchema: Promise<TemplateDatabase> | null = null;
/**
 * An empty database with every migration applied, that each test app copies instead of migrating its own: copying
 * takes a fraction of migrating (PostgreSQL about 0.2 s against 1-1.5 s, SQLite a file copy against 0.7 s), and
 * the suites create hundreds of apps. Made once per machine and set of migrations (kept between runs, those of other
 * migrations removed after a day: `isStale`), safely when parallel workers ask at once. Tests of migrations themselves
 * use `createTestDatabase()`, which stays empty.
 */
export function migratedSchemaTemplate(): Promise<TemplateDatabase> {
  migratedSchema ??= makeMigratedSchemaTemplate().catch((error: unknown) => {
    migratedSchema = null;
    throw error;
  });
  return migratedSchema;
}

const keep = async () => undefined;

/**
 * Whether a template of other migrations is old enough to remove: one built in the last day may belong to another
 * checkout of the project testing its own migrations on this machine right now (a branch, a worktree).
 */
function isStale(builtAtMs: number): boolean {
  return Date.now() - builtAtMs > 24 * 3600 * 1000;
}

async function makeMigratedSchemaTemplate(): Promise<TemplateDatabase> {
  const name = `harmonie_schema_${migrationsFingerprint()}`;
  const server = testEngineUrl();
  if (!server) {
    const file = path.join(os.tmpdir(), `${name}.db`);
    if (!fs.existsSync(file)) {
      // Built aside and renamed: a parallel worker sees the whole file or none.
      const building = `${file}.${process.pid}.${newId()}`;
      const database = openDatabase(`sqlite:${building}`);
      await migrateToLatest(database);
      await database.destroy();
      fs.renameSync(building, file);
      for (const old of fs.readdirSync(os.tmpdir())) {
        const oldFile = path.join(os.tmpdir(), old);
        if (/^harmonie_schema_\w+\.db$/.test(old) && old !== `${name}.db` && isStale(fs.statSync(oldFile).mtimeMs))
          fs.rmSync(oldFile, { force: true });
      }
    }
    return { url: `sqlite:${file}`, drop: keep };
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    // One builder at a time across workers; the others find it made.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const made = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!made.rowCount) {
      // Built under another name and renamed, so an interrupted build never passes for a template.
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(server);
      url.pathname = `/${building}`;
      const database = openDatabase(url.toString());
      await migrateToLatest(database);
      await database.destroy();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      // The build time, read back by later runs to tell a stale template from one a parallel checkout uses.
      await admin.query(`COMMENT ON DATABASE ${name} IS '${new Date().toISOString()}'`);
      const older = await admin.query<{ datname: string; built: string | null }>(
        `SELECT datname, shobj_description(oid, 'pg_database') AS built FROM pg_database
          WHERE datname LIKE 'harmonie_schema_%' AND datname <> $1`,
        [name],
      );
      // A template another run is copying right now refuses to go: it is left for the next time.
      for (const { datname, built } of older.rows) {
        if (built && isStale(Date.parse(built))) await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(keep);
      }
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(keep);
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: keep };
}

export async function createTemplateDatabase(
  fill: (ctx: TestContext) => Promise<void>,
  options: { clock?: TestClock; env?: Record<string, string> } = {},
): Promise<TemplateDatabase> {
  const { url, drop } = await createTestDatabase({ template: await migratedSchemaTemplate() });
  const ctx = await createTestApp({ ...options, database: { url, drop } });
  try {
    await fill(ctx);
  } finally {
    // Closed but kept: nobody may be connected to a database PostgreSQL copies, and SQLite checkpoints on close.
    await ctx.app.close();
    await ctx.database.destroy();
  }
  return { url, drop };
}

export type TestContext = App & { clock: TestClock; database: Database; config: Config; close: () => Promise<void> };

/**
 * A fresh app on a fresh database (or a copy of a template). With `mailbox`, e-mails leave through a real SMTP server
 * on loopback and the test reads what people receive (`ctx.mailbox`): the outbox's stored copies hide personal links.
 */
type TestAppOptions = {
  clock?: TestClock;
  env?: Record<string, string>;
  template?: TemplateDatabase;
  database?: TestDatabase;
};
export async function createTestApp(
  options: TestAppOptions & { mailbox: true },
): Promise<TestContext & { mailbox: Mailbox }>;
export async function createTestApp(options?: TestAppOptions & { mailbox?: false }): Promise<TestContext>;
export async function createTestApp(
  options: TestAppOptions & { mailbox?: boolean } = {},
): Promise<TestContext & { mailbox?: Mailbox }> {
  const { url, drop } =
    options.database ?? (await createTestDatabase({ template: options.template ?? (await migratedSchemaTemplate()) }));
  // Uploads of a test go to a throw-away directory: the orphan sweep must never see the working copy's ./data/files.
  const storageDir = options.env?.STORAGE_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-files-'));
  const mailbox = options.mailbox ? await startMailbox() : undefined;
  const smtp: Record<string, string> = mailbox ? { SMTP_URL: mailbox.url } : {};
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MINUTES: '0',
    PUBLIC_URL: 'http://localhost:3999',
    WEB_DIST: '/nonexistent',
    CHECK_RESPONSES: 'true',
    ...(storageDir ? { STORAGE_DIR: storageDir } : {}),
    ...smtp,
    ...options.env,
  });
  const database = openDatabase(url, { poolSize: 5 });
  // A copy of the migrated-schema template is already at the latest migration; Kysely's no-op check introspects
  // every table and cost a large share of each test's set-up.
  if (options.database || options.template) await migrateToLatest(database);
  const clock = options.clock ?? new TestClock();
  const built = await buildApp({ config, database, clock, logger: false });
  await built.app.ready();
  return {
    ...built,
    clock,
    database,
    config,
    mailbox,
    close: async () => {
      await built.app.close();
      await database.destroy();
      await mailbox?.close();
      await drop();
      if (storageDir) fs.rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

let cachedHash: string | null = null;
export const TEST_PASSWORD = 'correct horse battery';

/** A user with these roles (and optionally linked to a person), able to log in with TEST_PASSWORD. */
export async function makeUser(
  deps: Pick<Deps, 'db' | 'clock'>,
  roles: Role[],
  options: { email?: string; personId?: string | null; displayName?: string } = {},
) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const now = deps.clock.now().toISOString();
  const id = newId();
  const email = options.email ?? `${roles.join('-')}-${id.slice(0, 8)}@test.example.org`;
  await deps.db
    .insertInto('users')
    .values({
      id,
      email,
      password_hash: cachedHash,
      display_name: options.displayName ?? `${roles.join(' ')} user`,
      locale: 'fr',
      status: 'active',
      person_id: options.personId ?? null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await deps.db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: id, role })))
    .execute();
  if (options.personId)
    await deps.db.updateTable('people').set({ user_id: id }).where('id', '=', options.personId).execute();
  return { id, email };
}

/** `remoteAddress` is the client's own address (the TCP peer), 127.0.0.1 unless given. */
type InjectOptions = { headers?: Record<string, string>; query?: Record<string, string>; remoteAddress?: string };
export type Agent = {
  csrf: string;
  /** the Cookie header carrying the session */
  cookie: string;
  get: (url: string, options?: InjectOptions) => Promise<InjectResponse>;
  post: (url: string, body?: unknown, options?: InjectOptions) => Promise<InjectResponse>;
  patch: (url: string, body?: unknown, options?: InjectOptions) => Promise<InjectResponse>;
  put: (url: string, body?: unknown, options?: InjectOptions) => Promise<InjectResponse>;
  del: (url: string, options?: InjectOptions) => Promise<InjectResponse>;
};

/** Logs in through the real endpoint and returns a client that sends the session cookie and CSRF token. */
export async function loginAs(ctx: App, email: string, password = TEST_PASSWORD): Promise<Agent> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'harmonie_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const headers = (extra?: Record<string, string>) => ({
    cookie: `harmonie_session=${cookie.value}`,
    'x-csrf-token': csrf,
    ...extra,
  });
  return {
    csrf,
    cookie: `harmonie_session=${cookie.value}`,
    get: (url, o) => ctx.app.inject({ method: 'GET', url, headers: headers(o?.headers), query: o?.query }),
    post: (url, body, o) =>
      ctx.app.inject({ method: 'POST', url, payload: body as object, headers: headers(o?.headers) }),
    patch: (url, body, o) =>
      ctx.app.inject({ method: 'PATCH', url, payload: body as object, headers: headers(o?.headers) }),
    put: (url, body, o) =>
      ctx.app.inject({ method: 'PUT', url, payload: body as object, headers: headers(o?.headers) }),
    del: (url, o) => ctx.app.inject({ method: 'DELETE', url, headers: headers(o?.headers) }),
  };
}

/** How many answers had each status code, e.g. { 401: 2, 429: 198 }. */
export function statusTally(responses: { statusCode: number }[]): Record<number, number> {
  const tally: Record<number, number> = {};
  for (const { statusCode } of responses) tally[statusCode] = (tally[statusCode] ?? 0) + 1;
  return tally;
}

/** Anonymous requests (public forms, signed links). */
export function anonymous(ctx: App): Omit<Agent, 'csrf' | 'cookie'> {
  const from = (o?: InjectOptions) => ({ headers: o?.headers, remoteAddress: o?.remoteAddress });
  return {
    get: (url, o) => ctx.app.inject({ method: 'GET', url, query: o?.query, ...from(o) }),
    post: (url, body, o) => ctx.app.inject({ method: 'POST', url, payload: body as object, ...from(o) }),
    patch: (url, body, o) => ctx.app.inject({ method: 'PATCH', url, payload: body as object, ...from(o) }),
    put: (url, body, o) => ctx.app.inject({ method: 'PUT', url, payload: body as object, ...from(o) }),
    del: (url, o) => ctx.app.inject({ method: 'DELETE', url, ...from(o) }),
  };
}
