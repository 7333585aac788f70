import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { writeSetting } from '../../platform/settings.js';
import { lockInvoices } from './billing.repository.js';
import { batchInvoiceIds } from './batches.repository.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
  type BillableFamily,
} from '../../testing/billing-factories.js';

/** Issue 12, items 1 and 3: the export checks again what preparation checked, and keeps the bytes it wrote. */

type Line = { familyId: string; reason: string | null; detail: string | null; sequenceType: string | null };
type Detail = {
  id: string;
  version: number;
  status: string;
  collectionDate: string;
  debitCount: number;
  included: Line[];
  excluded: Line[];
};

let ctx: TestContext;
let agent: Agent;

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  agent = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
});
afterEach(async () => ctx.close());

/** Families billed today, each with a mandate and a lesson, invoiced and pre-notified. */
async function families(names: string[]): Promise<{ family: BillableFamily; mandateId: string }[]> {
  const planId = await makePlan(ctx.deps, { priceCents: 9_950 });
  const result = [];
  for (const name of names) {
    const family = await makeBillableFamily(ctx.deps, { name, billableFrom: '2026-10-01', planId });
    const mandateId = await makeMandate(ctx.deps, family.familyId);
    await makeLesson(ctx.deps, family, { date: '2026-10-01' });
    result.push({ family, mandateId });
  }
  expect((await agent.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
  await runSweeps(ctx.deps);
  return result;
}

async function prepare(collectionDate: string): Promise<Detail> {
  const res = await agent.post('/api/billing/batches', { collectionDate });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}

describe('the export re-checks every line and the date', () => {
  it('leaves out, with their reasons, the lines revoked, held, disputed or paid another way since preparation', async () => {
    const [revoked, held, disputed, paid, kept] = await families([
      'Revoque',
      'Suspendu',
      'Conteste',
      'Cheque',
      'Garde',
    ]);
    if (!revoked || !held || !disputed || !paid || !kept) throw new Error('families');
    const batch = await prepare('2026-10-20');
    expect(batch.included).toHaveLength(5);

    const mandate = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .select('version')
      .where('id', '=', revoked.mandateId)
      .executeTakeFirstOrThrow();
    const end = await agent.post(`/api/billing/mandates/${revoked.mandateId}/end`, {
      version: mandate.version,
      reason: 'Révoqué par la famille',
      mode: 'revoke',
    });
    expect(end.statusCode, end.body).toBe(200);
    await ctx.deps.db
      .updateTable('subscriptions')
      .set({ on_hold: 1, hold_reason: 'no_lesson', hold_since: '2026-10-02' })
      .where('id', '=', held.family.subscriptionId)
      .execute();
    await makeLesson(ctx.deps, disputed.family, { date: '2026-10-02', familyResponse: 'disputed' });
    const invoice = await ctx.deps.db
      .selectFrom('invoices')
      .select(['id', 'amount_cents'])
      .where('family_id', '=', paid.family.familyId)
      .executeTakeFirstOrThrow();
    const payment = await agent.post('/api/billing/payments', {
      invoiceId: invoice.id,
      method: 'transfer',
      amountCents: invoice.amount_cents,
      receivedOn: '2026-10-02',
    });
    expect(payment.statusCode, payment.body).toBe(201);

    const res = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Detail;
    expect(after.status).toBe('exported');
    expect(after.debitCount).toBe(1);
    expect(after.included.map((l) => l.familyId)).toEqual([kept.family.familyId]);
    const reasonOf = (f: { family: BillableFamily }) =>
      after.excluded.find((l) => l.familyId === f.family.familyId)?.reason;
    expect(reasonOf(revoked)).toBe('mandate_ended');
    expect(reasonOf(held)).toBe('hold');
    expect(reasonOf(disputed)).toBe('dispute');
    expect(reasonOf(paid)).toBe('paid_otherwise');
    const file = await agent.get(`/api/billing/batches/${batch.id}/file`);
    expect(file.body).toContain('<NbOfTxs>1</NbOfTxs>');
    // The paid invoice got one payment only (the transfer), never the debit on top.
    const payments = await ctx.deps.db
      .selectFrom('payments')
      .select('method')
      .where('invoice_id', '=', invoice.id)
      .execute();
    expect(payments.map((p) => p.method)).toEqual(['transfer']);
  });

  it('makes a payment recorded while the export settles its invoice wait for the export, then refuses it', async () => {
    const [only] = await families(['Concurrente']);
    if (!only) throw new Error('family');
    const batch = await prepare('2026-10-20');
    const invoice = await ctx.deps.db
      .selectFrom('invoices')
      .select(['id', 'amount_cents'])
      .where('family_id', '=', only.family.familyId)
      .executeTakeFirstOrThrow();
    let payment: ReturnType<typeof agent.post> | undefined;
    // The export's transaction, stopped between its locks and its commit: the collection has paid the invoice.
    await ctx.deps.db.transaction().execute(async (tx) => {
      await lockInvoices(tx, await batchInvoiceIds(tx, batch.id));
      await tx.updateTable('invoices').set({ status: 'paid' }).where('id', '=', invoice.id).execute();
      payment = agent.post('/api/billing/payments', {
        invoiceId: invoice.id,
        method: 'transfer',
        amountCents: invoice.amount_cents,
        receivedOn: '2026-10-02',
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const refused = await payment!;
    // It read the invoice after the export's commit: paid, so no second payment on top of the collection.
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'INVOICE_NOT_OPEN' });
    const payments = await ctx.deps.db
      .selectFrom('payments')
      .select('id')
      .where('invoice_id', '=', invoice.id)
      .execute();
    expect(payments).toEqual([]);
  });

  it('refuses to export a batch too late for its date, and exports it once re-dated to a TARGET2 business day', async () => {
    await families(['Tardif']);
    const batch = await prepare('2026-10-20');
    // Tuesday 20 October: the file had to reach the bank by Monday 19.
    ctx.clock.set('2026-10-20T08:00:00.000Z');
    agent = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
    const late = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'BATCH_LATE' });
    const saturday = await agent.post(`/api/billing/batches/${batch.id}/redate`, {
      version: batch.version,
      collectionDate: '2026-10-24',
    });
    expect(saturday.statusCode).toBe(422);
    expect(saturday.json()).toMatchObject({ code: 'COLLECTION_DATE_NOT_BUSINESS_DAY' });
    const tomorrow = await agent.post(`/api/billing/batches/${batch.id}/redate`, {
      version: batch.version,
      collectionDate: '2026-10-21',
    });
    expect(tomorrow.statusCode, tomorrow.body).toBe(200);
    const redated = tomorrow.json() as Detail;
    expect(redated.collectionDate).toBe('2026-10-21');
    const ok = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: redated.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const file = await agent.get(`/api/billing/batches/${batch.id}/file`);
    expect(file.body).toContain('<ReqdColltnDt>2026-10-21</ReqdColltnDt>');
  });

  it('prepares only for a TARGET2 business day at least one business day ahead', async () => {
    await families(['Calendrier']);
    for (const [date, code] of [
      ['2026-10-24', 'COLLECTION_DATE_NOT_BUSINESS_DAY'], // a Saturday
      ['2026-12-25', 'COLLECTION_DATE_NOT_BUSINESS_DAY'], // Christmas
      ['2027-03-26', 'COLLECTION_DATE_NOT_BUSINESS_DAY'], // Good Friday 2027
      ['2027-03-29', 'COLLECTION_DATE_NOT_BUSINESS_DAY'], // Easter Monday 2027
      ['2027-05-01', 'COLLECTION_DATE_NOT_BUSINESS_DAY'],
    ] as const) {
      const res = await agent.post('/api/billing/batches', { collectionDate: date });
      expect(res.statusCode, date).toBe(422);
      expect(res.json(), date).toMatchObject({ code });
    }
    // Friday 2 October: today (Thursday 1) is its D-1, still in time.
    expect((await agent.post('/api/billing/batches', { collectionDate: '2026-10-02' })).statusCode).toBe(201);
  });
});

describe('exported files are immutable', () => {
  it('serves the bytes written at export, byte for byte, after the creditor name changed', async () => {
    await families(['Immuable', 'Fixe']);
    const batch = await prepare('2026-10-20');
    expect((await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version })).statusCode).toBe(
      200,
    );
    const before = await agent.get(`/api/billing/batches/${batch.id}/file`);
    expect(before.body).toContain('<Nm>Musique a la maison</Nm>');
    const creditor = await ctx.deps.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'billing.creditor')
      .executeTakeFirstOrThrow();
    const renamed = { ...(JSON.parse(String(creditor.value)) as object), name: 'Autre Nom SAS' };
    await writeSetting(ctx.deps.db, 'billing.creditor', renamed, ctx.clock.now().toISOString());
    const after = await agent.get(`/api/billing/batches/${batch.id}/file`);
    expect(after.rawPayload.equals(before.rawPayload)).toBe(true);
    expect(after.body).not.toContain('Autre Nom');
    const sha = createHash('sha256').update(after.rawPayload).digest('hex');
    expect(sha).toBe(after.headers['x-content-sha256']);
  });
});
