import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/harness.js';
import { DomainError } from './errors.js';
import { consumeRateLimit } from './rate-limit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('the per-address limit of public forms and password resets', () => {
  it('lets exactly the limit through when 100 requests arrive at once, and says when to come back', async () => {
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => consumeRateLimit(ctx.deps, 'test:parallel', 5, 600)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(refusals).toHaveLength(95);
    expect(refusals.every((e) => e instanceof DomainError && e.code === 'RATE_LIMITED' && e.retryAfterSeconds === 600)).toBe(true);
  });

  it('lets a request through again once the oldest one has left the window', async () => {
    const seconds = (n: number) => ctx.clock.set(new Date(ctx.clock.now().getTime() + n * 1000));
    await consumeRateLimit(ctx.deps, 'test:window', 2, 60);
    seconds(30);
    await consumeRateLimit(ctx.deps, 'test:window', 2, 60);
    seconds(15);
    await expect(consumeRateLimit(ctx.deps, 'test:window', 2, 60)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 15 });
    seconds(15);
    await expect(consumeRateLimit(ctx.deps, 'test:window', 2, 60)).resolves.toBeUndefined();
    await expect(consumeRateLimit(ctx.deps, 'test:window', 2, 60)).rejects.toMatchObject({ retryAfterSeconds: 30 });
  });
});
