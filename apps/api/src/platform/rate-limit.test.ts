import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/harness.js';
import { DomainError } from './errors.js';
import { registeredSweeps } from './jobs.js';
import { addressForLimits, consumeRateLimit, pruneRateRecords } from './rate-limit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('the per-address limit of public forms and password resets', () => {
  it('lets exactly the limit through when 100 requests arrive at once, and says when to come back', async () => {
    const requests = Array.from({ length: 100 }, () => consumeRateLimit(ctx.deps, 'test:parallel', 5, 600));
    const results = await Promise.allSettled(requests);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(refusals).toHaveLength(95);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 600 });
    }
  });

  it('lets a request through again once the oldest one has left the window', async () => {
    const seconds = (n: number) => ctx.clock.set(new Date(ctx.clock.now().getTime() + n * 1000));
    await consumeRateLimit(ctx.deps, 'test:window', 2, 60);
    seconds(30);
    await consumeRateLimit(ctx.deps, 'test:window', 2, 60);
    seconds(15);
    const refused = consumeRateLimit(ctx.deps, 'test:window', 2, 60);
    await expect(refused).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 15 });
    seconds(15);
    await expect(consumeRateLimit(ctx.deps, 'test:window', 2, 60)).resolves.toBeUndefined();
    await expect(consumeRateLimit(ctx.deps, 'test:window', 2, 60)).rejects.toMatchObject({ retryAfterSeconds: 30 });
  });
});

describe('pruning old attempts', () => {
  it('forgets attempts no window reaches any more, keeps the rest, and runs with the sweeps', async () => {
    const at = (daysAgo: number) => new Date(ctx.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
    await ctx.deps.db
      .insertInto('rate_events')
      .values([
        { id: 'old-event', key: 'test:prune', at: at(3), succeeded: 1 },
        { id: 'new-event', key: 'test:prune', at: at(1), succeeded: 1 },
      ])
      .execute();
    await ctx.deps.db
      .insertInto('login_attempts')
      .values([
        {
          id: 'old-login',
          email: 'prune@example.org',
          address: '192.0.2.1',
          at: at(3),
          outcome: 'failed',
          retry_at: '',
        },
        {
          id: 'new-login',
          email: 'prune@example.org',
          address: '192.0.2.1',
          at: at(1),
          outcome: 'failed',
          retry_at: '',
        },
      ])
      .execute();
    expect(await pruneRateRecords(ctx.deps)).toMatchObject({ rateEvents: 1, loginAttempts: 1 });
    const { db } = ctx.deps;
    const events = await db.selectFrom('rate_events').select('id').where('key', '=', 'test:prune').execute();
    const logins = await db.selectFrom('login_attempts').select('id').where('address', '=', '192.0.2.1').execute();
    expect([events.map((r) => r.id), logins.map((r) => r.id)]).toEqual([['new-event'], ['new-login']]);
    expect(registeredSweeps().map((s) => s.name)).toContain('rate-limits.prune');
  });
});

describe('the address a limit counts', () => {
  it('is the IPv4 address itself, and the /64 network of an IPv6 address', () => {
    expect(addressForLimits('203.0.113.7')).toBe('203.0.113.7');
    expect(addressForLimits('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressForLimits('2001:db8:85a3:12::1')).toBe('2001:db8:85a3:12::/64');
    expect(addressForLimits('2001:0db8:85a3:0012:ffff:ffff:ffff:fffe')).toBe('2001:db8:85a3:12::/64');
    expect(addressForLimits('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressForLimits('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressForLimits('::1')).toBe('0:0:0:0::/64');
    expect(addressForLimits('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });
});
