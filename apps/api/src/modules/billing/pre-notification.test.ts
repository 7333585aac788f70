import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { addDays, TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { configureBilling, makeBillableFamily, makeMandate, makePlan } from '../../testing/billing-factories.js';

/*
 * Pre-notification that tells the truth: a notice states the real collection date and amount, never a date in the
 * past, goes out at least the agreed delay before, and is sent again when the date changes; no debit goes on a date
 * or amount that was not notified. The subscription terms carry a shorter agreed delay (2 days), recorded on the
 * mandate the family signs, so that the agency's promise holds: hand-over day 0, notice day 0, debit by day 9.
 */
const DAY0 = '2026-10-05';
let ctx: TestContext;
let accountsEmail: string;

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock(`${DAY0}T08:00:00.000Z`) });
  await configureBilling(ctx.deps, { noticeDays: 14, holdAfterDays: 60 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
});
afterEach(async () => ctx.close());

const accounts = () => loginAs(ctx, accountsEmail);
const day = (n: number) => addDays(DAY0, n);
const at = (n: number) => ctx.clock.set(`${day(n)}T08:00:00.000Z`);

type Batch = {
  id: string;
  version: number;
  collectionDate: string;
  included: { familyId: string; instalmentId: string }[];
  excluded: { familyId: string; reason: string | null }[];
};
async function prepare(collectionDate: string): Promise<Batch> {
  const res = await (await accounts()).post('/api/billing/batches', { collectionDate });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Batch;
}
const notices = (to: string) =>
  ctx.deps.db
    .selectFrom('outbox')
    .select(['text_body', 'created_at'])
    .where('to_address', '=', to)
    .where('template', '=', 'billing.pre-notification')
    .orderBy('created_at')
    .execute();
const instalmentOf = (familyId: string) =>
  ctx.deps.db
    .selectFrom('invoice_instalments')
    .innerJoin('invoices', 'invoices.id', 'invoice_instalments.invoice_id')
    .select([
      'invoice_instalments.due_on',
      'invoice_instalments.prenotified_at',
      'invoice_instalments.prenotified_due_on',
      'invoice_instalments.prenotified_amount_cents',
      'invoice_instalments.amount_cents',
    ])
    .where('invoices.family_id', '=', familyId)
    .executeTakeFirstOrThrow();

describe('pre-notification', () => {
  it('hand-over day 0, notice day 0, debit on or before day 9 and never before the notified date', async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 12_400 });
    const family = await makeBillableFamily(ctx.deps, { name: 'Promesse', billableFrom: DAY0, planId });
    // The family signs its mandate in the portal, accepting the subscription terms and their 2-day delay.
    const guardian = await ctx.deps.db
      .selectFrom('people')
      .select('id')
      .where('family_id', '=', family.familyId)
      .where('kind', '=', 'guardian')
      .executeTakeFirstOrThrow();
    const user = await makeUser(ctx.deps, ['guardian'], { personId: guardian.id });
    const signed = await (
      await loginAs(ctx, user.email)
    ).post('/api/billing/mandates', {
      familyId: family.familyId,
      debtorName: 'Claire Promesse',
      address: { line1: '3 place de la Mairie', postalCode: '69003', city: 'Lyon', country: 'FR' },
      iban: 'FR7630006000011234567890189',
      signerName: 'Claire Promesse',
      consent: true,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const mandate = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .select(['short_notice_days', 'notice_agreed_on'])
      .where('family_id', '=', family.familyId)
      .executeTakeFirstOrThrow();
    expect(mandate).toEqual({ short_notice_days: 2, notice_agreed_on: DAY0 });

    // Day 0: the first invoice, its notice the same day, announcing the real collection date.
    expect((await (await accounts()).post('/api/billing/invoices/run', {})).statusCode).toBe(200);
    await runSweeps(ctx.deps);
    const instalment = await instalmentOf(family.familyId);
    expect(instalment.prenotified_at?.slice(0, 10)).toBe(DAY0);
    const announced = instalment.prenotified_due_on as string;
    expect(announced <= day(9)).toBe(true);
    expect(announced >= day(2)).toBe(true);
    expect(instalment.prenotified_amount_cents).toBe(instalment.amount_cents);
    const [mail] = await notices(family.guardianEmail);
    expect(mail?.created_at.slice(0, 10)).toBe(DAY0);
    expect(mail?.text_body).toContain('le 14 octobre 2026'); // day 9

    // The batch for the notified date takes it; exported, the debit is collected on day 9 at the latest.
    at(1);
    const batch = await prepare(announced);
    expect(batch.included.map((l) => l.familyId)).toEqual([family.familyId]);
    const exported = await (
      await accounts()
    ).post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
    expect(exported.statusCode, exported.body).toBe(200);
    const debit = await ctx.deps.db
      .selectFrom('debits')
      .innerJoin('collection_batches', 'collection_batches.id', 'debits.batch_id')
      .select(['collection_batches.collection_date'])
      .where('debits.family_id', '=', family.familyId)
      .executeTakeFirstOrThrow();
    expect(debit.collection_date <= day(9)).toBe(true);
    expect(debit.collection_date >= announced).toBe(true);
    expect(await notices(family.guardianEmail)).toHaveLength(1);
  });

  it('announces the real date, never a past one, and sends the new date before a debit goes on it', async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 12_400 });
    const family = await makeBillableFamily(ctx.deps, { name: 'Délai', billableFrom: DAY0, planId });
    await makeMandate(ctx.deps, family.familyId); // no shorter delay agreed: 14 days
    // A one-off instalment already overdue when first notified.
    const overdue = await makeBillableFamily(ctx.deps, { name: 'Retard', billableFrom: null, planId });
    await makeMandate(ctx.deps, overdue.familyId);
    const manual = await (
      await accounts()
    ).post('/api/billing/invoices', {
      reason: 'Adhésion annuelle',
      familyId: overdue.familyId,
      description: 'Frais de dossier',
      amountCents: 3_000,
      dueOn: day(-3),
    });
    expect(manual.statusCode, manual.body).toBe(201);
    expect((await (await accounts()).post('/api/billing/invoices/run', {})).statusCode).toBe(200);
    await runSweeps(ctx.deps);
    // Due on day 9, but 14 days' notice: the notice announces day 14, the first date it allows.
    expect((await instalmentOf(family.familyId)).prenotified_due_on).toBe(day(14));
    // Due three days ago: announced for day 14 too, never for a date already past.
    expect((await instalmentOf(overdue.familyId)).prenotified_due_on).toBe(day(14));
    expect((await notices(overdue.guardianEmail))[0]?.text_body).not.toContain('2 octobre 2026');

    // Day 3: a batch for day 9 cannot take it (the family was told day 14, and a new notice needs 14 days).
    at(3);
    const early = await prepare(day(9));
    expect(early.excluded.find((l) => l.familyId === family.familyId)?.reason).toBe('late_prenotification');
    expect((await instalmentOf(family.familyId)).prenotified_due_on).toBe(day(14));
    await (await accounts()).post(`/api/billing/batches/${early.id}/cancel`, { version: early.version });
    // A batch for day 21, later than announced: the family is told the new date now, then it is debited on it.
    const later = await prepare(day(21));
    expect(later.included.map((l) => l.familyId).sort()).toEqual([family.familyId, overdue.familyId].sort());
    expect((await instalmentOf(family.familyId)).prenotified_due_on).toBe(day(21));
    const sent = await notices(family.guardianEmail);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.text_body).toContain('le 26 octobre 2026'); // day 21 (day 20 is a Sunday, not a TARGET2 day)
    // Every debit of the batch goes on the date and for the amount its notice announced.
    const lines = await ctx.deps.db
      .selectFrom('debits')
      .innerJoin('invoice_instalments', 'invoice_instalments.id', 'debits.instalment_id')
      .select([
        'debits.amount_cents',
        'invoice_instalments.prenotified_due_on',
        'invoice_instalments.prenotified_amount_cents',
      ])
      .where('debits.batch_id', '=', later.id)
      .execute();
    for (const l of lines) {
      expect(l.prenotified_due_on).toBe(day(21));
      expect(l.prenotified_amount_cents).toBe(l.amount_cents);
    }
  });

  it('never announces a day TARGET2 is closed: due on Christmas, announced and debited on the 28th, notified once', async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 12_400 });
    const family = await makeBillableFamily(ctx.deps, { name: 'Noël', billableFrom: null, planId });
    await makeMandate(ctx.deps, family.familyId);
    const manual = await (
      await accounts()
    ).post('/api/billing/invoices', {
      familyId: family.familyId,
      reason: 'Stage de Noël hors abonnement',
      description: 'Stage de Noël',
      amountCents: 4_500,
      dueOn: '2026-12-25',
    });
    expect(manual.statusCode, manual.body).toBe(201);
    ctx.clock.set('2026-12-05T08:00:00.000Z');
    await runSweeps(ctx.deps);
    // 25 December is a TARGET2 closing day, the 26th and 27th a weekend: the notice gives Monday the 28th.
    expect((await instalmentOf(family.familyId)).prenotified_due_on).toBe('2026-12-28');
    expect((await notices(family.guardianEmail))[0]?.text_body).toContain('le 28 décembre 2026');
    const refused = await (await accounts()).post('/api/billing/batches', { collectionDate: '2026-12-25' });
    expect(refused.statusCode).toBe(422);
    const batch = await prepare('2026-12-28');
    expect(batch.included.map((l) => l.familyId)).toEqual([family.familyId]);
    expect(await notices(family.guardianEmail)).toHaveLength(1);
  });
});
