import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addressForLimits, lockRateKeys, secondsUntil } from '../../platform/rate-limit.js';
import * as repo from './login-limits.repository.js';

export type LoginAttempt = { id: string; email: string; address: string };

/**
 * Who may have a password checked, decided and recorded in one transaction (under the locks of the account and the
 * address), so that parallel attempts cannot all pass the check before any is recorded:
 * - an address is refused an account after LOGIN_MAX_FAILURES failures on it within the window, and refused
 *   everything after LOGIN_MAX_FAILURES_PER_ADDRESS failures (hard limits, 429 TOO_MANY_ATTEMPTS);
 * - the account itself only slows down: an address that failed on it waits before its next try, longer as the
 *   account collects failures from anywhere (429 LOGIN_DELAYED). An address that has not failed on the account is
 *   never slowed down, so an attacker elsewhere can never keep the real user out.
 * Every wait is an instant stored with the attempt and answered with Retry-After: nothing sleeps, nothing is kept
 * in process memory.
 */
export function createLoginLimits({ db, clock, config }: Pick<Deps, 'db' | 'clock' | 'config'>) {
  const windowMs = config.loginWindowMinutes * 60_000;

  /** The wait after the account's n-th failure in the window: none after the first, then doubling. */
  function delayMs(accountFailures: number): number {
    if (accountFailures < 2) return 0;
    return Math.min(config.loginDelaySeconds * 2 ** (accountFailures - 2), config.loginMaxDelaySeconds) * 1000;
  }

  return {
    /** Records an attempt about to check a password, or refuses it; the attempt counts as failed until told. */
    async reserve(email: string, address: string): Promise<LoginAttempt> {
      const attempt = { id: newId(), email: email.toLowerCase(), address: addressForLimits(address) };
      const now = clock.now();
      const since = new Date(now.getTime() - windowMs).toISOString();
      await db.transaction().execute(async (tx) => {
        await lockRateKeys(tx, [`login:account:${attempt.email}`, `login:address:${attempt.address}`]);
        const seen = await repo.attemptCounts(tx, attempt.email, attempt.address, since);
        const delayed = seen.pairRetryAt && seen.pairRetryAt > now.toISOString();
        const waitForDelay = delayed ? secondsUntil(Date.parse(seen.pairRetryAt ?? ''), now) : 0;
        // refused until its oldest counted failure leaves the window (and any wait asked has passed)
        const refused = (oldest: string | null) => {
          const windowLeft = secondsUntil(Date.parse(oldest ?? now.toISOString()) + windowMs, now);
          return new DomainError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: Math.max(windowLeft, waitForDelay) });
        };
        if (seen.pairFailures >= config.loginMaxFailures) throw refused(seen.pairOldest);
        if (seen.addressFailures >= config.loginMaxFailuresPerAddress) throw refused(seen.addressOldest);
        if (waitForDelay > 0) throw new DomainError('LOGIN_DELAYED', { retryAfterSeconds: waitForDelay });
        const retryAt = new Date(now.getTime() + delayMs(seen.accountFailures + 1)).toISOString();
        await repo.insertAttempt(tx, { ...attempt, at: now.toISOString(), outcome: 'pending', retry_at: retryAt });
      });
      return attempt;
    },

    async failed(attempt: LoginAttempt): Promise<void> {
      await repo.markFailed(db, attempt.id);
    },

    /** In the transaction that opens the session. */
    async succeeded(tx: Tx, attempt: LoginAttempt): Promise<void> {
      await repo.markSucceeded(tx, attempt);
    },
  };
}
