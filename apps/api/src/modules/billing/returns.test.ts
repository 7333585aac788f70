import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { writeSetting } from '../../platform/settings.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
  VALID_IBANS,
} from '../../testing/billing-factories.js';

/**
 * Returns of exported debits (issue 12, item 8): codes from the EPC list fitting their kind, dates neither in the
 * future nor before the collection, MD01 revokes the mandate, the family is told, the amount is owed again on a new
 * due date or by another method (setting `billing.returnedAmountRoute`).
 */
let ctx: TestContext;
let agent: Agent;
let accountsEmail: string;

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
  agent = await loginAs(ctx, accountsEmail);
});
afterEach(async () => ctx.close());

/** Two families debited on 2026-10-20 (exported 2026-10-01); the clock is then moved to 2026-10-23. */
async function exportedDebits() {
  const planId = await makePlan(ctx.deps, { priceCents: 9_950 });
  const today = '2026-10-01';
  for (const [i, name] of ['Éluard', 'Hugo'].entries()) {
    const f = await makeBillableFamily(ctx.deps, { name, billableFrom: today, planId });
    await makeMandate(ctx.deps, f.familyId, { iban: VALID_IBANS[i % VALID_IBANS.length], bic: 'BNPAFRPP' });
    await makeLesson(ctx.deps, f, { date: today });
  }
  expect((await agent.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
  await runSweeps(ctx.deps);
  const prepared = await agent.post('/api/billing/batches', { collectionDate: '2026-10-20' });
  expect(prepared.statusCode, prepared.body).toBe(201);
  const batch = prepared.json() as { id: string; version: number };
  const exported = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
  expect(exported.statusCode, exported.body).toBe(200);
  ctx.clock.set('2026-10-23T08:00:00.000Z');
  agent = await loginAs(ctx, accountsEmail); // the session of three weeks ago has expired
  return ctx.deps.db.selectFrom('debits').selectAll().where('batch_id', '=', batch.id).orderBy('id').execute();
}

const fieldCode = (res: { json: () => unknown }, field: string) =>
  (res.json() as { errors?: { field: string; code: string }[] }).errors?.find((f) => f.field === field)?.code;

describe('debit returns', () => {
  it('refuses a code outside the SDD list (ZZZZ), AM04 as a refund and MD06 as a reject, with the field', async () => {
    const [debit] = await exportedDebits();
    const post = (kind: string, reasonCode: string) =>
      agent.post(`/api/billing/debits/${debit?.id}/return`, { kind, reasonCode, on: '2026-10-22' });
    const zzzz = await post('return', 'ZZZZ');
    expect(zzzz.statusCode).toBe(400);
    expect(fieldCode(zzzz, 'reasonCode')).toBe('unknown_reason_code');
    const am04Refund = await post('refund', 'AM04');
    expect(am04Refund.statusCode).toBe(400);
    expect(fieldCode(am04Refund, 'reasonCode')).toBe('reason_not_for_kind');
    const md06Reject = await post('reject', 'MD06');
    expect(fieldCode(md06Reject, 'reasonCode')).toBe('reason_not_for_kind');
    const unchanged = await ctx.deps.db.selectFrom('debits').select('status').where('id', '=', debit!.id).execute();
    expect(unchanged).toEqual([{ status: 'exported' }]);
    expect((await post('return', 'AM04')).statusCode).toBe(200);
  });

  it('refuses a date in the future or before the collection (a reject not before the export)', async () => {
    const [debit] = await exportedDebits();
    const post = (kind: string, reasonCode: string, on: string) =>
      agent.post(`/api/billing/debits/${debit?.id}/return`, { kind, reasonCode, on });
    const future = await post('return', 'AM04', '2026-10-24');
    expect(future.statusCode).toBe(422);
    expect(fieldCode(future, 'on')).toBe('return_in_future');
    const early = await post('refund', 'MD06', '2026-10-19');
    expect(early.statusCode).toBe(422);
    expect(fieldCode(early, 'on')).toBe('return_before_collection');
    const earlyReturn = await post('return', 'AC04', '2026-10-19');
    expect(fieldCode(earlyReturn, 'on')).toBe('return_before_collection');
    const beforeExport = await post('reject', 'AC04', '2026-09-30');
    expect(fieldCode(beforeExport, 'on')).toBe('return_before_export');
    // A reject before settlement, after the file went to the bank, is its own date.
    expect((await post('reject', 'AC04', '2026-10-19')).statusCode).toBe(200);
  });

  it('revokes the mandate on MD01 (audited), e-mails the family and asks the amount by another method', async () => {
    const [debit] = await exportedDebits();
    if (!debit) throw new Error('no debit');
    const res = await agent.post(`/api/billing/debits/${debit.id}/return`, {
      kind: 'refund',
      reasonCode: 'md01',
      on: '2026-10-23',
    });
    expect(res.statusCode, res.body).toBe(200);
    const mandate = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .selectAll()
      .where('id', '=', debit.mandate_id)
      .executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({ status: 'revoked', ended_on: '2026-10-23' });
    const history = await agent.get(`/api/history/sepa-mandate/${debit.mandate_id}`);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', debit.mandate_id)
      .where('action', '=', 'revoke')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toContain('MD01');
    expect(history.statusCode, history.body).toBe(200);
    expect(JSON.stringify(history.json())).toContain('revoke');
    const mail = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'billing.debit-returned')
      .where('related_id', '=', debit.family_id)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('MD01');
    expect(mail.text_body).toContain('révoqué');
    expect(mail.text_body).toContain('virement');
    // MD01: whatever the setting, the amount is asked by transfer (no mandate left to debit).
    const instalments = await ctx.deps.db
      .selectFrom('invoice_instalments')
      .select(['method', 'status', 'due_on', 'amount_cents'])
      .where('invoice_id', '=', debit.invoice_id)
      .orderBy('seq')
      .execute();
    expect(instalments.at(-1)).toEqual({
      method: 'transfer',
      status: 'due',
      due_on: '2026-11-07',
      amount_cents: debit.amount_cents,
    });
    expect(instalments.filter((i) => i.status === 'returned')).toHaveLength(1);
  });

  it('debits a returned amount again on a new due date, or asks another method, as the setting says', async () => {
    const [first, second] = await exportedDebits();
    if (!first || !second) throw new Error('no debits');
    const ok = await agent.post(`/api/billing/debits/${first.id}/return`, {
      kind: 'return',
      reasonCode: 'AM04',
      on: '2026-10-22',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const newOf = (invoiceId: string) =>
      ctx.deps.db
        .selectFrom('invoice_instalments')
        .select(['method', 'status', 'due_on'])
        .where('invoice_id', '=', invoiceId)
        .where('status', '=', 'due')
        .execute();
    // Default: debited again 15 days after today (2026-10-23), with a new pre-notification.
    expect(await newOf(first.invoice_id)).toEqual([{ method: 'sepa', status: 'due', due_on: '2026-11-07' }]);
    const debitAgain = await ctx.deps.db
      .selectFrom('outbox')
      .select('text_body')
      .where('template', '=', 'billing.debit-returned')
      .where('related_id', '=', first.family_id)
      .executeTakeFirstOrThrow();
    expect(debitAgain.text_body).toContain('pré-notification');
    const mandate = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .select('status')
      .where('id', '=', first.mandate_id)
      .executeTakeFirstOrThrow();
    expect(mandate.status).toBe('active');

    await writeSetting(ctx.deps.db, 'billing.returnedAmountRoute', 'other_method', ctx.clock.now().toISOString());
    await writeSetting(ctx.deps.db, 'billing.returnedAmountDays', 10, ctx.clock.now().toISOString());
    const other = await agent.post(`/api/billing/debits/${second.id}/return`, {
      kind: 'return',
      reasonCode: 'AC04',
      on: '2026-10-22',
    });
    expect(other.statusCode, other.body).toBe(200);
    expect(await newOf(second.invoice_id)).toEqual([{ method: 'transfer', status: 'due', due_on: '2026-11-02' }]);
  });
});
