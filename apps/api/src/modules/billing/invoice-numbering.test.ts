import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, testEngineUrl, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { makeFamily } from '../../testing/factories.js';
import { configureBilling } from '../../testing/billing-factories.js';

let ctx: TestContext;
// Each test on its own database from 31 December 2026: numbers are per year and organisation-wide.
beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-12-31T10:00:00.000Z') });
  await configureBilling(ctx.deps);
});
afterEach(async () => ctx.close());

describe(`invoice numbering (${testEngineUrl() ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('numbers invoices issued concurrently without a gap or a duplicate', async () => {
    const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    const families = await Promise.all([0, 1, 2].map((i) => makeFamily(ctx.deps, { name: `Famille${i}` })));
    const requests = Array.from({ length: 30 }, (_, i) =>
      accounts.post('/api/billing/invoices', {
        reason: 'Adhésion annuelle',
        familyId: families[i % 3]?.id,
        description: `Adhésion ${i}`,
        amountCents: 1_500 + i,
        dueOn: '2027-01-15',
      }),
    );
    // A request that fails (unknown family) between the others must not leave a hole either.
    requests.splice(
      10,
      0,
      accounts.post('/api/billing/invoices', {
        reason: 'Adhésion annuelle',
        familyId: crypto.randomUUID(),
        description: 'Fantôme',
        amountCents: 100,
        dueOn: '2027-01-15',
      }),
    );
    const responses = await Promise.all(requests);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(30);
    expect(responses.filter((r) => r.statusCode === 404)).toHaveLength(1);
    const numbers = (await ctx.deps.db.selectFrom('invoices').select('number').where('kind', '=', 'invoice').execute())
      .map((r) => r.number)
      .sort();
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => `F2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('starts again at 1 in a new year', async () => {
    ctx.clock.set('2027-01-01T10:00:00.000Z');
    const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    const family = await makeFamily(ctx.deps, { name: 'Nouvelan' });
    const res = await accounts.post('/api/billing/invoices', {
      reason: 'Adhésion annuelle',
      familyId: family.id,
      description: 'Adhésion 2027',
      amountCents: 2_000,
      dueOn: '2027-01-15',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { number: string }).number).toBe('F2027-000001');
  });
});
