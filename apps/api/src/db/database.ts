import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './tables.js';
import { engineOf, type Engine } from './dialect.js';

export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  destroy: () => Promise<void>;
};
export type Tx = Transaction<DB> | Kysely<DB>;

// Counts and sums come back as strings from pg; our integers fit in JS numbers.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): Database {
  const engine = engineOf(databaseUrl);
  if (engine === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, engine, destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle client whose server connection drops (restart, failover) must not crash the process.
  pool.on('error', (error) => console.error('PostgreSQL idle client error:', error.message));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine, destroy: () => db.destroy() };
}
