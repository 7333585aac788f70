import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { PaymentsTable, SepaMandatesTable } from '../../db/tables.js';
import { ID_CHUNK, inBatches, readInBatches, slices } from '../../platform/batching.js';
import { isSqlite } from '../../db/migration-helpers.js';

/** Every billing query that more than one service needs, and the family overview's reads; plain rows in and out. */

/** Next number of a series for a year, inside the caller's transaction. On PostgreSQL the UPDATE takes the
 * counter's row lock until commit, so concurrent issuers queue; on SQLite the write transaction serialises.
 * A rolled-back issue rolls the counter back too: numbers never skip. */
export async function allocateNumber(tx: Tx, series: string, year: number): Promise<number> {
  await tx
    .insertInto('billing_counters')
    .values({ series, year, last_value: 0 })
    .onConflict((oc) => oc.columns(['series', 'year']).doNothing())
    .execute();
  const row = await tx
    .updateTable('billing_counters')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('series', '=', series)
    .where('year', '=', year)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

/** `count` consecutive numbers at once (bulk issuing); returns the last one, the block being last-count+1…last. */
export async function allocateNumbers(tx: Tx, series: string, year: number, count: number): Promise<number> {
  await tx
    .insertInto('billing_counters')
    .values({ series, year, last_value: 0 })
    .onConflict((oc) => oc.columns(['series', 'year']).doNothing())
    .execute();
  const row = await tx
    .updateTable('billing_counters')
    .set((eb) => ({ last_value: eb('last_value', '+', count) }))
    .where('series', '=', series)
    .where('year', '=', year)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export function formatNumber(series: string, year: number, value: number): string {
  return `${series}${year}-${String(value).padStart(6, '0')}`;
}

export async function findInvoice(tx: Tx, id: string) {
  return tx.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the invoices' row locks until the transaction ends, in id order (two lockers never wait on each other in a
 * circle). What changes an invoice's balance (a payment, a credit note, a collection's export) locks it first, so one
 * never settles from a balance another is changing: on PostgreSQL a second one waits and then reads the first's
 * result. SQLite runs one write transaction at a time: there, nothing to lock.
 */
export async function lockInvoices(tx: Tx, ids: readonly string[]): Promise<void> {
  if (!ids.length || isSqlite(tx)) return;
  await inBatches([...new Set(ids)].sort(), ID_CHUNK, (slice) =>
    tx.selectFrom('invoices').select('id').where('id', 'in', slice).orderBy('id').forUpdate().execute(),
  );
}

/**
 * findInvoice with the invoice's row lock taken in the same statement (lockInvoices for one invoice that is then
 * read): what settles one invoice (a payment, a credit note) waits for a collection's export changing its balance,
 * then reads its result. SQLite's write transaction serialises instead.
 */
export async function findInvoiceForUpdate(tx: Tx, id: string) {
  const query = tx.selectFrom('invoices').selectAll().where('id', '=', id);
  return (isSqlite(tx) ? query : query.forUpdate()).executeTakeFirst();
}

export async function paidByInvoice(tx: Tx, invoiceIds: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (!invoiceIds.length) return map;
  for (const slice of slices(invoiceIds, ID_CHUNK)) {
    const rows = await tx
      .selectFrom('payments')
      .select(['invoice_id', sql<number>`coalesce(sum(amount_cents), 0)`.as('paid')])
      .where('invoice_id', 'in', slice)
      .groupBy('invoice_id')
      .execute();
    for (const r of rows) map.set(r.invoice_id, Number(r.paid));
  }
  // Credit notes settle the invoice they credit, as a payment would.
  for (const slice of slices(invoiceIds, ID_CHUNK)) {
    const credits = await tx
      .selectFrom('invoices')
      .select(['credited_invoice_id', sql<number>`coalesce(sum(amount_cents), 0)`.as('credited')])
      .where('credited_invoice_id', 'in', slice)
      .groupBy('credited_invoice_id')
      .execute();
    for (const c of credits)
      if (c.credited_invoice_id)
        map.set(c.credited_invoice_id, (map.get(c.credited_invoice_id) ?? 0) + Number(c.credited));
  }
  return map;
}

export async function instalmentsOf(tx: Tx, invoiceIds: string[]) {
  if (!invoiceIds.length) return [];
  return tx
    .selectFrom('invoice_instalments')
    .selectAll()
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id')
    .orderBy('seq')
    .execute();
}

/** Re-derives an invoice's settlement status from what was paid or credited. */
export async function refreshInvoiceStatus(tx: Tx, invoiceId: string, at: string): Promise<string> {
  const invoice = await findInvoice(tx, invoiceId);
  if (!invoice || invoice.kind !== 'invoice') return invoice?.status ?? 'open';
  const paid = (await paidByInvoice(tx, [invoiceId])).get(invoiceId) ?? 0;
  const credited = await tx
    .selectFrom('invoices')
    .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('c'))
    .where('credited_invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  const status =
    Number(credited.c) >= invoice.amount_cents ? 'cancelled' : paid >= invoice.amount_cents ? 'paid' : 'open';
  if (status !== invoice.status) {
    await tx
      .updateTable('invoices')
      .set((eb) => ({ status, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', invoiceId)
      .execute();
  }
  return status;
}

/** The e-mail of the family's first guardian who has one: where bills and notices go. */
export async function familyEmail(tx: Tx, familyId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('people')
    .select('email')
    .where('family_id', '=', familyId)
    .where('kind', '=', 'guardian')
    .where('email', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return row?.email ?? null;
}

/** familyEmail for many families at once: family id → the address (families without one are absent). */
export async function familyEmails(tx: Tx, familyIds: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const slice of slices(familyIds, ID_CHUNK)) {
    const rows = await tx
      .selectFrom('people')
      .select(['family_id', 'email'])
      .where('family_id', 'in', slice)
      .where('kind', '=', 'guardian')
      .where('email', 'is not', null)
      .orderBy('family_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) if (r.family_id && r.email && !result.has(r.family_id)) result.set(r.family_id, r.email);
  }
  return result;
}

/** The mandate a debit would use: the family's most recently signed active one, else its latest. */
export async function currentMandate(tx: Tx, familyId: string) {
  const rows = await tx
    .selectFrom('sepa_mandates')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('signed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.find((m) => m.status === 'active') ?? rows[0] ?? null;
}

/** currentMandate for many families at once: family id → its current mandate (families without one are absent). */
export async function currentMandates(tx: Tx, familyIds: string[]) {
  if (!familyIds.length) return new Map<string, Selectable<SepaMandatesTable>>();
  const rows = await tx
    .selectFrom('sepa_mandates')
    .selectAll()
    .where('family_id', 'in', familyIds)
    .orderBy('family_id')
    .orderBy('signed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return pickCurrentMandates(rows);
}

/**
 * family id → its current mandate, from mandate rows ordered newest first per family (as `currentMandate` chooses:
 * the newest active one, else the newest).
 */
export function pickCurrentMandates<M extends { family_id: string; status: string }>(rows: M[]): Map<string, M> {
  const result = new Map<string, M>();
  for (const m of rows) {
    const chosen = result.get(m.family_id);
    // Rows come newest first per family: keep the first, unless a later (older) one is the active mandate.
    if (!chosen || (chosen.status !== 'active' && m.status === 'active')) result.set(m.family_id, m);
  }
  return result;
}

/** A family's whole row (the payer's snapshot on an invoice, a certificate's address). */
export async function findFamily(tx: Tx, id: string) {
  return tx.selectFrom('families').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whole family rows by id, read per chunk of ids. */
export async function familiesByIds(tx: Tx, ids: string[], size = ID_CHUNK) {
  return readInBatches(ids, (slice) => tx.selectFrom('families').selectAll().where('id', 'in', slice).execute(), size);
}

/** The language a family reads its mail in. */
export async function familyLocale(tx: Tx, familyId: string) {
  return tx.selectFrom('families').select('locale').where('id', '=', familyId).executeTakeFirstOrThrow();
}

/** A payment (cheque, transfer, card, aid, a collected or returned debit). */
export async function insertPayment(tx: Tx, row: Insertable<PaymentsTable>): Promise<void> {
  await tx.insertInto('payments').values(row).execute();
}

/** Every saved organisation setting, in one read (billing pages and sweeps read several on every request). */
export async function savedSettings(tx: Tx) {
  return tx.selectFrom('settings').select(['key', 'value']).execute();
}

/** The family a billing record (a mandate, a certificate) belongs to. */
export async function familyOfRecord(tx: Tx, table: 'sepa_mandates' | 'tax_certificates', id: string) {
  const query = sql<{ family_id: string }>`select family_id from ${sql.table(table)} where id = ${id}`;
  return (await query.execute(tx)).rows[0];
}

// The family overview (accounts' ticket page): invoices, debits, lessons and mandates side by side.

export async function familyHeader(tx: Tx, familyId: string) {
  return tx.selectFrom('families').select(['id', 'name']).where('id', '=', familyId).executeTakeFirst();
}

export async function latestInvoicesOfFamily(tx: Tx, familyId: string) {
  return tx
    .selectFrom('invoices')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('issued_on', 'desc')
    .orderBy('number', 'desc')
    .limit(200)
    .execute();
}

export async function latestDebitsOfFamily(tx: Tx, familyId: string) {
  return tx
    .selectFrom('debits')
    .innerJoin('collection_batches', 'collection_batches.id', 'debits.batch_id')
    .innerJoin('invoices', 'invoices.id', 'debits.invoice_id')
    .select([
      'debits.id',
      'debits.batch_id',
      'collection_batches.collection_date',
      'invoices.number',
      'debits.amount_cents',
      'debits.sequence_type',
      'debits.status',
      'debits.return_reason',
    ])
    .where('debits.family_id', '=', familyId)
    .orderBy('collection_batches.collection_date', 'desc')
    .limit(200)
    .execute();
}

export async function latestLessonsOfFamily(tx: Tx, familyId: string) {
  return tx
    .selectFrom('lessons')
    .innerJoin('people as t', 't.id', 'lessons.teacher_id')
    .innerJoin('people as s', 's.id', 'lessons.student_id')
    .select([
      'lessons.id',
      'lessons.lesson_date',
      'lessons.minutes',
      'lessons.status',
      'lessons.place',
      'lessons.family_response',
      't.first_name as tf',
      't.last_name as tl',
      's.first_name as sf',
    ])
    .where('lessons.family_id', '=', familyId)
    .orderBy('lessons.lesson_date', 'desc')
    .limit(200)
    .execute();
}

/** The family's mandates, most recently signed first (the overview's order). */
export async function mandatesOfFamilyBySigning(tx: Tx, familyId: string) {
  return tx
    .selectFrom('sepa_mandates')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('signed_on', 'desc')
    .execute();
}
