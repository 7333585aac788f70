import SQLite from 'better-sqlite3';
import pg from 'pg';
import { engineOf, type Engine } from '../db/dialect.js';

export type Cell = string | number | null;
export type SavedIndex = { table: string; name: string; sql: string };

/**
 * Bulk loading straight through the drivers: Kysely compiles every statement, which costs more than the insert
 * itself at a million rows. Multi-row statements inside large transactions; SQLite binds at most 32,766
 * parameters per statement, PostgreSQL receives one `unnest` of column arrays per chunk (no per-row parsing).
 */
export interface BulkWriter {
  readonly engine: Engine;
  insert(table: string, columns: readonly string[], rows: Cell[][]): Promise<void>;
  exec(sqlText: string): Promise<void>;
  all<T>(sqlText: string, params?: Cell[]): Promise<T[]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** Secondary, non-unique indexes of these tables: dropped before a load into empty tables, rebuilt after. */
  secondaryIndexes(tables: readonly string[]): Promise<SavedIndex[]>;
  close(): Promise<void>;
}

const SQLITE_MAX_PARAMS = 32_000;

class SqliteWriter implements BulkWriter {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, SQLite.Statement>();
  constructor(private readonly db: SQLite.Database) {
    // A load is all-or-nothing and can be rerun: durability per commit buys nothing here.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    // CREATE INDEX may sort with a helper thread.
    db.pragma('threads = 2');
    // Rows are generated in dependency order; checking each foreign key would double the cost of the load.
    db.pragma('foreign_keys = OFF');
  }
  private statement(table: string, columns: readonly string[], count: number): SQLite.Statement {
    const key = `${table}|${columns.join(',')}|${count}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      statement = this.db.prepare(
        `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: count }, () => tuple).join(',')}`,
      );
      this.statements.set(key, statement);
    }
    return statement;
  }
  insert(table: string, columns: readonly string[], rows: Cell[][]): Promise<void> {
    const per = Math.max(1, Math.min(500, Math.floor(SQLITE_MAX_PARAMS / columns.length)));
    for (let start = 0; start < rows.length; start += per) {
      const chunk = rows.slice(start, start + per);
      this.statement(table, columns, chunk.length).run(chunk.flat());
    }
    return Promise.resolve();
  }
  exec(sqlText: string): Promise<void> {
    this.db.exec(sqlText);
    return Promise.resolve();
  }
  all<T>(sqlText: string, params: Cell[] = []): Promise<T[]> {
    const statement = this.db.prepare(sqlText);
    if (!statement.reader) {
      statement.run(...params);
      return Promise.resolve([]);
    }
    return Promise.resolve(statement.all(...params) as T[]);
  }
  begin(): Promise<void> {
    return this.exec('BEGIN');
  }
  commit(): Promise<void> {
    return this.exec('COMMIT');
  }
  secondaryIndexes(tables: readonly string[]): Promise<SavedIndex[]> {
    const rows = this.db
      .prepare(
        `SELECT tbl_name AS "table", name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`,
      )
      .all(...tables) as SavedIndex[];
    return Promise.resolve(rows.filter((r) => !/^\s*CREATE\s+UNIQUE/i.test(r.sql)));
  }
  close(): Promise<void> {
    this.db.pragma('optimize');
    this.db.close();
    return Promise.resolve();
  }
}

const PG_ARRAY_TYPE: Record<string, string> = {
  text: 'text[]',
  integer: 'int4[]',
  bigint: 'int8[]',
  real: 'float4[]',
  'double precision': 'float8[]',
  boolean: 'bool[]',
  smallint: 'int2[]',
};

class PostgresWriter implements BulkWriter {
  readonly engine = 'postgres' as const;
  private readonly types = new Map<string, Map<string, string>>();
  constructor(private readonly client: pg.Client) {}
  private async columnTypes(table: string): Promise<Map<string, string>> {
    let types = this.types.get(table);
    if (!types) {
      const { rows } = await this.client.query<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      );
      types = new Map(rows.map((r) => [r.column_name, PG_ARRAY_TYPE[r.data_type] ?? 'text[]']));
      this.types.set(table, types);
    }
    return types;
  }
  async insert(table: string, columns: readonly string[], rows: Cell[][]): Promise<void> {
    const types = await this.columnTypes(table);
    const casts = columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text[]'}`);
    const text = `INSERT INTO ${table} (${columns.join(',')}) SELECT * FROM unnest(${casts.join(',')})`;
    for (let start = 0; start < rows.length; start += 5000) {
      const chunk = rows.slice(start, start + 5000);
      await this.client.query(
        text,
        columns.map((_, i) => chunk.map((row) => row[i] ?? null)),
      );
    }
  }
  async exec(sqlText: string): Promise<void> {
    await this.client.query(sqlText);
  }
  async all<T>(sqlText: string, params: Cell[] = []): Promise<T[]> {
    const pgText = sqlText.replace(
      /\?/g,
      (() => {
        let n = 0;
        return () => `$${(n += 1)}`;
      })(),
    );
    return (await this.client.query(pgText, params)).rows as T[];
  }
  begin(): Promise<void> {
    return this.exec('BEGIN');
  }
  commit(): Promise<void> {
    return this.exec('COMMIT');
  }
  async secondaryIndexes(tables: readonly string[]): Promise<SavedIndex[]> {
    // Indexes that back a primary key or unique constraint stay: they are the table's identity.
    const { rows } = await this.client.query<SavedIndex>(
      `SELECT t.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS sql
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY($1) AND NOT x.indisunique AND NOT x.indisprimary
          AND t.relnamespace = current_schema()::regnamespace`,
      [tables],
    );
    return rows;
  }
  async close(): Promise<void> {
    await this.client.end();
  }
}

export async function openBulkWriter(databaseUrl: string): Promise<BulkWriter> {
  if (engineOf(databaseUrl) === 'sqlite') return new SqliteWriter(new SQLite(databaseUrl.slice('sqlite:'.length)));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // The generator writes parents before children; skipping the per-row foreign-key triggers keeps the load
  // linear. Needs a superuser, which a load into a fresh database normally has; without it we check as we go.
  await client.query('SET session_replication_role = replica').catch(() => undefined);
  await client.query(`SET maintenance_work_mem = '256MB'`).catch(() => undefined);
  await client.query('SET synchronous_commit = off');
  return new PostgresWriter(client);
}
