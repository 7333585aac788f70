import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
} from '../../testing/billing-factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps);
});
afterAll(async () => ctx.close());

describe('what a batch leaves out, and why', () => {
  it('shows dispute, no mandate and expired mandate; a final debit ends its mandate; a settled dispute lets the debit go', async () => {
    const planId = await makePlan(ctx.deps);
    const disputed = await makeBillableFamily(ctx.deps, { name: 'Contestation', billableFrom: '2026-10-01', planId });
    const noMandate = await makeBillableFamily(ctx.deps, { name: 'Sansmandat', billableFrom: '2026-10-01', planId });
    const expired = await makeBillableFamily(ctx.deps, { name: 'Ancien', billableFrom: '2026-10-01', planId });
    const leaving = await makeBillableFamily(ctx.deps, { name: 'Depart', billableFrom: '2026-10-01', planId });
    await makeMandate(ctx.deps, disputed.familyId);
    await makeMandate(ctx.deps, expired.familyId, { signedOn: '2020-01-10', lastUsedOn: '2023-06-05' });
    const finalMandate = await makeMandate(ctx.deps, leaving.familyId);
    await ctx.deps.db.updateTable('sepa_mandates').set({ final_on_next: 1 }).where('id', '=', finalMandate).execute();
    await makeLesson(ctx.deps, disputed, { date: '2026-10-03', familyResponse: 'disputed' });
    const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    await accounts.post('/api/billing/invoices/run', {});
    await runSweeps(ctx.deps);
    const res = await accounts.post('/api/billing/batches', { collectionDate: '2026-10-20' });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json() as {
      id: string;
      version: number;
      included: { familyId: string; sequenceType: string }[];
      excluded: { familyId: string; reason: string; detail: string | null }[];
    };
    const reasonOf = (familyId: string) => batch.excluded.find((l) => l.familyId === familyId)?.reason;
    expect(reasonOf(disputed.familyId)).toBe('dispute');
    expect(reasonOf(noMandate.familyId)).toBe('no_mandate');
    expect(reasonOf(expired.familyId)).toBe('mandate_expired');
    // Never used, flagged to end: its one collection is a first (a series cannot start with FNAL), then it ends.
    expect(batch.included).toEqual([expect.objectContaining({ familyId: leaving.familyId, sequenceType: 'FRST' })]);
    expect(
      (await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version })).statusCode,
    ).toBe(200);
    const mandate = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .selectAll()
      .where('id', '=', finalMandate)
      .executeTakeFirstOrThrow();
    expect(mandate.status).toBe('ended');

    // The mandate ended by the final debit is refused for the next debits.
    ctx.clock.set('2026-10-15T08:00:00.000Z');
    const again = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    await again.post('/api/billing/invoices/run', {});
    await runSweeps(ctx.deps);
    const next = (await again.post('/api/billing/batches', { collectionDate: '2026-11-20' })).json() as typeof batch;
    expect(next.excluded.find((l) => l.familyId === leaving.familyId)?.reason).toBe('mandate_ended');

    // Settling the dispute lets the debit go in the next batch.
    await ctx.deps.db
      .updateTable('lessons')
      .set({ family_response: 'confirmed' })
      .where('family_id', '=', disputed.familyId)
      .execute();
    const cancel = await again.post(`/api/billing/batches/${next.id}/cancel`, { version: next.version });
    expect(cancel.statusCode).toBe(200);
    const third = (await again.post('/api/billing/batches', { collectionDate: '2026-11-20' })).json() as typeof batch;
    expect(third.included.map((l) => l.familyId)).toContain(disputed.familyId);
  });
});
