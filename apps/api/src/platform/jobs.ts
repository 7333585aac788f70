import { hostname } from 'node:os';
import type { Deps } from './deps.js';
import { newId } from './ids.js';
import { expireLease, insertLease, takeExpiredLease } from './jobs.repository.js';

/**
 * Periodic sweeps (reminders, alerts, holds). Each sweep must itself be idempotent (a unique key per action and
 * occurrence); the lease below only avoids two instances doing the same work at the same moment.
 */
export type Sweep = { name: string; run: (deps: Deps) => Promise<Record<string, number> | void> };

const sweeps: Sweep[] = [];
const instanceId = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;

/**
 * Adds a sweep (once per name); the returned function removes it again. The app's assembly adds the platform's
 * and the manifests' sweeps (`registerSweeps`); tests add their own with this.
 */
export function registerSweep(sweep: Sweep): () => void {
  if (!sweeps.some((s) => s.name === sweep.name)) sweeps.push(sweep);
  return () => {
    const at = sweeps.indexOf(sweep);
    if (at >= 0) sweeps.splice(at, 1);
  };
}

/** The assembly's sweeps, in the order of the manifests (idempotent: several apps may be built). */
export function registerSweeps(list: readonly Sweep[]): void {
  for (const sweep of list) registerSweep(sweep);
}

export function registeredSweeps(): readonly Sweep[] {
  return sweeps;
}

/** Takes a lease named `name` until `seconds` from now, unless another instance holds an unexpired one. */
export async function acquireLease(
  deps: Pick<Deps, 'db' | 'clock'>,
  name: string,
  seconds: number,
  holder = instanceId,
): Promise<boolean> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + seconds * 1000).toISOString();
  if (await takeExpiredLease(deps.db, name, now.toISOString(), until, holder)) return true;
  try {
    await insertLease(deps.db, name, until, holder);
    return true;
  } catch {
    return false; // another instance inserted it first
  }
}

export async function releaseLease(deps: Pick<Deps, 'db'>, name: string, holder = instanceId): Promise<void> {
  await expireLease(deps.db, name, holder);
}

/** What `startSweepTimer` logs to: the app's pino logger in production (`app.log`). */
export type SweepLogger = { error: (data: { err: unknown; sweep?: string }, message: string) => void };

/**
 * Runs every registered sweep once (on demand, or from the timer below). A sweep that fails does not stop the
 * others; once all have run (and their mail is flushed), the failures are thrown together as one AggregateError,
 * so that no caller (a test, the on-demand endpoint, the timer) can take a failed sweep for a successful one.
 */
export async function runSweeps(deps: Deps): Promise<Record<string, Record<string, number>>> {
  const results: Record<string, Record<string, number>> = {};
  const failures: SweepFailure[] = [];
  for (const sweep of sweeps) {
    try {
      results[sweep.name] = (await sweep.run(deps)) ?? {};
    } catch (error) {
      failures.push(new SweepFailure(sweep.name, error));
    }
  }
  await deps.mailer.flush();
  if (failures.length) {
    throw new AggregateError(
      failures,
      `${failures.length} sweep(s) failed: ${failures.map((f) => f.sweep).join(', ')}`,
    );
  }
  return results;
}

/** One sweep's error, named after the sweep (the original error is its cause). */
export class SweepFailure extends Error {
  constructor(
    readonly sweep: string,
    cause: unknown,
  ) {
    super(`sweep ${sweep} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Every sweep every `minutes`; each failure is logged at error level and the next round runs as usual. */
export function startSweepTimer(deps: Deps, minutes: number, log: SweepLogger): () => void {
  if (minutes <= 0) return () => undefined;
  const timer = setInterval(() => {
    void runSweeps(deps).catch((error: unknown) => {
      const failures = error instanceof AggregateError ? (error.errors as unknown[]) : [error];
      for (const failure of failures) {
        if (failure instanceof SweepFailure) log.error({ err: failure.cause, sweep: failure.sweep }, failure.message);
        else log.error({ err: failure }, 'sweeps failed');
      }
    });
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
