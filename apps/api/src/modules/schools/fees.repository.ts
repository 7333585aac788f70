import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** Queries of school fees and cancellations (fees.service.ts decides). */

export type PlaceRow = Awaited<ReturnType<typeof placesOfFamily>>[number];
export type ItemRow = Selectable<DB['school_fee_items']>;
export type SpecialRuleRow = Selectable<DB['cancellation_special_rules']>;

/** A family's places in the season's courses (every status), with the course and the student. */
export async function placesOfFamily(db: Tx, familyId: string, seasonId: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .innerJoin('people as p', 'p.id', 'e.student_id')
    .select([
      'e.id',
      'e.course_id',
      'e.student_id',
      'e.family_id',
      'e.status',
      'e.starts_on',
      'e.cancelled_on',
      'e.cancel_reason',
      'e.version',
      'c.school_id',
      'c.season_id',
      'c.discipline',
      'c.level',
      'c.duration_minutes',
      's.name as school_name',
      'p.first_name',
      'p.last_name',
    ])
    .where('e.family_id', '=', familyId)
    .where('c.season_id', '=', seasonId)
    .orderBy('p.first_name')
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** One place with its course's school and season. */
export async function findPlace(db: Tx, enrolmentId: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select([
      'e.id',
      'e.family_id',
      'e.status',
      'e.starts_on',
      'e.version',
      'c.school_id',
      'c.season_id',
      'c.discipline',
      'c.level',
    ])
    .where('e.id', '=', enrolmentId)
    .executeTakeFirst();
}

/** Locks the family's row until the transaction ends (a no-op update: both engines). */
export async function lockFamily(tx: Tx, familyId: string): Promise<void> {
  await tx
    .updateTable('families')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', familyId)
    .execute();
}

/** The schools where a family has a place in a season (any status): a secretariat member's reach over the family. */
export async function schoolsOfFamily(db: Tx, familyId: string, seasonId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select('c.school_id')
    .distinct()
    .where('e.family_id', '=', familyId)
    .where('c.season_id', '=', seasonId)
    .execute();
  return rows.map((r) => r.school_id);
}

/** The latest season in which a family has a place. */
export async function latestSeasonOfFamily(db: Tx, familyId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .innerJoin('seasons as s', 's.id', 'c.season_id')
    .select('s.id')
    .where('e.family_id', '=', familyId)
    .orderBy('s.starts_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function familyName(db: Tx, familyId: string): Promise<string | undefined> {
  return (await db.selectFrom('families').select('name').where('id', '=', familyId).executeTakeFirst())?.name;
}

export async function itemsOf(db: Tx, familyId: string, seasonId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('school_fee_items')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('season_id', '=', seasonId)
    .orderBy('created_at')
    .orderBy('kind', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertItems(tx: Tx, rows: Insertable<DB['school_fee_items']>[]): Promise<void> {
  if (rows.length) await tx.insertInto('school_fee_items').values(rows).execute();
}

export async function addCredited(tx: Tx, itemId: string, cents: number): Promise<void> {
  await tx
    .updateTable('school_fee_items')
    .set({ credited_cents: sql<number>`credited_cents + ${cents}` })
    .where('id', '=', itemId)
    .execute();
}

export async function solidarityBand(db: Tx, familyId: string, seasonId: string): Promise<string | null> {
  const row = await db
    .selectFrom('family_solidarity_bands')
    .select('criterion')
    .where('family_id', '=', familyId)
    .where('season_id', '=', seasonId)
    .executeTakeFirst();
  return row?.criterion ?? null;
}

export async function setSolidarityBand(
  tx: Tx,
  row: Insertable<DB['family_solidarity_bands']>,
  criterion: string | null,
): Promise<void> {
  await tx
    .deleteFrom('family_solidarity_bands')
    .where('family_id', '=', row.family_id)
    .where('season_id', '=', row.season_id)
    .execute();
  if (criterion) await tx.insertInto('family_solidarity_bands').values(row).execute();
}

export async function findPlan(db: Tx, familyId: string, seasonId: string) {
  return db
    .selectFrom('school_fee_plans')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('season_id', '=', seasonId)
    .executeTakeFirst();
}

/** Inserts the family's plan; false when one was chosen already (unique family and season). */
export async function insertPlan(tx: Tx, row: Insertable<DB['school_fee_plans']>): Promise<boolean> {
  const result = await tx
    .insertInto('school_fee_plans')
    .values(row)
    .onConflict((oc) => oc.columns(['family_id', 'season_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findPolicy(db: Tx, schoolId: string) {
  return db.selectFrom('school_fee_policies').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

export async function upsertPolicy(tx: Tx, row: Insertable<DB['school_fee_policies']>): Promise<void> {
  await tx
    .insertInto('school_fee_policies')
    .values(row)
    .onConflict((oc) =>
      oc.column('school_id').doUpdateSet({
        cancellation_notice_days: row.cancellation_notice_days,
        makeup_credits: row.makeup_credits,
        updated_at: row.updated_at,
        version: sql<number>`school_fee_policies.version + 1`,
      }),
    )
    .execute();
}

/** The board's payment deferrals (billing records them): each moves due dates, and cancellation deadlines, in a range. */
export async function paymentDeferrals(db: Tx) {
  return db
    .selectFrom('payment_deferrals')
    .select(['from_due_on', 'to_due_on', 'new_due_on'])
    .where('plan_id', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function specialRulesOf(db: Tx, schoolId: string, seasonId: string): Promise<SpecialRuleRow[]> {
  return db
    .selectFrom('cancellation_special_rules')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('season_id', '=', seasonId)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

export async function insertSpecialRule(tx: Tx, row: Insertable<DB['cancellation_special_rules']>): Promise<void> {
  await tx.insertInto('cancellation_special_rules').values(row).execute();
}

export async function setNotifiedCount(tx: Tx, id: string, count: number): Promise<void> {
  await tx.updateTable('cancellation_special_rules').set({ notified_count: count }).where('id', '=', id).execute();
}

/** One guardian e-mail per family holding a confirmed place in a school's courses of a season (the families concerned). */
export async function familiesWithPlaces(db: Tx, schoolId: string, seasonId: string) {
  const rows = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .innerJoin('families as f', 'f.id', 'e.family_id')
    .innerJoin('people as g', (j) => j.onRef('g.family_id', '=', 'f.id').on('g.kind', '=', 'guardian'))
    .select(['f.id as family_id', 'f.locale', 'g.email', 'g.first_name', 'g.created_at', 'g.id as guardian_id'])
    .where('c.school_id', '=', schoolId)
    .where('c.season_id', '=', seasonId)
    .where('e.status', '=', 'confirmed')
    .where('g.email', 'is not', null)
    .orderBy('f.id')
    .orderBy('g.created_at')
    .orderBy('g.id')
    .execute();
  const first = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!first.has(r.family_id)) first.set(r.family_id, r);
  return [...first.values()];
}

/** Marks a confirmed place cancelled (its seat is free); false when it changed meanwhile. */
export async function cancelPlace(
  tx: Tx,
  id: string,
  version: number,
  values: { cancelledOn: string; reason: string; now: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('course_enrolments')
    .set({
      status: 'cancelled',
      cancelled_on: values.cancelledOn,
      cancel_reason: values.reason,
      updated_at: values.now,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCancellation(tx: Tx, row: Insertable<DB['cancellation_requests']>): Promise<void> {
  await tx.insertInto('cancellation_requests').values(row).execute();
}

export async function cancellationsOf(db: Tx, familyId: string, seasonId: string) {
  return db
    .selectFrom('cancellation_requests as r')
    .innerJoin('course_enrolments as e', 'e.id', 'r.enrolment_id')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .leftJoin('invoices as n', 'n.id', 'r.credit_note_id')
    .selectAll('r')
    .select('n.number as credit_note_number')
    .where('r.family_id', '=', familyId)
    .where('c.season_id', '=', seasonId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

/** The fees invoices of a family's season and their credit notes, with their instalments (billing's tables, read). */
export async function feeInvoices(db: Tx, invoiceIds: readonly string[]) {
  if (!invoiceIds.length) return { invoices: [], instalments: [] };
  const invoices = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'kind', 'amount_cents', 'status', 'credited_invoice_id'])
    .where((eb) => eb.or([eb('id', 'in', invoiceIds), eb('credited_invoice_id', 'in', invoiceIds)]))
    .orderBy('issued_on')
    .orderBy('kind', 'desc')
    .orderBy('number')
    .execute();
  const instalments = await db
    .selectFrom('invoice_instalments')
    .select(['invoice_id', 'due_on', 'amount_cents', 'method', 'status'])
    .where('invoice_id', 'in', invoiceIds)
    .where('status', '<>', 'cancelled')
    .orderBy('invoice_id')
    .orderBy('seq')
    .execute();
  return { invoices, instalments };
}

/** Whether the family has an active SEPA mandate (billing keeps them). */
export async function hasActiveMandate(db: Tx, familyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sepa_mandates')
    .select('id')
    .where('family_id', '=', familyId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return !!row;
}
