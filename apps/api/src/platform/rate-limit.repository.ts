import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables.js';

/** Upserts a lock bucket's row: a row lock until commit on PostgreSQL, the write lock on SQLite. */
export async function lockBucket(tx: Transaction<DB>, bucket: number): Promise<void> {
  await tx
    .insertInto('rate_locks')
    .values({ bucket })
    .onConflict((oc) => oc.column('bucket').doUpdateSet((eb) => ({ bucket: eb.ref('excluded.bucket') })))
    .execute();
}

/** How many events a key counts since an instant, and the oldest of them. */
export function rateEventsSince(tx: Transaction<DB>, key: string, since: string) {
  return tx
    .selectFrom('rate_events')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
}

export async function insertRateEvent(tx: Transaction<DB>, id: string, key: string, at: string): Promise<void> {
  await tx.insertInto('rate_events').values({ id, key, at, succeeded: 1 }).execute();
}

/** Forgets rate events and login attempts older than `before`; returns how many of each went. */
export async function deleteRateRecordsBefore(
  db: Kysely<DB>,
  before: string,
): Promise<{ rateEvents: number; loginAttempts: number }> {
  const events = await db.deleteFrom('rate_events').where('at', '<', before).executeTakeFirst();
  const logins = await db.deleteFrom('login_attempts').where('at', '<', before).executeTakeFirst();
  return { rateEvents: Number(events.numDeletedRows), loginAttempts: Number(logins.numDeletedRows) };
}
