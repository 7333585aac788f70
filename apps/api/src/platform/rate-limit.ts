import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Transaction } from 'kysely';
import type { DB } from '../db/tables.js';
import type { Deps } from './deps.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { Sweep } from './jobs.js';
import { deleteRateRecordsBefore, insertRateEvent, lockBucket, rateEventsSince } from './rate-limit.repository.js';

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
  for (const bucket of buckets) await lockBucket(tx, bucket);
}

/**
 * The client a per-address limit counts: an IPv4 address as it is, an IPv6 one by its /64 network, because one
 * subscriber or server is usually given a whole /64 and could otherwise take a fresh address for every request.
 */
export function addressForLimits(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return mapped;
  const address = ip.split('%')[0] ?? ip;
  if (!net.isIPv6(address)) return ip;
  // An embedded IPv4 tail stands for two groups; only the first four groups matter here.
  const [head = '', tail] = address.replace(/\d+\.\d+\.\d+\.\d+$/, '0:0').split('::');
  const groups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - groups.length - tailGroups.length).fill('0');
  const full = tail === undefined ? groups : [...groups, ...zeros, ...tailGroups];
  return `${full
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
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
export async function consumeRateLimit(
  deps: Pick<Deps, 'db' | 'clock'>,
  key: string,
  limit: number,
  windowSeconds: number,
  code = 'RATE_LIMITED',
): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await lockRateKeys(tx, [key]);
    const row = await rateEventsSince(tx, key, since);
    if (Number(row.n) >= limit) {
      const oldestLeaves = Date.parse(String(row.oldest)) + windowSeconds * 1000;
      throw new DomainError(code, { retryAfterSeconds: secondsUntil(oldestLeaves, now) });
    }
    await insertRateEvent(tx, newId(), key, now.toISOString());
  });
}

/** Rows older than this count for no limit (the longest window a setting allows is a day); kept a day more. */
const KEEP_MS = 2 * 86_400_000;

/** Forgets attempts no window can reach any more, so that a flood of them does not stay in the database. */
export async function pruneRateRecords(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<Record<string, number>> {
  const keepMs = Math.max(KEEP_MS, deps.config.loginWindowMinutes * 60_000);
  const before = new Date(deps.clock.now().getTime() - keepMs).toISOString();
  return deleteRateRecordsBefore(deps.db, before);
}

/** The platform's own sweep, listed by the app's assembly beside the modules' sweeps. */
export const RATE_LIMIT_SWEEP: Sweep = { name: 'rate-limits.prune', run: pruneRateRecords };
