import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { BatchExclusionsTable, CollectionBatchesTable, DB } from '../../db/tables.js';
import { ID_CHUNK, inBatches, readInBatches, rowsPerStatement } from '../../platform/batching.js';
import { pickCurrentMandates } from './billing.repository.js';

/** Collection batches, their debits and exclusions, pre-notifications: the queries of batches.service.ts. */

/**
 * Due SEPA instalments of open invoices, due on or before the date, never put in a batch (nothing charged twice:
 * the unique `debits.instalment_id` holds it too): the candidates of a batch, before any column is chosen.
 */
function candidateInstalments(tx: Tx, collectionDate: string) {
  return tx
    .selectFrom('invoice_instalments')
    .innerJoin('invoices', 'invoices.id', 'invoice_instalments.invoice_id')
    .where('invoice_instalments.status', '=', 'due')
    .where('invoice_instalments.method', '=', 'sepa')
    .where('invoice_instalments.due_on', '<=', collectionDate)
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.status', '=', 'open')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('debits').select('debits.id').whereRef('debits.instalment_id', '=', 'invoice_instalments.id'),
        ),
      ),
    );
}

/** Candidates of a batch, with the subscription's student and hold flag in the same read. */
export async function sepaCandidates(tx: Tx, collectionDate: string) {
  return candidateInstalments(tx, collectionDate)
    .leftJoin('subscriptions', 'subscriptions.id', 'invoices.subscription_id')
    .select([
      'invoice_instalments.id',
      'invoice_instalments.invoice_id',
      'invoice_instalments.amount_cents',
      'invoice_instalments.due_on',
      'invoice_instalments.prenotified_at',
      'invoice_instalments.prenotified_due_on',
      'invoice_instalments.prenotified_amount_cents',
      'invoices.family_id',
      'invoices.subscription_id',
      'invoices.number',
      'invoices.period_start',
      'invoices.period_end',
      'subscriptions.student_id',
      'subscriptions.on_hold',
      'subscriptions.hold_reason',
    ])
    .orderBy('invoices.family_id')
    .orderBy('invoice_instalments.due_on')
    .orderBy('invoice_instalments.id')
    .execute();
}

/**
 * The batch's bulk reads take the ids in hand (the preparation's candidates, or the prepared lines the export's
 * re-check read once), bound as many a statement as the parameter limit allows: measured at 50,000 debits, a
 * subquery over the batch's debits in each read cost 0.4–1.1 s a read, the bound ids 25–300 ms.
 */
function readByIds<R>(ids: readonly string[], read: (slice: string[]) => Promise<R[]>): Promise<R[]> {
  return readInBatches(ids, read, rowsPerStatement(1));
}

/** What the checks of a line read of its mandate (its state for the rules, what a notice shows). */
const MANDATE_CHECK = [
  'sepa_mandates.id',
  'sepa_mandates.family_id',
  'sepa_mandates.rum',
  'sepa_mandates.iban',
  'sepa_mandates.type',
  'sepa_mandates.status',
  'sepa_mandates.signed_on',
  'sepa_mandates.last_used_on',
  'sepa_mandates.final_on_next',
  'sepa_mandates.short_notice_days',
  'sepa_mandates.created_at',
  'sepa_mandates.original_rum',
  'sepa_mandates.creditor_identifier',
] as const;
export type MandateCheck = Pick<
  Selectable<DB['sepa_mandates']>,
  | 'id'
  | 'family_id'
  | 'rum'
  | 'iban'
  | 'type'
  | 'status'
  | 'signed_on'
  | 'last_used_on'
  | 'final_on_next'
  | 'short_notice_days'
  | 'created_at'
  | 'original_rum'
  | 'creditor_identifier'
>;

/** family id → its current mandate (`pickCurrentMandates`), for these families, in one read per parameter limit. */
export async function familyMandates(tx: Tx, familyIds: readonly string[]): Promise<Map<string, MandateCheck>> {
  const rows = await readInBatches(
    familyIds,
    (slice) =>
      tx
        .selectFrom('sepa_mandates')
        .select(MANDATE_CHECK)
        .where('family_id', 'in', slice)
        .orderBy('family_id')
        .orderBy('signed_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute(),
    rowsPerStatement(1),
  );
  return pickCurrentMandates(rows);
}

/** mandate id → the mandate, for these mandates (those a prepared batch's debits were prepared under). */
export async function mandatesById(tx: Tx, mandateIds: readonly string[]): Promise<Map<string, MandateCheck>> {
  const rows = await readByIds(mandateIds, (slice) =>
    tx.selectFrom('sepa_mandates').select(MANDATE_CHECK).where('id', 'in', slice).execute(),
  );
  return new Map(rows.map((m) => [m.id, m]));
}

/** subscription id → "reason (since)" of its open debit hold, for these subscriptions. */
export async function openHoldsOf(tx: Tx, subscriptionIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await readByIds(subscriptionIds, (ids) =>
    tx
      .selectFrom('debit_holds')
      .select(['subscription_id', 'reason', 'since'])
      .where('subscription_id', 'in', ids)
      .where('released_at', 'is', null)
      .execute(),
  );
  return new Map(rows.map((h) => [h.subscription_id, `${h.reason} (${h.since})`]));
}

/** student id → dates of their disputed lessons, for these students. */
export async function disputedLessonDatesOf(tx: Tx, studentIds: readonly string[]): Promise<Map<string, string[]>> {
  const disputes = new Map<string, string[]>();
  // The literal lets both planners use the partial index of disputed lessons.
  const rows = await readByIds(studentIds, (ids) =>
    tx
      .selectFrom('lessons')
      .select(['student_id', 'lesson_date'])
      .where(sql<boolean>`family_response = 'disputed'`)
      .where('student_id', 'in', ids)
      .execute(),
  );
  for (const d of rows) {
    const dates = disputes.get(d.student_id);
    if (dates) dates.push(d.lesson_date);
    else disputes.set(d.student_id, [d.lesson_date]);
  }
  return disputes;
}

/** What a debit copies of its mandate, debtor and invoice when written: what the file shows of it. */
const DEBIT_SNAPSHOT = [
  'mandate_rum',
  'mandate_signed_on',
  'debtor_name',
  'debtor_iban',
  'debtor_bic',
  'debtor_street',
  'debtor_postal_code',
  'debtor_town',
  'debtor_country',
  'remittance',
] as const;

/**
 * One page of a batch's debits of one sequence type, after the id `after` (the file is written page by page): the
 * columns the file shows. Debit ids are time-ordered (`newOrderedId`), so id order is the order they were written in.
 */
export async function debitPage(tx: Tx, batchId: string, sequenceType: string, after: string, limit: number) {
  return tx
    .selectFrom('debits')
    .select(['id', 'end_to_end_id', 'amount_cents', ...DEBIT_SNAPSHOT, 'original_rum', 'original_creditor_identifier'])
    .where('batch_id', '=', batchId)
    .where('sequence_type', '=', sequenceType)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Count and total of a batch's debits per sequence type (the file's payment information blocks). */
export async function debitTotalsBySequence(tx: Tx, batchId: string) {
  return tx
    .selectFrom('debits')
    .select(['sequence_type', sql<number>`count(*)`.as('n'), sql<number>`sum(amount_cents)`.as('total')])
    .where('batch_id', '=', batchId)
    .groupBy('sequence_type')
    .orderBy('sequence_type')
    .execute();
}

/**
 * The first 2,000 lines of a batch by family name. The invoice's number is the debit's remittance (copied from the
 * invoice when the debit was written, never changed): no join with the invoices for the whole batch.
 */
export async function includedLines(tx: Tx, batchId: string) {
  return tx
    .selectFrom('debits')
    .innerJoin('families', 'families.id', 'debits.family_id')
    .select([
      'debits.id',
      'debits.instalment_id',
      'debits.invoice_id',
      'debits.family_id',
      'debits.amount_cents',
      'debits.sequence_type',
      'debits.status',
      'debits.remittance as number',
      'families.name',
    ])
    .where('debits.batch_id', '=', batchId)
    .orderBy('families.name')
    .orderBy('debits.id')
    .limit(2000)
    .execute();
}

export async function excludedLines(tx: Tx, batchId: string) {
  return tx
    .selectFrom('batch_exclusions')
    .innerJoin('invoices', 'invoices.id', 'batch_exclusions.invoice_id')
    .innerJoin('families', 'families.id', 'batch_exclusions.family_id')
    .select([
      'batch_exclusions.instalment_id',
      'batch_exclusions.invoice_id',
      'batch_exclusions.family_id',
      'batch_exclusions.amount_cents',
      'batch_exclusions.reason',
      'batch_exclusions.detail',
      'invoices.number',
      'families.name',
    ])
    .where('batch_exclusions.batch_id', '=', batchId)
    .orderBy('families.name')
    .limit(2000)
    .execute();
}

/**
 * Claims instalments for a pre-notification, per chunk of ids: only those not notified yet, so a second sweep
 * (or instance) finds them taken and sends nothing. Returns the ids claimed.
 */
export async function claimPreNotification(
  tx: Tx,
  announced: { id: string; announcedOn: string }[],
  now: string,
): Promise<Set<string>> {
  // One statement per announced date (a sweep's notices share a handful), each chunked by ids.
  const byDate = new Map<string, string[]>();
  for (const a of announced) byDate.set(a.announcedOn, [...(byDate.get(a.announcedOn) ?? []), a.id]);
  const claimed = new Set<string>();
  for (const [announcedOn, ids] of byDate) {
    const rows = await readInBatches(ids, (slice) =>
      tx
        .updateTable('invoice_instalments')
        .set((eb) => ({
          prenotified_at: now,
          prenotified_due_on: announcedOn,
          prenotified_amount_cents: eb.ref('amount_cents'),
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', 'in', slice)
        .where('prenotified_at', 'is', null)
        .returning('id')
        .execute(),
    );
    for (const r of rows) claimed.add(r.id);
  }
  return claimed;
}

/**
 * Records notices a batch preparation sends for its collection date: a new notice restarts the delay
 * (`prenotified_at` is now), a notice of a later date keeps the first notice's time.
 */
export async function recordBatchNotices(
  tx: Tx,
  ids: { renewed: string[]; postponed: string[] },
  collectionDate: string,
  now: string,
): Promise<void> {
  await inBatches(ids.renewed, ID_CHUNK, (slice) =>
    tx
      .updateTable('invoice_instalments')
      .set((eb) => ({
        prenotified_at: now,
        prenotified_due_on: collectionDate,
        prenotified_amount_cents: eb.ref('amount_cents'),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', slice)
      .execute(),
  );
  await inBatches(ids.postponed, ID_CHUNK, (slice) =>
    tx
      .updateTable('invoice_instalments')
      .set((eb) => ({
        prenotified_due_on: collectionDate,
        prenotified_amount_cents: eb.ref('amount_cents'),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', slice)
      .execute(),
  );
}

/** family id → the language it reads mail in, per chunk of ids. */
export async function familyLocales(tx: Tx, familyIds: string[]): Promise<Map<string, string>> {
  const rows = await readInBatches(familyIds, (slice) =>
    tx.selectFrom('families').select(['id', 'locale']).where('id', 'in', slice).execute(),
  );
  return new Map(rows.map((f) => [f.id, f.locale]));
}

export async function insertBatch(tx: Tx, row: Insertable<CollectionBatchesTable>): Promise<void> {
  await tx.insertInto('collection_batches').values(row).execute();
}

/**
 * What each mandate's earlier collections say about its next one (see `SequenceHistory` in billing-rules.ts), for
 * these mandates, in one grouped read; a prepared batch re-checked leaves its own debits out (`exceptBatchId`).
 */
export async function sequenceHistoriesOf(
  tx: Tx,
  mandateIds: readonly string[],
  exceptBatchId: string | null,
): Promise<Map<string, { used: number; closed: number; firstPending: number; latestDate: string | null }>> {
  const rows = await readByIds(mandateIds, (ids) =>
    tx
      .selectFrom('debits')
      .innerJoin('collection_batches', 'collection_batches.id', 'debits.batch_id')
      .select([
        'debits.mandate_id',
        sql<number>`sum(case when debits.status = 'exported' or (debits.status = 'returned' and debits.return_kind = 'refund') then 1 else 0 end)`.as(
          'used',
        ),
        sql<number>`sum(case when debits.sequence_type in ('FNAL', 'OOFF') then 1 else 0 end)`.as('closed'),
        sql<number>`sum(case when debits.status = 'prepared' and debits.sequence_type in ('FRST', 'OOFF') then 1 else 0 end)`.as(
          'first_pending',
        ),
        sql<
          string | null
        >`max(case when debits.status in ('prepared', 'exported') or debits.return_kind = 'refund' then collection_batches.collection_date end)`.as(
          'latest_date',
        ),
      ])
      .where('debits.mandate_id', 'in', ids)
      .$if(exceptBatchId !== null, (q) => q.where('debits.batch_id', '!=', exceptBatchId as string))
      .groupBy('debits.mandate_id')
      .execute(),
  );
  return new Map(
    rows.map((r) => [
      r.mandate_id,
      {
        used: Number(r.used),
        closed: Number(r.closed),
        firstPending: Number(r.first_pending),
        latestDate: r.latest_date,
      },
    ]),
  );
}

/**
 * A prepared batch's debits with what the export re-checks: the instalment and invoice as they are now (with what is
 * left to pay on it, `InvoiceBalance`), the subscription's student and hold flag — the same shape as
 * `sepaCandidates`, plus the debit. The balance is read here rather than in a read of its own: that second pass over
 * the batch's invoices cost 0.35–0.9 s at 50,000 debits.
 */
/** The invoices a batch's debits collect. */
export async function batchInvoiceIds(tx: Tx, batchId: string): Promise<string[]> {
  const rows = await tx.selectFrom('debits').select('invoice_id').distinct().where('batch_id', '=', batchId).execute();
  return rows.map((r) => r.invoice_id);
}

export async function preparedLines(tx: Tx, batchId: string) {
  return tx
    .selectFrom('debits')
    .innerJoin('invoice_instalments', 'invoice_instalments.id', 'debits.instalment_id')
    .innerJoin('invoices', 'invoices.id', 'debits.invoice_id')
    .leftJoin('subscriptions', 'subscriptions.id', 'invoices.subscription_id')
    .select([
      'invoice_instalments.id',
      'invoice_instalments.invoice_id',
      'debits.amount_cents',
      'invoice_instalments.due_on',
      'invoice_instalments.prenotified_at',
      'invoice_instalments.prenotified_due_on',
      'invoice_instalments.prenotified_amount_cents',
      'invoice_instalments.status as instalment_status',
      'invoices.family_id',
      'invoices.subscription_id',
      'invoices.number',
      'invoices.period_start',
      'invoices.period_end',
      'invoices.status as invoice_status',
      'subscriptions.student_id',
      'subscriptions.on_hold',
      'subscriptions.hold_reason',
      'debits.id as debit_id',
      'debits.mandate_id',
      'debits.sequence_type',
      sql<number>`invoices.amount_cents
          - coalesce((select sum(p.amount_cents) from payments p where p.invoice_id = invoices.id), 0)`.as(
        'invoice_unpaid',
      ),
      sql<number>`coalesce((select sum(c.amount_cents) from invoices c where c.credited_invoice_id = invoices.id), 0)`.as(
        'invoice_credited',
      ),
    ])
    .where('debits.batch_id', '=', batchId)
    .where('debits.status', '=', 'prepared')
    .orderBy('invoices.family_id')
    .orderBy('invoice_instalments.due_on')
    .orderBy('invoice_instalments.id')
    .execute();
}

/**
 * What is left on an invoice: `owed` after payments (returns are negative) and credit notes, which the re-check
 * compares to the lines; `unpaid` after payments, which closes the invoice once collected (paid when its payments
 * reach its amount, as `refreshInvoiceStatus` decides).
 */
export type InvoiceBalance = { owed: number; unpaid: number };

/** Takes debits out of a prepared batch (a re-check found they no longer qualify). */
export async function deleteDebits(tx: Tx, ids: string[]): Promise<void> {
  await inBatches(ids, rowsPerStatement(1), (slice) =>
    tx.deleteFrom('debits').where('id', 'in', slice).where('status', '=', 'prepared').execute(),
  );
}

/** Sets the sequence type of prepared debits (a re-check found the mandate's history moved). */
export async function setSequenceTypes(tx: Tx, sequenceType: string, ids: string[], now: string): Promise<void> {
  await inBatches(ids, rowsPerStatement(1), (slice) =>
    tx
      .updateTable('debits')
      .set((eb) => ({ sequence_type: sequenceType, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', 'in', slice)
      .execute(),
  );
}

/**
 * The one way a prepared batch changes: these columns set and the version bumped, where the batch is still prepared
 * at this version; false when someone else changed it (or it left `prepared`).
 */
async function updatePreparedBatch(
  tx: Tx,
  id: string,
  version: number,
  set: Updateable<CollectionBatchesTable>,
): Promise<boolean> {
  const res = await tx
    .updateTable('collection_batches')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'prepared')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Moves a prepared batch to another collection date (and its message id with it); false when stale. */
export async function redateBatch(
  tx: Tx,
  id: string,
  version: number,
  change: { collectionDate: string; reference: string; now: string },
): Promise<boolean> {
  return updatePreparedBatch(tx, id, version, {
    collection_date: change.collectionDate,
    reference: change.reference,
    updated_at: change.now,
  });
}

/** The exported file is kept as written, in parts of about a megabyte (the download streams them back). */
export async function insertFilePart(tx: Tx, batchId: string, part: number, content: string): Promise<void> {
  await tx.insertInto('collection_batch_file_parts').values({ batch_id: batchId, part, content }).execute();
}

/** One stored part of an exported file, or undefined past the last. */
export async function filePart(tx: Tx, batchId: string, part: number): Promise<string | undefined> {
  const row = await tx
    .selectFrom('collection_batch_file_parts')
    .select('content')
    .where('batch_id', '=', batchId)
    .where('part', '=', part)
    .executeTakeFirst();
  return row?.content;
}

/** What the preparation decides for a debit; the rest of its row is copied from its instalment and mandate. */
export type DebitChoice = {
  id: string;
  instalmentId: string;
  mandateId: string;
  sequenceType: string;
  endToEndId: string;
};

/**
 * A batch's debits, set-based: each statement binds only the choices (five values a debit, as many debits as the
 * parameter limit allows) and copies the rest in SQL: the instalment's amount, the invoice's family and number, and
 * the snapshot of the mandate and debtor (the street is the address lines joined with ", ", empty ones left out).
 */
export async function insertDebits(tx: Tx, batchId: string, debits: DebitChoice[], now: string): Promise<void> {
  type Chosen = { column1: string; column2: string; column3: string; column4: string; column5: string };
  await inBatches(debits, rowsPerStatement(5), (slice) => {
    const chosen = sql<Chosen>`(values ${sql.join(
      slice.map((d) => sql`(${d.id}, ${d.instalmentId}, ${d.mandateId}, ${d.sequenceType}, ${d.endToEndId})`),
    )})`.as('v');
    return tx
      .insertInto('debits')
      .columns([
        'id',
        'batch_id',
        'instalment_id',
        'invoice_id',
        'mandate_id',
        'family_id',
        'amount_cents',
        'sequence_type',
        'end_to_end_id',
        ...DEBIT_SNAPSHOT,
        'status',
        'created_at',
        'updated_at',
      ])
      .expression(
        tx
          .selectFrom(chosen)
          .innerJoin('invoice_instalments as i', 'i.id', 'v.column2')
          .innerJoin('invoices as inv', 'inv.id', 'i.invoice_id')
          .innerJoin('sepa_mandates as m', 'm.id', 'v.column3')
          .select([
            'v.column1',
            sql<string>`${batchId}`.as('batch_id'),
            'i.id as instalment_id',
            'i.invoice_id',
            'm.id as mandate_id',
            'inv.family_id',
            'i.amount_cents',
            'v.column4',
            'v.column5',
            'm.rum',
            'm.signed_on',
            'm.debtor_name',
            'm.iban',
            'm.bic',
            sql<string>`case when coalesce(m.debtor_line1, '') = '' then coalesce(m.debtor_line2, '')
              when coalesce(m.debtor_line2, '') = '' then m.debtor_line1
              else m.debtor_line1 || ', ' || m.debtor_line2 end`.as('debtor_street'),
            'm.debtor_postal_code',
            'm.debtor_city',
            'm.debtor_country',
            'inv.number',
            sql<string>`'prepared'`.as('status'),
            sql<string>`${now}`.as('created_at'),
            sql<string>`${now}`.as('updated_at'),
          ]),
      )
      .execute();
  });
}

export async function insertExclusions(tx: Tx, rows: Insertable<BatchExclusionsTable>[]): Promise<void> {
  await inBatches(rows, rowsPerStatement(8), (slice) => tx.insertInto('batch_exclusions').values(slice).execute());
}

export async function setBatchTotals(tx: Tx, id: string, debitCount: number, totalCents: number): Promise<void> {
  await tx
    .updateTable('collection_batches')
    .set({ debit_count: debitCount, total_cents: totalCents })
    .where('id', '=', id)
    .execute();
}

/** SEPA instalments of open invoices due by `horizon` and not pre-notified yet, grouped by family. */
export async function instalmentsToPreNotify(tx: Tx, horizon: string) {
  return tx
    .selectFrom('invoice_instalments')
    .innerJoin('invoices', 'invoices.id', 'invoice_instalments.invoice_id')
    .select([
      'invoice_instalments.id',
      'invoice_instalments.due_on',
      'invoice_instalments.amount_cents',
      'invoices.number',
      'invoices.family_id',
    ])
    .where('invoice_instalments.status', '=', 'due')
    .where('invoice_instalments.method', '=', 'sepa')
    .where('invoice_instalments.prenotified_at', 'is', null)
    .where('invoice_instalments.due_on', '<=', horizon)
    .where('invoices.status', '=', 'open')
    .orderBy('invoices.family_id')
    .execute();
}

/** A family's SEPA instalments due by `through` and not pre-notified yet (a debit schedule lists them). */
export async function familyInstalmentsToSchedule(tx: Tx, familyId: string, through: string) {
  return tx
    .selectFrom('invoice_instalments')
    .innerJoin('invoices', 'invoices.id', 'invoice_instalments.invoice_id')
    .select([
      'invoice_instalments.id',
      'invoice_instalments.due_on',
      'invoice_instalments.amount_cents',
      'invoices.number',
    ])
    .where('invoices.family_id', '=', familyId)
    .where('invoice_instalments.status', '=', 'due')
    .where('invoice_instalments.method', '=', 'sepa')
    .where('invoice_instalments.prenotified_at', 'is', null)
    .where('invoice_instalments.due_on', '<=', through)
    .orderBy('invoice_instalments.due_on')
    .execute();
}

export async function latestBatches(tx: Tx) {
  return tx
    .selectFrom('collection_batches')
    .selectAll()
    .orderBy('collection_date', 'desc')
    .orderBy('prepared_at', 'desc')
    .limit(200)
    .execute();
}

export async function findBatch(tx: Tx, id: string): Promise<Selectable<CollectionBatchesTable> | undefined> {
  return tx.selectFrom('collection_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Cancels a prepared batch at this version; false when someone else changed it. */
export async function cancelPreparedBatch(tx: Tx, id: string, version: number, now: string): Promise<boolean> {
  return updatePreparedBatch(tx, id, version, { status: 'cancelled', debit_count: 0, total_cents: 0, updated_at: now });
}

/** The batch's prepared debits go: their instalments return to the pool. */
export async function deletePreparedDebits(tx: Tx, batchId: string): Promise<void> {
  await tx.deleteFrom('debits').where('batch_id', '=', batchId).where('status', '=', 'prepared').execute();
}

/** Freezes a prepared batch at this version as exported; false when someone else changed it. */
export async function markBatchExported(
  tx: Tx,
  id: string,
  version: number,
  change: { format: string; now: string; by: string | null },
): Promise<boolean> {
  return updatePreparedBatch(tx, id, version, {
    status: 'exported',
    format: change.format,
    exported_at: change.now,
    exported_by: change.by,
    updated_at: change.now,
  });
}

export async function setBatchFileHash(tx: Tx, id: string, sha256: string): Promise<void> {
  await tx.updateTable('collection_batches').set({ file_sha256: sha256 }).where('id', '=', id).execute();
}

/**
 * What an exported batch settles, set-based: its debits and instalments are marked, each debit becomes a
 * collection payment (taking the debit's id, found again on a return), the mandates record their use (a final or
 * one-off debit ends its mandate), and the invoices the collection pays in full (`paidInvoiceIds`, decided from the
 * balances the re-check read in the same transaction) are closed.
 */
export async function recordCollection(
  tx: Tx,
  batch: { id: string; collection_date: string },
  paidInvoiceIds: readonly string[],
  now: string,
  by: string | null,
): Promise<void> {
  const batchId = batch.id;
  await tx
    .updateTable('debits')
    .set((eb) => ({ status: 'exported', updated_at: now, version: eb('version', '+', 1) }))
    .where('batch_id', '=', batchId)
    .execute();
  await tx
    .updateTable('invoice_instalments')
    .set((eb) => ({ status: 'debited', updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb.selectFrom('debits').select('debits.instalment_id').where('debits.batch_id', '=', batchId),
    )
    .execute();
  await tx
    .insertInto('payments')
    .columns([
      'id',
      'family_id',
      'invoice_id',
      'instalment_id',
      'debit_id',
      'method',
      'amount_cents',
      'received_on',
      'cash_on',
      'reference',
      'note',
      'created_by',
      'created_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('debits')
        .select([
          'debits.id',
          'debits.family_id',
          'debits.invoice_id',
          'debits.instalment_id',
          'debits.id as debit_id',
          sql<string>`'sepa'`.as('method'),
          'debits.amount_cents',
          sql<string>`${batch.collection_date}`.as('received_on'),
          sql<string | null>`null`.as('cash_on'),
          'debits.end_to_end_id',
          sql<string | null>`null`.as('note'),
          sql<string | null>`${by}`.as('created_by'),
          sql<string>`${now}`.as('created_at'),
        ])
        .where('debits.batch_id', '=', batchId),
    )
    .execute();
  await tx
    .updateTable('sepa_mandates')
    .set((eb) => ({ last_used_on: batch.collection_date, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb.selectFrom('debits').select('debits.mandate_id').where('debits.batch_id', '=', batchId),
    )
    .execute();
  // A final or one-off debit ends its mandate; so does any debit of a mandate flagged to end (its first collection
  // took FRST, a series cannot start with FNAL).
  await tx
    .updateTable('sepa_mandates')
    .set({ status: 'ended', ended_on: batch.collection_date, ended_reason: 'final_debit' })
    .where('id', 'in', (eb) =>
      eb.selectFrom('debits').select('debits.mandate_id').where('debits.batch_id', '=', batchId),
    )
    .where((eb) =>
      eb.or([
        eb('final_on_next', '=', 1),
        eb('id', 'in', (sub) =>
          sub
            .selectFrom('debits')
            .select('debits.mandate_id')
            .where('debits.batch_id', '=', batchId)
            .where('debits.sequence_type', 'in', ['FNAL', 'OOFF']),
        ),
      ]),
    )
    .execute();
  await inBatches(paidInvoiceIds, rowsPerStatement(1), (slice) =>
    tx
      .updateTable('invoices')
      .set((eb) => ({ status: 'paid', updated_at: now, version: eb('version', '+', 1) }))
      .where('id', 'in', slice)
      .where('status', '=', 'open')
      .execute(),
  );
}

/** A debit with its batch's collection date and its invoice's number. */
export async function findDebit(tx: Tx, debitId: string) {
  return tx
    .selectFrom('debits')
    .innerJoin('collection_batches', 'collection_batches.id', 'debits.batch_id')
    .innerJoin('invoices', 'invoices.id', 'debits.invoice_id')
    .selectAll('debits')
    .select(['collection_batches.collection_date', 'collection_batches.exported_at', 'invoices.number'])
    .where('debits.id', '=', debitId)
    .executeTakeFirst();
}

/** Marks an exported debit returned; false when it is no longer exported (someone else returned it). */
export async function markDebitReturned(
  tx: Tx,
  debitId: string,
  change: { on: string; kind: string; reason: string; now: string },
): Promise<boolean> {
  const res = await tx
    .updateTable('debits')
    .set((eb) => ({
      status: 'returned',
      returned_on: change.on,
      return_kind: change.kind,
      return_reason: change.reason,
      updated_at: change.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', debitId)
    .where('status', '=', 'exported')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markInstalmentReturned(tx: Tx, instalmentId: string, now: string): Promise<void> {
  await tx
    .updateTable('invoice_instalments')
    .set((eb) => ({ status: 'returned', updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', instalmentId)
    .execute();
}

/** The next instalment number of an invoice (a returned amount's new instalment comes after the others). */
export async function nextInstalmentSeq(tx: Tx, invoiceId: string): Promise<number> {
  const row = await tx
    .selectFrom('invoice_instalments')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/**
 * At export, the debits of amended mandates (`amendedMandateIds`: a changed RUM, or signed under another creditor
 * identifier than `ics`) take the mandate's current RUM and the amendment the file carries: the former RUM
 * (`original_rum`) and the former creditor identifier. Only those mandates' debits are touched.
 */
export async function stampAmendments(
  tx: Tx,
  batchId: string,
  amendedMandateIds: readonly string[],
  ics: string,
  now: string,
): Promise<void> {
  const mandate = (column: 'rum' | 'original_rum' | 'creditor_identifier') =>
    sql<string | null>`(select m.${sql.ref(column)} from sepa_mandates m where m.id = debits.mandate_id)`;
  await inBatches(amendedMandateIds, rowsPerStatement(1), (slice) =>
    tx
      .updateTable('debits')
      .set({
        mandate_rum: sql<string>`${mandate('rum')}`,
        original_rum: mandate('original_rum'),
        original_creditor_identifier: sql<
          string | null
        >`(select case when m.creditor_identifier <> ${ics} then m.creditor_identifier end from sepa_mandates m where m.id = debits.mandate_id)`,
        updated_at: now,
      })
      .where('batch_id', '=', batchId)
      .where('mandate_id', 'in', slice)
      .execute(),
  );
}

/** After the export, the amendment is carried: the mandate now stands under its new RUM and the current ICS. */
export async function consumeAmendments(
  tx: Tx,
  amendedMandateIds: readonly string[],
  ics: string,
  now: string,
): Promise<void> {
  await inBatches(amendedMandateIds, ID_CHUNK, (slice) =>
    tx
      .updateTable('sepa_mandates')
      .set((eb) => ({ original_rum: null, creditor_identifier: ics, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', 'in', slice)
      .execute(),
  );
}
