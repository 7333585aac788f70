import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock, addDays } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
} from '../../testing/billing-factories.js';
import type { BillableFamily } from '../../testing/billing-factories.js';

type BatchLine = {
  familyId: string;
  instalmentId: string;
  reason: string | null;
  detail: string | null;
  sequenceType: string | null;
  debitId: string | null;
};
type BatchDetail = { id: string; version: number; status: string; included: BatchLine[]; excluded: BatchLine[] };
type InvoiceView = {
  id: string;
  familyId: string;
  amountCents: number;
  status: string;
  instalments: { id: string; dueOn: string }[];
};

const DAY0 = '2026-10-05';
let ctx: TestContext;
type FreshAgent = Pick<Agent, 'get' | 'post' | 'patch' | 'del'>;
let accounts: FreshAgent;
let followup: FreshAgent;

/** Sessions expire as the test clock moves days ahead: log in again before each request. */
function freshAgent(email: string): FreshAgent {
  return {
    get: async (url, o) => (await loginAs(ctx, email)).get(url, o),
    post: async (url, body, o) => (await loginAs(ctx, email)).post(url, body, o),
    patch: async (url, body, o) => (await loginAs(ctx, email)).patch(url, body, o),
    del: async (url, o) => (await loginAs(ctx, email)).del(url, o),
  };
}

// Each test on its own database from day 0, replaying the steps of the story it needs (see below).
beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock(`${DAY0}T08:00:00.000Z`) });
  await configureBilling(ctx.deps, { holdAfterDays: 21 });
  accounts = freshAgent((await makeUser(ctx.deps, ['accounts'])).email);
  followup = freshAgent((await makeUser(ctx.deps, ['followup'])).email);
});
afterEach(async () => ctx.close());

async function invoicesOf(familyId: string): Promise<InvoiceView[]> {
  const res = await accounts.get(`/api/billing/invoices?familyId=${familyId}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: InvoiceView[] }).items;
}

async function prepare(collectionDate: string): Promise<BatchDetail> {
  const res = await accounts.post('/api/billing/batches', { collectionDate });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as BatchDetail;
}

describe('the billing clock and debit holds', () => {
  let quiet: BillableFamily;
  let active: BillableFamily;
  let early: BillableFamily;
  let later: BillableFamily;
  let unmatched: BillableFamily;

  beforeEach(async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 12_400 });
    quiet = await makeBillableFamily(ctx.deps, { name: 'Silencieux', billableFrom: DAY0, planId });
    active = await makeBillableFamily(ctx.deps, { name: 'Actifs', billableFrom: DAY0, planId });
    early = await makeBillableFamily(ctx.deps, { name: 'Pressés', billableFrom: DAY0, planId });
    later = await makeBillableFamily(ctx.deps, { name: 'Plustard', billableFrom: addDays(DAY0, 5), planId });
    unmatched = await makeBillableFamily(ctx.deps, { name: 'Sansprof', billableFrom: null, planId });
    for (const f of [quiet, active, later, unmatched]) await makeMandate(ctx.deps, f.familyId);
    // A mandate with a short pre-notification agreed (2 days), so that the first debit can go out by day 9.
    await makeMandate(ctx.deps, early.familyId, { shortNoticeDays: 2 });
  });

  /** The story's steps, in order; each test replays those before the one it checks. */
  const issueInvoices = async () => expect((await accounts.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
  const exportBatch = async (batch: BatchDetail) => {
    const res = await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Day 3: invoices issued and pre-notified, a batch for day 9 prepared (then exported by the caller). */
  async function day3Batch(): Promise<BatchDetail> {
    await issueInvoices();
    await runSweeps(ctx.deps);
    ctx.clock.set(`${addDays(DAY0, 3)}T08:00:00.000Z`);
    return prepare(addDays(DAY0, 9));
  }
  /** Day 22: "active" had a lesson on day 10; the sweep holds the quiet subscriptions. */
  async function day22Holds() {
    await exportBatch(await day3Batch());
    await makeLesson(ctx.deps, active, { date: addDays(DAY0, 10) });
    ctx.clock.set(`${addDays(DAY0, 22)}T08:00:00.000Z`);
    return (await runSweeps(ctx.deps)) as { billing: { held: number } };
  }
  /** Day 22 still: the batch for day 24, without the held family. */
  async function day24Batch(): Promise<BatchDetail> {
    await day22Holds();
    return prepare(addDays(DAY0, 24));
  }

  it('issues the first invoice from the hand-over, pro-rated, with its debit due by day 9 and never before day 0', async () => {
    await issueInvoices();
    const [invoice] = await invoicesOf(early.familyId);
    expect(invoice?.amountCents).toBe(Math.round((12_400 * 27) / 31));
    const due = invoice?.instalments[0]?.dueOn ?? '';
    expect(due >= DAY0).toBe(true);
    expect(due <= addDays(DAY0, 9)).toBe(true);
    expect(due).toBe('2026-10-14');
    // The family whose hand-over is in 5 days is billed from that day on only.
    const [laterInvoice] = await invoicesOf(later.familyId);
    expect(laterInvoice?.instalments[0]?.dueOn).toBe(addDays(DAY0, 14));
    expect(await invoicesOf(unmatched.familyId)).toEqual([]);
  });

  it('issues each period once, however often the run is repeated', async () => {
    await issueInvoices();
    await issueInvoices();
    expect(await invoicesOf(early.familyId)).toHaveLength(1);
  });

  it('pre-notifies the coming debits by e-mail, once', async () => {
    await issueInvoices();
    await runSweeps(ctx.deps);
    await runSweeps(ctx.deps);
    const mails = await ctx.deps.db
      .selectFrom('outbox')
      .select(['to_address', 'template'])
      .where('template', '=', 'billing.pre-notification')
      .execute();
    expect(mails.filter((m) => m.to_address === early.guardianEmail)).toHaveLength(1);
    expect(mails).toHaveLength(4);
  });

  it('debits the short-notice family on day 9 and moves the others to a later date because their notice is too short', async () => {
    const batch = await day3Batch();
    expect(batch.included.map((l) => l.familyId)).toEqual([early.familyId]);
    expect(batch.included[0]?.sequenceType).toBe('FRST');
    // A batch is never dated before the hand-over of what it contains: "later" (hand-over day 5) is not due yet.
    expect([...batch.included, ...batch.excluded].some((l) => l.familyId === later.familyId)).toBe(false);
    const late = batch.excluded.filter((l) => l.reason === 'late_prenotification').map((l) => l.familyId);
    expect(late.sort()).toEqual([quiet.familyId, active.familyId].sort());
    const exported = await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
    expect(exported.statusCode, exported.body).toBe(200);
  });

  it('holds a subscription whose clock runs with no lesson recorded, once, with a task for followup and accounts', async () => {
    const first = await day22Holds();
    const second = (await runSweeps(ctx.deps)) as { billing: { held: number } };
    expect(first.billing.held).toBe(2); // quiet and early; later's clock has run 17 days only
    expect(second.billing.held).toBe(0);
    const sub = await ctx.deps.db
      .selectFrom('subscriptions')
      .select(['on_hold', 'hold_reason'])
      .where('id', '=', quiet.subscriptionId)
      .executeTakeFirstOrThrow();
    expect(sub.on_hold).toBe(1);
    const tasks = await ctx.deps.db
      .selectFrom('tasks')
      .select(['service'])
      .where('kind', '=', 'debit-hold')
      .where('family_id', '=', quiet.familyId)
      .execute();
    expect(tasks.map((t) => t.service).sort()).toEqual(['accounts', 'followup']);
    const activeSub = await ctx.deps.db
      .selectFrom('subscriptions')
      .select('on_hold')
      .where('id', '=', active.subscriptionId)
      .executeTakeFirstOrThrow();
    expect(activeSub.on_hold).toBe(0);
  });

  it('leaves the held family out of the batch with the reason shown, and debits the one with lessons', async () => {
    const batch = await day24Batch();
    const held = batch.excluded.find((l) => l.familyId === quiet.familyId);
    expect(held?.reason).toBe('hold');
    expect(held?.detail).toContain('no_lesson_since_handover');
    expect(batch.included.map((l) => l.familyId)).toContain(active.familyId);
    expect(batch.included.map((l) => l.familyId)).not.toContain(quiet.familyId);
    const exported = await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
    expect(exported.statusCode).toBe(200);
    // Exported batches are frozen.
    const again = await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version + 1 });
    expect(again.statusCode).toBe(409);
    const cancel = await accounts.post(`/api/billing/batches/${batch.id}/cancel`, { version: batch.version + 1 });
    expect(cancel.statusCode).toBe(409);
  });

  it('includes the family once staff release the hold with a reason, and never debits anything twice', async () => {
    await exportBatch(await day24Batch());
    const holds = (
      (await followup.get('/api/billing/holds')).json() as {
        items: { holdId: string; familyId: string; version: number }[];
      }
    ).items;
    const hold = holds.find((h) => h.familyId === quiet.familyId);
    expect(hold).toBeDefined();
    const noReason = await followup.post(`/api/billing/holds/${hold?.holdId}/release`, {
      version: hold?.version,
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const released = await followup.post(`/api/billing/holds/${hold?.holdId}/release`, {
      version: hold?.version,
      reason: 'Premier cours fixé au 3 novembre, confirmé par téléphone',
      heldPeriods: 'invoice',
    });
    expect(released.statusCode, released.body).toBe(200);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('entity_id', '=', quiet.subscriptionId)
      .where('action', '=', 'debit-hold-release')
      .execute();
    expect(audit[0]?.summary).toContain('Premier cours');

    const batch = await prepare(addDays(DAY0, 25));
    expect(batch.included.map((l) => l.familyId)).toContain(quiet.familyId);
    expect(batch.included.map((l) => l.familyId)).not.toContain(active.familyId);
    expect(batch.included.map((l) => l.familyId)).not.toContain(early.familyId);
    await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });

    // The released subscription is not held again by the next sweep (the quiet stretch restarts at the release).
    const sweep = (await runSweeps(ctx.deps)) as { billing: { held: number } };
    expect(sweep.billing.held).toBe(0);

    const debits = await ctx.deps.db.selectFrom('debits').select(['instalment_id']).execute();
    expect(new Set(debits.map((d) => d.instalment_id)).size).toBe(debits.length);
    // Day 26 is a Saturday: the next TARGET2 business day is day 28.
    const next = await prepare(addDays(DAY0, 28));
    const nextIds = next.included.map((l) => l.instalmentId);
    expect(nextIds.filter((id) => debits.some((d) => d.instalment_id === id))).toEqual([]);
  });

  it('refuses a second debit of the same instalment at the database level', async () => {
    await exportBatch(await day3Batch());
    const debit = await ctx.deps.db
      .selectFrom('debits')
      .selectAll()
      .where('status', '=', 'exported')
      .executeTakeFirstOrThrow();
    await expect(
      ctx.deps.db
        .insertInto('debits')
        .values({ ...debit, id: crypto.randomUUID(), end_to_end_id: 'E-duplicate' })
        .execute(),
    ).rejects.toThrow();
  });

  it('uses RCUR once a mandate has been used', async () => {
    await exportBatch(await day24Batch());
    ctx.clock.set(`${addDays(DAY0, 27)}T08:00:00.000Z`);
    await accounts.post('/api/billing/invoices/run', {});
    await runSweeps(ctx.deps);
    const batch = await prepare(addDays(DAY0, 45));
    const line = batch.included.find((l) => l.familyId === active.familyId);
    expect(line?.sequenceType).toBe('RCUR');
  });
});
