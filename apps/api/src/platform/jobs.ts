import { hostname } from 'node:os';
import type { Deps } from './deps.js';
import { newId } from './ids.js';

/**
 * Periodic sweeps (reminders, alerts, holds). Each sweep must itself be idempotent (a unique key per action and
 * occurrence); the lease below only avoids two instances doing the same work at the same moment.
 */
export type Sweep = { name: string; run: (deps: Deps) => Promise<Record<string, number> | void> };

const sweeps: Sweep[] = [];
const instanceId = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;

export function registerSweep(sweep: Sweep): void {
  if (!sweeps.some((s) => s.name === sweep.name)) sweeps.push(sweep);
}

export function registeredSweeps(): readonly Sweep[] {
  return sweeps;
}

/** Takes a lease named `name` until `seconds` from now, unless another instance holds an unexpired one. */
export async function acquireLease(deps: Pick<Deps, 'db' | 'clock'>, name: string, seconds: number, holder = instanceId): Promise<boolean> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + seconds * 1000).toISOString();
  const taken = await deps.db
    .updateTable('job_locks')
    .set({ locked_until: until, locked_by: holder })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('locked_until', '<=', now.toISOString()), eb('locked_by', '=', holder)]))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 1) return true;
  try {
    await deps.db.insertInto('job_locks').values({ name, locked_until: until, locked_by: holder }).execute();
    return true;
  } catch {
    return false; // another instance inserted it first
  }
}

export async function releaseLease(deps: Pick<Deps, 'db'>, name: string, holder = instanceId): Promise<void> {
  await deps.db.updateTable('job_locks').set({ locked_until: '1970-01-01T00:00:00.000Z' }).where('name', '=', name).where('locked_by', '=', holder).execute();
}

/** Runs every registered sweep once (on demand, or from the timer below). */
export async function runSweeps(deps: Deps, log?: (msg: string, data?: unknown) => void): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const sweep of sweeps) {
    try {
      results[sweep.name] = (await sweep.run(deps)) ?? {};
    } catch (error) {
      results[sweep.name] = { error: String(error) };
      log?.(`sweep ${sweep.name} failed`, error);
    }
  }
  await deps.mailer.flush();
  return results;
}

export function startSweepTimer(deps: Deps, minutes: number, log: (msg: string, data?: unknown) => void): () => void {
  if (minutes <= 0) return () => undefined;
  const timer = setInterval(() => {
    void runSweeps(deps, log).catch((error: unknown) => log('sweeps failed', error));
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
