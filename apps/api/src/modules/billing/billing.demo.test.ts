import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { DEMO_DOMAIN, DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-11-23T08:00:00.000Z') });
  await loadDemoIfEmpty(ctx.deps);
});
afterAll(async () => ctx.close());

describe('billing demo data', () => {
  it('shows invoices, mandates, a held subscription and a prepared batch with excluded lines', async () => {
    const accounts = await loginAs(ctx, `accounts@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const holds = ((await accounts.get('/api/billing/holds')).json() as { items: unknown[] }).items;
    expect(holds).toHaveLength(1);
    const batches = (await accounts.get('/api/billing/batches')).json() as { id: string; status: string }[];
    expect(batches.filter((b) => b.status === 'prepared')).toHaveLength(1);
    const batch = (await accounts.get(`/api/billing/batches/${batches[0]?.id}`)).json() as {
      included: unknown[];
      excluded: { reason: string }[];
    };
    expect(batch.included.length).toBeGreaterThan(0);
    expect(batch.excluded.map((e) => e.reason)).toEqual(expect.arrayContaining(['hold', 'no_mandate']));
    const mandates = (await accounts.get('/api/billing/mandates')).json() as { items: unknown[] };
    expect(mandates.items.length).toBeGreaterThanOrEqual(8);
  });

  it('lets the demo family download an invoice and its tax certificate', async () => {
    const family = await loginAs(ctx, `family@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const invoices = (await family.get('/api/billing/invoices')).json() as {
      items: { id: string; familyId: string }[];
    };
    expect(invoices.items.length).toBeGreaterThan(0);
    expect((await family.get(`/api/billing/invoices/${invoices.items[0]?.id}/pdf`)).statusCode).toBe(200);
    const certificates = (
      (await family.get(`/api/billing/certificates?familyId=${invoices.items[0]?.familyId}`)).json() as {
        items: { id: string }[];
      }
    ).items;
    expect(certificates).toHaveLength(1);
    expect((await family.get(`/api/billing/certificates/${certificates[0]?.id}/pdf`)).statusCode).toBe(200);
  });
});
