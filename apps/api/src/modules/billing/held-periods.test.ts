import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { TestClock, addDays } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { makeFamily } from '../../testing/factories.js';
import {
  configureBilling,
  makeBillableFamily,
  makeMandate,
  makePlan,
  type BillableFamily,
} from '../../testing/billing-factories.js';

const DAY0 = '2026-10-05';
let ctx: TestContext;
let accountsEmail: string;
let followupEmail: string;
let salesEmail: string;
let quiet: BillableFamily;

const at = (day: string) => ctx.clock.set(`${day}T08:00:00.000Z`);
const as = async (email: string) => loginAs(ctx, email);

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock(`${DAY0}T08:00:00.000Z`) });
  await configureBilling(ctx.deps, { holdAfterDays: 21 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
  followupEmail = (await makeUser(ctx.deps, ['followup'])).email;
  salesEmail = (await makeUser(ctx.deps, ['sales'])).email;
  const planId = await makePlan(ctx.deps, { priceCents: 12_400 });
  quiet = await makeBillableFamily(ctx.deps, { name: 'Silencieux', billableFrom: DAY0, planId });
  await makeMandate(ctx.deps, quiet.familyId);
});
afterEach(async () => ctx.close());

async function periodsInvoiced(): Promise<string[]> {
  const rows = await ctx.deps.db
    .selectFrom('invoices')
    .select('period_start')
    .where('subscription_id', '=', quiet.subscriptionId)
    .orderBy('period_start')
    .execute();
  return rows.map((r) => r.period_start ?? '');
}

async function runInvoices(): Promise<void> {
  const res = await (await as(accountsEmail)).post('/api/billing/invoices/run', {});
  expect(res.statusCode, res.body).toBe(200);
}

/** Day 0 to 22: October and November invoiced, then the subscription held (no lesson for 21 days). */
async function heldSinceDay22(): Promise<{ holdId: string; version: number }> {
  await runSweeps(ctx.deps);
  at(addDays(DAY0, 22));
  await runSweeps(ctx.deps);
  expect(await periodsInvoiced()).toEqual(['2026-10-05', '2026-11-01']);
  const holds = (await (await as(followupEmail)).get('/api/billing/holds')).json() as {
    items: { holdId: string; subscriptionId: string; version: number }[];
  };
  const hold = holds.items.find((h) => h.subscriptionId === quiet.subscriptionId);
  if (!hold) throw new Error('not held');
  return hold;
}

describe('held periods', () => {
  it('invoices no new period while a subscription is held', async () => {
    await heldSinceDay22();
    at('2026-11-25'); // December is within the issue horizon: it would be invoiced if not held
    await runInvoices();
    await runSweeps(ctx.deps);
    expect(await periodsInvoiced()).toEqual(['2026-10-05', '2026-11-01']);
  });

  it('asks for a choice and a reason at the release, and refuses it to a role without holds', async () => {
    const hold = await heldSinceDay22();
    const followup = await as(followupEmail);
    const noChoice = await followup.post(`/api/billing/holds/${hold.holdId}/release`, {
      version: hold.version,
      reason: 'Cours repris',
    });
    expect(noChoice.statusCode).toBe(400);
    expect((noChoice.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('heldPeriods');
    const noReason = await followup.post(`/api/billing/holds/${hold.holdId}/release`, {
      version: hold.version,
      reason: '  ',
      heldPeriods: 'waive',
    });
    expect(noReason.statusCode).toBe(400);
    const sales = await as(salesEmail);
    const denied = await sales.post(`/api/billing/holds/${hold.holdId}/release`, {
      version: hold.version,
      reason: 'Cours repris',
      heldPeriods: 'waive',
    });
    expect(denied.statusCode).toBe(403);
    expect(await ctx.deps.db.selectFrom('waived_periods').select('id').execute()).toEqual([]);
  });

  it('invoices the held periods when staff choose so at the release, with the choice in the audit trail', async () => {
    const hold = await heldSinceDay22();
    at('2026-12-07');
    const res = await (
      await as(followupEmail)
    ).post(`/api/billing/holds/${hold.holdId}/release`, {
      version: hold.version,
      reason: 'Les cours ont eu lieu, le professeur ne les avait pas saisis',
      heldPeriods: 'invoice',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ heldPeriods: 'invoice', periods: [{ start: '2026-12-01', end: '2026-12-31' }] });
    await runInvoices();
    expect(await periodsInvoiced()).toEqual(['2026-10-05', '2026-11-01', '2026-12-01']);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['changes', 'summary'])
      .where('entity_id', '=', quiet.subscriptionId)
      .where('action', '=', 'debit-hold-release')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('pas saisis');
    expect(audit.changes).toContain('"invoice"');
    expect(audit.changes).toContain('2026-12-01');
  });

  it('never invoices the held periods waived at the release, and invoices the next ones', async () => {
    const hold = await heldSinceDay22();
    at('2026-12-07');
    const res = await (
      await as(accountsEmail)
    ).post(`/api/billing/holds/${hold.holdId}/release`, {
      version: hold.version,
      reason: 'Aucun cours en décembre : le conseil renonce à facturer',
      heldPeriods: 'waive',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      heldPeriods: 'waive',
      periods: [{ start: '2026-12-01', end: '2026-12-31', amountCents: 12_400 }],
    });
    await runInvoices();
    await runSweeps(ctx.deps);
    expect(await periodsInvoiced()).toEqual(['2026-10-05', '2026-11-01']);
    const waived = await ctx.deps.db.selectFrom('waived_periods').selectAll().execute();
    expect(waived.map((w) => [w.period_start, w.reason])).toEqual([
      ['2026-12-01', 'Aucun cours en décembre : le conseil renonce à facturer'],
    ]);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', quiet.subscriptionId)
      .where('action', '=', 'debit-hold-release')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toContain('"waive"');
    expect(audit.changes).toContain('2026-12-01');
    // January is not held: it is invoiced as usual once within the horizon.
    at('2026-12-20');
    await runInvoices();
    expect(await periodsInvoiced()).toEqual(['2026-10-05', '2026-11-01', '2027-01-01']);
  });
});

describe('manual invoices and the hand-over', () => {
  const body = (familyId: string, reason?: string) => ({
    familyId,
    description: 'Adhésion 2026-2027',
    amountCents: 3_000,
    dueOn: '2026-10-20',
    method: 'transfer',
    ...(reason === undefined ? {} : { reason }),
  });

  it('refuses an invoice before any hand-over without a reason, naming the field, in French and in English', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Enattente' });
    const accounts = await as(accountsEmail);
    const fr = await accounts.post('/api/billing/invoices', body(family.id));
    expect(fr.statusCode).toBe(422);
    const problem = fr.json() as { code: string; errors: { field: string; code: string }[]; title: string };
    expect(problem.code).toBe('INVOICE_BEFORE_HANDOVER');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'INVOICE_BEFORE_HANDOVER' })]);
    expect(problem.title).toContain('professeur');
    const en = await accounts.post('/api/billing/invoices', body(family.id), {
      headers: { 'accept-language': 'en' },
    });
    expect((en.json() as { title: string }).title).toContain('teacher');
    const blank = await accounts.post('/api/billing/invoices', body(family.id, '   '));
    expect(blank.statusCode).toBe(422);
    expect(await ctx.deps.db.selectFrom('invoices').select('id').execute()).toEqual([]);
  });

  it('issues it with its reason kept, and without one once the hand-over happened', async () => {
    const accounts = await as(accountsEmail);
    const family = await makeFamily(ctx.deps, { name: 'Adhérents' });
    await ctx.deps.db
      .updateTable('families')
      .set({ billing_line1: '1 rue Haute', billing_postal_code: '69001', billing_city: 'Lyon' })
      .where('id', '=', family.id)
      .execute();
    const early = await accounts.post('/api/billing/invoices', body(family.id, 'Adhésion due à l’inscription'));
    expect(early.statusCode, early.body).toBe(201);
    const row = await ctx.deps.db
      .selectFrom('invoices')
      .select('issue_reason')
      .where('family_id', '=', family.id)
      .executeTakeFirstOrThrow();
    expect(row.issue_reason).toBe('Adhésion due à l’inscription');
    const handedOver = await accounts.post('/api/billing/invoices', body(quiet.familyId));
    expect(handedOver.statusCode, handedOver.body).toBe(201);
  });
});
