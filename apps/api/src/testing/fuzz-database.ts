import { sql } from 'kysely';
import { settingDefaults } from '../platform/settings.js';
import type { Pool } from './fuzz.js';
import type { TestContext } from './harness.js';

/** The database side of the fuzz test: the tables, what requests aim at, and a cheap fingerprint of every write. */
export async function tablesOf(ctx: TestContext): Promise<string[]> {
  const query =
    ctx.deps.engine === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%fts%' order by name`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`;
  return (await query.execute(ctx.deps.db)).rows.map((r) => r.name);
}

async function columnsOf(ctx: TestContext, table: string): Promise<string[]> {
  const rows =
    ctx.deps.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(ctx.deps.db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = 'public' and table_name = ${table}`.execute(ctx.deps.db);
  return rows.rows.map((r) => r.name);
}

/**
 * One statement reading, for every table but `ignored`, its row count and the sum of its versions: an insert, a
 * delete or an update (every editable row carries a version) moves one of them.
 */
export async function writeFingerprint(ctx: TestContext, tables: string[], ignored: Set<string>) {
  const parts = [];
  for (const table of tables.filter((t) => !ignored.has(t))) {
    parts.push(sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(`${table}__rows`)}`);
    if (!(await columnsOf(ctx, table)).includes('version')) continue;
    parts.push(sql`(select coalesce(sum(version), 0) from ${sql.table(table)}) as ${sql.ref(`${table}__versions`)}`);
  }
  const query = sql<Record<string, unknown>>`select ${sql.join(parts)}`;
  return async (): Promise<Record<string, string>> => {
    const row = (await query.execute(ctx.deps.db)).rows[0] ?? {};
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
  };
}

/** Links in e-mails carry their token after one of these. */
const TOKEN_IN_LINK = /(?:token=|\/l\/|meeting-answer\/|\/invitation\/|\/reset\/)([A-Za-z0-9_-]{20,})/g;

/** Ids of every table, link tokens from the stored e-mails, e-mails and phone numbers: what the requests aim at. */
export async function poolOf(ctx: TestContext, tables: string[]): Promise<Pool> {
  const { db } = ctx.deps;
  const idsByTable: Record<string, string[]> = {};
  for (const table of tables) {
    const column = (await columnsOf(ctx, table)).find((c) => c === 'id' || c === 'person_id');
    if (!column) continue;
    const rows = await sql<{
      v: string;
    }>`select ${sql.ref(column)} as v from ${sql.table(table)} order by 1 limit 40`.execute(db);
    idsByTable[table] = rows.rows.map((r) => String(r.v));
  }
  const tokens = new Set<string>();
  for (const mail of await db.selectFrom('outbox').select('text_body').execute()) {
    for (const m of mail.text_body.matchAll(TOKEN_IN_LINK)) if (m[1]) tokens.add(m[1]);
  }
  const people = await db.selectFrom('people').select(['email', 'phone']).orderBy('id').limit(60).execute();
  const users = await db.selectFrom('users').select('email').orderBy('email').execute();
  const entityTypes = await db
    .selectFrom('audit_log')
    .select('entity_type')
    .distinct()
    .orderBy('entity_type')
    .execute();
  return {
    ids: [...new Set(Object.values(idsByTable).flat())].sort(),
    idsByTable,
    tokens: [...tokens].sort(),
    emails: [...users.map((u) => u.email), ...people.flatMap((p) => (p.email ? [p.email] : []))],
    phones: people.flatMap((p) => (p.phone ? [p.phone] : [])),
    entityTypes: [...entityTypes.map((e) => e.entity_type), 'invoice', 'sepa-mandate', 'nothing'],
    settings: settingDefaults(),
  };
}
