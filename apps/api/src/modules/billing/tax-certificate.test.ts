import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
  VALID_IBANS,
  type BillableFamily,
} from '../../testing/billing-factories.js';
import { pdfText } from '../../testing/pdf-text.js';

/*
 * The attestation fiscale counts only what was actually collected by its issue date (a debit whose collection
 * date has passed and that was not returned), names the taxpayer in full, states and deducts CESU préfinancé, and
 * carries the place and date of issue and the signatory. It can be generated for the current year and a past one.
 */
let ctx: TestContext;
let agent: Agent;
let clock: TestClock;
let accountsEmail: string;
/** Moves the clock and logs in again (a session does not outlive days of idleness). */
async function advance(days: number) {
  clock.advanceDays(days);
  agent = await loginAs(ctx, accountsEmail);
}

beforeEach(async () => {
  clock = new TestClock('2026-10-01T08:00:00.000Z');
  ctx = await createTestApp({ clock });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
  agent = await loginAs(ctx, accountsEmail);
});
afterEach(async () => ctx.close());

type Batch = { id: string; version: number; included: { familyId: string; debitId: string }[] };

async function collect(collectionDate: string): Promise<Batch> {
  expect((await agent.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
  await runSweeps(ctx.deps);
  const prepared = await agent.post('/api/billing/batches', { collectionDate });
  expect(prepared.statusCode, prepared.body).toBe(201);
  const batch = prepared.json() as Batch;
  const exported = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
  expect(exported.statusCode, exported.body).toBe(200);
  return batch;
}

type CertificateItem = { id: string; paidCents: number };
async function certificateOf(f: BillableFamily, year: number) {
  const list = await agent.get(`/api/billing/certificates?familyId=${f.familyId}&year=${year}`);
  const item = (list.json() as { items: CertificateItem[] }).items[0];
  if (!item) return null;
  const pdf = await agent.get(`/api/billing/certificates/${item.id}/pdf`);
  expect(pdf.statusCode).toBe(200);
  return { paidCents: item.paidCents, text: pdfText(pdf.rawPayload).text };
}

describe('tax certificates', () => {
  it('count only what was collected by the issue date, deduct CESU, and carry place, date and signatory', async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 9_950 });
    const families: BillableFamily[] = [];
    for (const [i, name] of ['Aubert', 'Bonnet', 'Chevalier'].entries()) {
      const f = await makeBillableFamily(ctx.deps, { name, billableFrom: '2026-10-01', planId });
      await makeMandate(ctx.deps, f.familyId, { iban: VALID_IBANS[i] });
      await makeLesson(ctx.deps, f, { date: '2026-10-01', place: 'home' });
      await makeLesson(ctx.deps, f, { date: '2026-10-15', place: 'home' });
      families.push(f);
    }
    const [aubert, bonnet, chevalier] = families as [BillableFamily, BillableFamily, BillableFamily];
    // October's debits are collected on 20 October.
    const october = await collect('2026-10-20');
    await advance(23); // 24 October
    const bonnetDebit = october.included.find((l) => l.familyId === bonnet.familyId)?.debitId;
    const returned = await agent.post(`/api/billing/debits/${bonnetDebit}/return`, {
      kind: 'reject',
      reasonCode: 'AC04',
      on: '2026-10-23',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    // November's debits are exported now, for a collection date still to come.
    await collect('2026-11-20');
    // Chevalier also paid a one-off invoice with CESU préfinancé.
    const cesuInvoice = await agent.post('/api/billing/invoices', {
      familyId: chevalier.familyId,
      description: 'Stage de Toussaint',
      amountCents: 3_000,
      dueOn: '2026-10-24',
      method: 'transfer',
    });
    expect(cesuInvoice.statusCode, cesuInvoice.body).toBe(201);
    const paid = await agent.post('/api/billing/payments', {
      invoiceId: (cesuInvoice.json() as { id: string }).id,
      method: 'cesu',
      amountCents: 3_000,
      receivedOn: '2026-10-24',
    });
    expect(paid.statusCode, paid.body).toBeLessThan(300);

    // The current year, on 24 October: only October's collected debit counts, not November's coming one.
    const now = await agent.post('/api/billing/certificates/generate', { year: 2026, email: false });
    expect(now.statusCode, now.body).toBe(200);
    const a = await certificateOf(aubert, 2026);
    expect(a?.paidCents).toBe(9_950);
    expect(a?.text).toContain('Claire Aubert');
    expect(a?.text).toContain('Fait à Paris, le 24 octobre 2026');
    expect(a?.text).toContain('Claire Dupont, directrice');
    expect(a?.text).toContain('Sommes encaissées au 24 octobre 2026');
    expect(a?.text).toMatch(/Montant ouvrant droit au crédit ou à la réduction d’impôt : 99,50\s€/);
    // The returned debit is not counted: nothing was paid, there is nothing to certify.
    expect(await certificateOf(bonnet, 2026)).toBeNull();
    const c = await certificateOf(chevalier, 2026);
    expect(c?.text).toMatch(/Montant total effectivement acquitté en 2026 : 129,50\s€/);
    expect(c?.text).toMatch(/dont CESU préfinancés : 30,00\s€ \(déduits\)/);
    expect(c?.paidCents).toBe(9_950);

    // A past year, once it is over: November's collection has happened and counts.
    await advance(83); // 15 January 2027
    const past = await agent.post('/api/billing/certificates/generate', { year: 2026, email: false });
    expect(past.statusCode, past.body).toBe(200);
    const later = await certificateOf(aubert, 2026);
    expect(later?.paidCents).toBe(19_900);
    expect(later?.text).toContain('Fait à Paris, le 15 janvier 2027');
    expect(later?.text).not.toContain('Sommes encaissées au');
    // A year not begun is refused.
    const future = await agent.post('/api/billing/certificates/generate', { year: 2028, email: false });
    expect(future.statusCode).toBe(422);
  });

  it('are not issued until the settings say who signs them and where', async () => {
    await ctx.deps.db.deleteFrom('settings').where('key', '=', 'billing.certificateSignatory').execute();
    const res = await agent.post('/api/billing/certificates/generate', { year: 2026, email: false });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CERTIFICATE_SIGNATORY_MISSING' });
  });
});
