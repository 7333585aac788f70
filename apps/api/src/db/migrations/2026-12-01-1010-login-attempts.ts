import type { Kysely } from 'kysely';

/**
 * Login limits count per (account, address), per address and per account, so each attempt is one row that knows
 * both (login_attempts) instead of one rate_events row per key. `rate_locks` holds a fixed set of buckets: checking
 * a limit and recording the attempt happen in one transaction that first locks the buckets of its keys, which
 * serialises attempts on the same keys on both engines (a row lock on PostgreSQL, the write lock on SQLite).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // pending (password being checked), failed, cleared (failed, then the same address logged in), succeeded
    .addColumn('outcome', 'text', (c) => c.notNull())
    // the earliest instant this address may try this account again
    .addColumn('retry_at', 'text', (c) => c.notNull())
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('login_attempts').columns(columns).execute();
  await index('login_attempts_email_at_idx', ['email', 'at']);
  await index('login_attempts_email_address_at_idx', ['email', 'address', 'at']);
  await index('login_attempts_address_at_idx', ['address', 'at']);
  await db.schema
    .createTable('rate_locks')
    .addColumn('bucket', 'integer', (c) => c.primaryKey())
    .execute();
  // login attempts were counted in rate_events until now
  await db.deleteFrom('rate_events').where('key', 'like', 'login:%').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_locks').execute();
  await db.schema.dropTable('login_attempts').execute();
}
