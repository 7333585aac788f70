import type { Deps } from './deps.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';

/**
 * A fixed-window limiter kept in the database, so that several app instances share the count
 * (public forms: per IP). Login attempts use the same table with their own rule (auth.service).
 */
export async function consumeRateLimit(deps: Pick<Deps, 'db' | 'clock'>, key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const row = await deps.db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= limit) throw new DomainError('RATE_LIMITED');
  await deps.db.insertInto('rate_events').values({ id: newId(), key, at: now.toISOString(), succeeded: 1 }).execute();
}
