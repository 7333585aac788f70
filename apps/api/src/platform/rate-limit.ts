import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/tables.js';
import type { Deps } from './deps.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';

/** Fixed, so the lock table never grows; two keys sharing a bucket only wait for each other a moment. */
const LOCK_BUCKETS = 4096;

function bucketOf(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % LOCK_BUCKETS;
}

/**
 * Serialises the transactions that check and record a limit on the same keys, so that the check and the record
 * are one step for every instance: an upsert of each key's bucket row holds a row lock until commit on PostgreSQL
 * and takes SQLite's write lock. Buckets are taken in ascending order, so two transactions never wait on each other.
 */
export async function lockRateKeys(tx: Transaction<DB>, keys: string[]): Promise<void> {
  const buckets = [...new Set(keys.map(bucketOf))].sort((a, b) => a - b);
  for (const bucket of buckets) {
    await tx
      .insertInto('rate_locks')
      .values({ bucket })
      .onConflict((oc) => oc.column('bucket').doUpdateSet((eb) => ({ bucket: eb.ref('excluded.bucket') })))
      .execute();
  }
}

/** Whole seconds until an instant (at least 1), for Retry-After. */
export function secondsUntil(instant: number, now: Date): number {
  return Math.max(1, Math.ceil((instant - now.getTime()) / 1000));
}

/**
 * A sliding-window limiter kept in the database, so that several app instances share the count (public forms and
 * password reset: per address). The count and the record are one transaction under the key's lock, so parallel
 * requests cannot all pass the check before any is recorded. Login has its own rules (modules/auth/login-limits).
 */
export async function consumeRateLimit(deps: Pick<Deps, 'db' | 'clock'>, key: string, limit: number, windowSeconds: number, code = 'RATE_LIMITED'): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await lockRateKeys(tx, [key]);
    const row = await tx
      .selectFrom('rate_events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= limit) {
      throw new DomainError(code, { retryAfterSeconds: secondsUntil(Date.parse(String(row.oldest)) + windowSeconds * 1000, now) });
    }
    await tx.insertInto('rate_events').values({ id: newId(), key, at: now.toISOString(), succeeded: 1 }).execute();
  });
}
