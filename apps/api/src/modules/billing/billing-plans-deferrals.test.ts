import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { makeFamily } from '../../testing/factories.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-05T08:00:00.000Z') });
});
afterEach(async () => ctx.close());

describe('the pages of instalment plans and deferrals', () => {
  it('lists only the invoices paid by instalments', async () => {
    const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    const family = await makeFamily(ctx.deps, { name: 'Échelonnés' });
    const issue = async (description: string) => {
      const res = await accounts.post('/api/billing/invoices', {
        familyId: family.id,
        description,
        amountCents: 30_000,
        dueOn: '2026-10-20',
        method: 'transfer',
        reason: 'Adhésion et stage',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; number: string; version: number };
    };
    const planned = await issue('Stage d’automne');
    await issue('Adhésion');
    const plan = await accounts.post(`/api/billing/invoices/${planned.id}/instalment-plan`, {
      version: planned.version,
      instalments: [
        { dueOn: '2026-10-20', amountCents: 10_000, method: 'transfer' },
        { dueOn: '2026-11-20', amountCents: 20_000, method: 'cheque' },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const list = await accounts.get('/api/billing/invoices', { query: { plan: '1' } });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { number: string }[] }).items.map((i) => i.number)).toEqual([planned.number]);
  });

  it('keeps an instalment plan’s schedule after a credit note (spread) and a payment (earliest first)', async () => {
    const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    const family = await makeFamily(ctx.deps, { name: 'Trois fois' });
    const issued = await accounts.post('/api/billing/invoices', {
      familyId: family.id,
      description: 'Stage de l’année',
      amountCents: 30_000,
      dueOn: '2026-10-20',
      method: 'transfer',
      reason: 'Stage',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const invoice = issued.json() as { id: string; version: number };
    const plan = await accounts.post(`/api/billing/invoices/${invoice.id}/instalment-plan`, {
      version: invoice.version,
      instalments: [
        { dueOn: '2026-10-20', amountCents: 10_000, method: 'transfer' },
        { dueOn: '2026-11-20', amountCents: 10_000, method: 'cheque' },
        { dueOn: '2026-12-20', amountCents: 10_000, method: 'transfer' },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const schedule = async () => {
      const res = await accounts.get(`/api/billing/invoices/${invoice.id}`);
      const { instalments } = res.json() as {
        instalments: { dueOn: string; amountCents: number; method: string; status: string }[];
      };
      return instalments
        .filter((i) => i.status === 'due')
        .map((i) => [i.dueOn, i.amountCents, i.method])
        .sort();
    };
    const note = await accounts.post(`/api/billing/invoices/${invoice.id}/credit-note`, {
      reason: 'Deux séances annulées',
      amountCents: 6001,
    });
    expect(note.statusCode, note.body).toBe(201);
    // 60.01 € spread over the three instalments, in whole cents: never one merged instalment.
    expect(await schedule()).toEqual([
      ['2026-10-20', 7999, 'transfer'],
      ['2026-11-20', 8000, 'cheque'],
      ['2026-12-20', 8000, 'transfer'],
    ]);
    const paid = await accounts.post('/api/billing/payments', {
      invoiceId: invoice.id,
      method: 'transfer',
      amountCents: 9000,
      receivedOn: '2026-10-05',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    // A payment pays the earliest instalments first; the later ones keep their dates and amounts.
    expect(await schedule()).toEqual([
      ['2026-11-20', 6999, 'cheque'],
      ['2026-12-20', 8000, 'transfer'],
    ]);
  });

  it('lists the recorded deferrals to the board and accounts, newest first, and to nobody else', async () => {
    const board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
    const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    const sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
    for (const ref of ['CA-1', 'CA-2']) {
      const res = await board.post('/api/billing/deferrals', {
        decisionRef: ref,
        decidedOn: '2026-10-01',
        reason: 'Fermeture',
        fromDueOn: '2026-11-01',
        toDueOn: '2026-11-30',
        newDueOn: '2026-12-15',
      });
      expect(res.statusCode, res.body).toBe(201);
      ctx.clock.set('2026-10-05T09:00:00.000Z');
    }
    for (const agent of [board, accounts]) {
      const res = await agent.get('/api/billing/deferrals');
      expect(res.statusCode).toBe(200);
      expect((res.json() as { items: { decisionRef: string }[] }).items.map((d) => d.decisionRef)).toEqual([
        'CA-2',
        'CA-1',
      ]);
    }
    expect((await sales.get('/api/billing/deferrals')).statusCode).toBe(403);
  });
});
