import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { InvoiceInstalmentsTable, InvoicesTable, PaymentDeferralsTable } from '../../db/tables.js';
import { ID_CHUNK, INSERT_ROWS, inBatches, readInBatches } from '../../platform/batching.js';
import { keysetAfter } from '../../platform/cursor.js';

/** Invoices, their instalments and payment deferrals: the queries of invoices.service.ts. */

type InvoiceRow = Selectable<InvoicesTable>;
type InstalmentRow = Insertable<InvoiceInstalmentsTable>;

/** Family names of a page of invoices. */
export async function familyNames(tx: Tx, familyIds: string[]) {
  if (!familyIds.length) return [];
  return tx.selectFrom('families').select(['id', 'name']).where('id', 'in', familyIds).execute();
}

export async function insertInvoice(tx: Tx, row: InvoiceRow): Promise<void> {
  await tx.insertInto('invoices').values(row).execute();
}

export async function insertInstalment(tx: Tx, row: InstalmentRow): Promise<void> {
  await tx.insertInto('invoice_instalments').values(row).execute();
}

/** Many invoices as multi-row inserts (20 columns a row: INSERT_ROWS rows stay under both engines' limits). */
export async function insertInvoices(tx: Tx, rows: InvoiceRow[]): Promise<void> {
  await inBatches(rows, INSERT_ROWS, (slice) => tx.insertInto('invoices').values(slice).execute());
}

export async function insertInstalments(tx: Tx, rows: InstalmentRow[]): Promise<void> {
  await inBatches(rows, INSERT_ROWS, (slice) => tx.insertInto('invoice_instalments').values(slice).execute());
}

/** The invoice's due instalments that no debit took yet, in order. */
export async function undebitedDueInstalments(tx: Tx, invoiceId: string) {
  return tx
    .selectFrom('invoice_instalments')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('status', '=', 'due')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('debits').select('debits.id').whereRef('debits.instalment_id', '=', 'invoice_instalments.id'),
        ),
      ),
    )
    .orderBy('seq')
    .execute();
}

/** What the invoice's instalments in a prepared (not yet exported) batch add up to. */
export async function preparedDebitsTotal(tx: Tx, invoiceId: string): Promise<number> {
  const row = await tx
    .selectFrom('invoice_instalments')
    .innerJoin('debits', 'debits.instalment_id', 'invoice_instalments.id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('invoice_instalments.amount_cents'), eb.val(0)).as('s'))
    .where('invoice_instalments.invoice_id', '=', invoiceId)
    .where('debits.status', '=', 'prepared')
    .executeTakeFirstOrThrow();
  return Number(row.s);
}

export async function cancelInstalments(tx: Tx, ids: string[], now: string): Promise<void> {
  await tx
    .updateTable('invoice_instalments')
    .set((eb) => ({ status: 'cancelled', updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

export async function lastInstalmentSeq(tx: Tx, invoiceId: string): Promise<number> {
  const row = await tx
    .selectFrom('invoice_instalments')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.m ?? 0);
}

/**
 * Subscriptions with periods to invoice up to `horizon`. The cutoff is the hand-over (`billable_from`): a
 * subscription is selected only once handed over and from that date on (`isBillable` in billing-rules.ts, of which
 * this is the set-based form; `periodsToInvoice` starts the periods at that date).
 */
export async function subscriptionsBillableBy(tx: Tx, horizon: string) {
  return tx
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('people', 'people.id', 'subscriptions.student_id')
    .select([
      'subscriptions.id',
      'subscriptions.family_id',
      'subscriptions.status',
      'subscriptions.billable_from',
      'subscriptions.first_debit_by',
      'subscriptions.ended_on',
      'plans.name as plan_name',
      'plans.price_cents',
      'plans.billing_period',
      'plans.lesson_minutes',
      'plans.frequency',
      'people.first_name',
      'subscriptions.on_hold',
    ])
    .where('subscriptions.status', '!=', 'pending')
    .where('subscriptions.billable_from', 'is not', null)
    .where('subscriptions.billable_from', '<=', horizon)
    .execute();
}

/**
 * Per subscription, how many periods carry an invoice and the last one (one covering index range), per chunk of
 * subscriptions.
 */
export async function invoicedPeriods(tx: Tx, subscriptionIds: string[]) {
  const invoiced = new Map<string, { count: number; last: string }>();
  const rows = await readInBatches(subscriptionIds, (slice) =>
    tx
      .selectFrom('invoices')
      .select([
        'subscription_id',
        sql<number>`count(period_start)`.as('n'),
        sql<string | null>`max(period_start)`.as('last'),
      ])
      .where('subscription_id', 'in', slice)
      .where('period_start', 'is not', null)
      .groupBy('subscription_id')
      .execute(),
  );
  for (const r of rows)
    if (r.subscription_id && r.last) invoiced.set(r.subscription_id, { count: Number(r.n), last: r.last });
  // A period waived at a hold's release counts as done, so that it leaves no gap behind it.
  const waived = await readInBatches(subscriptionIds, (slice) =>
    tx
      .selectFrom('waived_periods')
      .select(['subscription_id', sql<number>`count(*)`.as('n'), sql<string>`max(period_start)`.as('last')])
      .where('subscription_id', 'in', slice)
      .groupBy('subscription_id')
      .execute(),
  );
  for (const w of waived) {
    const done = invoiced.get(w.subscription_id);
    invoiced.set(w.subscription_id, {
      count: (done?.count ?? 0) + Number(w.n),
      last: done && done.last > w.last ? done.last : w.last,
    });
  }
  return invoiced;
}

/** The period keys among these already invoiced or waived at a hold's release (read by the unique indexes). */
export async function takenPeriodKeys(tx: Tx, keys: string[]): Promise<Set<string | null>> {
  if (!keys.length) return new Set();
  const rows = await tx
    .selectFrom('invoices')
    .select('period_key')
    .where('period_key', 'in', keys)
    .unionAll(tx.selectFrom('waived_periods').select('period_key').where('period_key', 'in', keys))
    .execute();
  return new Set(rows.map((r) => r.period_key));
}

export async function isPeriodInvoiced(tx: Tx, periodKey: string): Promise<boolean> {
  return !!(await tx.selectFrom('invoices').select('id').where('period_key', '=', periodKey).executeTakeFirst());
}

/** A page of invoices, newest first, on (issued_on, id). */
export async function invoicePage(
  tx: Tx,
  filter: {
    familyId?: string;
    status?: string;
    number?: string;
    plan?: boolean;
    after?: [string, string];
    limit: number;
  },
) {
  let q = tx
    .selectFrom('invoices')
    .selectAll('invoices')
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.familyId) q = q.where('family_id', '=', filter.familyId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.number) q = q.where('number', '=', filter.number);
  // Paid by instalments: a second instalment exists (split at issue, or a plan set later replaced the first).
  if (filter.plan)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('invoice_instalments')
          .select('invoice_instalments.id')
          .whereRef('invoice_instalments.invoice_id', '=', 'invoices.id')
          .where('invoice_instalments.seq', '>', 1),
      ),
    );
  if (filter.after) q = q.where(keysetAfter('issued_on', 'id', '<', filter.after));
  return q.execute();
}

/** Takes the invoice's version (optimistic concurrency); false when someone else changed it. */
export async function bumpInvoiceVersion(tx: Tx, id: string, version: number, now: string): Promise<boolean> {
  const bumped = await tx
    .updateTable('invoices')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(bumped.numUpdatedRows) === 1;
}

/** Whether one of the invoice's instalments sits in a prepared batch. */
export async function hasPreparedDebit(tx: Tx, invoiceId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('debits')
    .innerJoin('invoice_instalments', 'invoice_instalments.id', 'debits.instalment_id')
    .select('debits.id')
    .where('invoice_instalments.invoice_id', '=', invoiceId)
    .where('debits.status', '=', 'prepared')
    .executeTakeFirst();
  return !!row;
}

export async function dueInstalments(tx: Tx, invoiceId: string) {
  return tx
    .selectFrom('invoice_instalments')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('status', '=', 'due')
    .execute();
}

export async function cancelDueInstalments(tx: Tx, invoiceId: string, now: string): Promise<void> {
  await tx
    .updateTable('invoice_instalments')
    .set((eb) => ({ status: 'cancelled', updated_at: now, version: eb('version', '+', 1) }))
    .where('invoice_id', '=', invoiceId)
    .where('status', '=', 'due')
    .execute();
}

/** A page of recorded deferrals, newest first on (created_at, id). */
export async function deferralPage(tx: Tx, filter: { after?: [string, string]; limit: number }) {
  let q = tx
    .selectFrom('payment_deferrals')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.after) q = q.where(keysetAfter('created_at', 'id', '<', filter.after));
  return q.execute();
}

export async function findDeferral(tx: Tx, id: string) {
  return tx.selectFrom('payment_deferrals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Due instalments in a due-date range that no debit took yet, optionally of one plan's subscriptions. */
export async function deferrableInstalmentIds(
  tx: Tx,
  range: { fromDueOn: string; toDueOn: string; planId?: string | null },
): Promise<string[]> {
  let q = tx
    .selectFrom('invoice_instalments')
    .innerJoin('invoices', 'invoices.id', 'invoice_instalments.invoice_id')
    .leftJoin('subscriptions', 'subscriptions.id', 'invoices.subscription_id')
    .select('invoice_instalments.id')
    .where('invoice_instalments.status', '=', 'due')
    .where('invoice_instalments.due_on', '>=', range.fromDueOn)
    .where('invoice_instalments.due_on', '<=', range.toDueOn)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('debits').select('debits.id').whereRef('debits.instalment_id', '=', 'invoice_instalments.id'),
        ),
      ),
    );
  if (range.planId) q = q.where('subscriptions.plan_id', '=', range.planId);
  return (await q.execute()).map((r) => r.id);
}

/** Moves instalments to a deferral's new date; a new date needs a new pre-notification, so the old one is cleared. */
export async function deferInstalments(
  tx: Tx,
  ids: string[],
  change: { newDueOn: string; deferralId: string; now: string },
): Promise<void> {
  await inBatches(ids, ID_CHUNK, (slice) =>
    tx
      .updateTable('invoice_instalments')
      .set((eb) => ({
        due_on: change.newDueOn,
        deferral_id: change.deferralId,
        prenotified_at: null,
        prenotified_due_on: null,
        updated_at: change.now,
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', slice)
      .execute(),
  );
}

export async function insertDeferral(tx: Tx, row: Insertable<PaymentDeferralsTable>): Promise<void> {
  await tx.insertInto('payment_deferrals').values(row).execute();
}

/** Each family's payer: its first guardian (the one bills and notices go to first), with the name in full. */
export async function payersOf(tx: Tx, familyIds: string[]) {
  const result = new Map<string, { first_name: string; last_name: string }>();
  const rows = await readInBatches(familyIds, (slice) =>
    tx
      .selectFrom('people')
      .select(['family_id', 'first_name', 'last_name'])
      .where('family_id', 'in', slice)
      .where('kind', '=', 'guardian')
      .orderBy('family_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  for (const r of rows) if (r.family_id && !result.has(r.family_id)) result.set(r.family_id, r);
  return result;
}

/** The teacher of each subscription's file: its latest assignment's teacher (subscription id → full name). */
export async function teachersOfSubscriptions(tx: Tx, subscriptionIds: string[]) {
  const result = new Map<string, string>();
  const rows = await readInBatches(subscriptionIds, (slice) =>
    tx
      .selectFrom('subscriptions')
      .innerJoin('assignments', 'assignments.file_id', 'subscriptions.file_id')
      .innerJoin('people', 'people.id', 'assignments.teacher_id')
      .select(['subscriptions.id', 'people.first_name', 'people.last_name', 'assignments.started_on'])
      .where('subscriptions.id', 'in', slice)
      .orderBy('subscriptions.id')
      .orderBy('assignments.started_on', 'desc')
      .orderBy('assignments.created_at', 'desc')
      .execute(),
  );
  for (const r of rows) if (!result.has(r.id)) result.set(r.id, `${r.first_name} ${r.last_name}`);
  return result;
}

/** Teachers' full names by person id (the lines of a one-off invoice). */
export async function teacherNames(tx: Tx, ids: string[]) {
  const rows = await readInBatches(ids, (slice) =>
    tx
      .selectFrom('people')
      .select(['id', 'first_name', 'last_name'])
      .where('id', 'in', slice)
      .where('kind', '=', 'teacher')
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`] as const));
}

/** What a credit note records as owed back to the family. */
export async function creditedTotal(tx: Tx, invoiceId: string): Promise<number> {
  const row = await tx
    .selectFrom('invoices')
    .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('c'))
    .where('credited_invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.c);
}

/** What was received for an invoice (payments net of returns; credit notes apart). */
export async function receivedFor(tx: Tx, invoiceId: string): Promise<number> {
  const row = await tx
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('p'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.p);
}

/** Whether a teacher's contact was handed over to the family by this day (one of its subscriptions is billable). */
export async function familyHandedOverBy(tx: Tx, familyId: string, day: string): Promise<boolean> {
  const row = await tx
    .selectFrom('subscriptions')
    .select('id')
    .where('family_id', '=', familyId)
    .where('status', '!=', 'pending')
    .where('billable_from', 'is not', null)
    .where('billable_from', '<=', day)
    .executeTakeFirst();
  return !!row;
}
