import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';

/** Takes the lease row `name` until `until` if it expired by `now` or is already the holder's; true when taken. */
export async function takeExpiredLease(
  db: Kysely<DB>,
  name: string,
  now: string,
  until: string,
  holder: string,
): Promise<boolean> {
  const taken = await db
    .updateTable('job_locks')
    .set({ locked_until: until, locked_by: holder })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('locked_until', '<=', now), eb('locked_by', '=', holder)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Creates the lease row (throws when another instance created it first). */
export async function insertLease(db: Kysely<DB>, name: string, until: string, holder: string): Promise<void> {
  await db.insertInto('job_locks').values({ name, locked_until: until, locked_by: holder }).execute();
}

/** Ends the holder's lease. */
export async function expireLease(db: Kysely<DB>, name: string, holder: string): Promise<void> {
  await db
    .updateTable('job_locks')
    .set({ locked_until: '1970-01-01T00:00:00.000Z' })
    .where('name', '=', name)
    .where('locked_by', '=', holder)
    .execute();
}
