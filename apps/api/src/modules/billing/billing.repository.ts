import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

/** Every billing query that more than one service needs; plain rows in and out. */

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

export async function paidByInvoice(tx: Tx, invoiceIds: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (!invoiceIds.length) return map;
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const rows = await tx
      .selectFrom('payments')
      .select(['invoice_id', sql<number>`coalesce(sum(amount_cents), 0)`.as('paid')])
      .where('invoice_id', 'in', invoiceIds.slice(i, i + 500))
      .groupBy('invoice_id')
      .execute();
    for (const r of rows) map.set(r.invoice_id, Number(r.paid));
  }
  // Credit notes settle the invoice they credit, as a payment would.
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const credits = await tx
      .selectFrom('invoices')
      .select(['credited_invoice_id', sql<number>`coalesce(sum(amount_cents), 0)`.as('credited')])
      .where('credited_invoice_id', 'in', invoiceIds.slice(i, i + 500))
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
  for (let i = 0; i < familyIds.length; i += 500) {
    const rows = await tx
      .selectFrom('people')
      .select(['family_id', 'email'])
      .where('family_id', 'in', familyIds.slice(i, i + 500))
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
  const result = new Map<string, Awaited<ReturnType<typeof currentMandate>> & object>();
  if (!familyIds.length) return result;
  const rows = await tx
    .selectFrom('sepa_mandates')
    .selectAll()
    .where('family_id', 'in', familyIds)
    .orderBy('family_id')
    .orderBy('signed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  for (const m of rows) {
    const chosen = result.get(m.family_id);
    // Rows come newest first per family: keep the first, unless a later (older) one is the active mandate.
    if (!chosen || (chosen.status !== 'active' && m.status === 'active')) result.set(m.family_id, m);
  }
  return result;
}
