import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createHash } from 'node:crypto';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type LogEvent,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
  type SqliteStatement,
  type Transaction,
} from 'kysely';
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

/**
 * Kysely prepares every query anew; on SQLite preparing costs as much as running a short indexed read. The same
 * query shapes come back on every request, so prepared statements are kept by SQL text (a bounded LRU; long
 * one-off texts such as multi-row inserts are not kept). Streaming gets a statement of its own, because a
 * statement being iterated cannot run again until the iteration ends.
 */
const STATEMENT_CACHE_SIZE = 400;
const CACHEABLE_SQL_LENGTH = 4_000;
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText) {
      const hit = cache.get(sqlText);
      if (hit) {
        // Re-inserted so that the Map's order is least recently used first.
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const statement = sqlite.prepare(sqlText);
      if (sqlText.length > CACHEABLE_SQL_LENGTH) return statement;
      const cached: SqliteStatement = {
        reader: statement.reader,
        all: (parameters) => statement.all(parameters),
        run: (parameters) => statement.run(parameters),
        iterate: (parameters) => sqlite.prepare(sqlText).iterate(parameters),
      };
      cache.set(sqlText, cached);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return cached;
    },
  };
}

/**
 * The PostgreSQL counterpart of the statement cache: Kysely sends unnamed statements, which the server parses and
 * plans on every call (measured: 4.9 ms against 2.1 ms for matching's candidates statement). Reads and writes are
 * sent as named statements, named by their text, so each connection plans a shape once. DDL stays unnamed, and a
 * connection keeps at most PREPARED_PER_CONNECTION names so that one-off texts cannot grow the server's memory.
 */
const PREPARED_PER_CONNECTION = 500;
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `h${createHash('sha1').update(text).digest('base64url')}`;
    if (statementNames.size > 5_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
  return {
    async connect() {
      const client = await pool.connect();
      const prepared = preparedOn.get(client) ?? new Set<string>();
      preparedOn.set(client, prepared);
      const query = (textOrCursor: unknown, values?: unknown[]) => {
        if (
          typeof textOrCursor === 'string' &&
          textOrCursor.length < CACHEABLE_SQL_LENGTH &&
          NAMEABLE.test(textOrCursor)
        ) {
          const name = statementName(textOrCursor);
          if (prepared.has(name) || prepared.size < PREPARED_PER_CONNECTION) {
            prepared.add(name);
            return client.query({ name, text: textOrCursor, values });
          }
        }
        return client.query(textOrCursor as string, values);
      };
      return {
        query,
        release: (error?: unknown) => client.release(error as Error | undefined),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * `onQuery` sees every statement Kysely runs, with its time (the benchmarks replay them raw to measure an endpoint's
 * floor, and sum the time per statement to profile a service).
 */
export function openDatabase(
  databaseUrl: string,
  options: {
    poolSize?: number;
    onQuery?: (sqlText: string, parameters: readonly unknown[], milliseconds: number) => void;
  } = {},
): Database {
  const onQuery = options.onQuery;
  const log = onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') onQuery(event.query.sql, event.query.parameters, event.queryDurationMillis);
      }
    : undefined;
  const engine = engineOf(databaseUrl);
  if (engine === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      ...(log ? { log } : {}),
    });
    return { db, engine, destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle client whose server connection drops (restart, failover) must not crash the process.
  pool.on('error', (error) => console.error('PostgreSQL idle client error:', error.message));
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: withNamedStatements(pool) }),
    ...(log ? { log } : {}),
  });
  return { db, engine, destroy: () => db.destroy() };
}
