import { sql, type Insertable } from 'kysely';
import { GIVEN_LESSON_STATUSES } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { TaxCertificatesTable } from '../../db/tables.js';
import { keysetAfter } from '../../platform/cursor.js';

/** Tax certificates: the queries of certificates.service.ts. */

// Cheques count on their cashing date, everything else on the day it was received.
const paidOn = sql<string>`coalesce(cash_on, received_on)`;

/**
 * What a family actually paid between two dates, by kind: aid (not paid by the family), CESU préfinancé, and the
 * rest. A debit counts once its collection date is within the range and never once returned (its reversal row goes
 * with it); `to` is at most the certificate's issue date, so no future collection is counted.
 */
export async function paidBetween(tx: Tx, familyId: string, from: string, to: string) {
  const paidDay = sql<string>`coalesce(payments.cash_on, payments.received_on)`;
  return tx
    .selectFrom('payments')
    .leftJoin('debits', 'debits.id', 'payments.debit_id')
    .select([
      sql<number>`coalesce(sum(case when payments.method in ('aid', 'cesu') then 0 else payments.amount_cents end), 0)`.as(
        'paid',
      ),
      sql<number>`coalesce(sum(case when payments.method = 'cesu' then payments.amount_cents else 0 end), 0)`.as(
        'cesu',
      ),
      sql<number>`coalesce(sum(case when payments.method = 'aid' then payments.amount_cents else 0 end), 0)`.as('aid'),
    ])
    .where('payments.family_id', '=', familyId)
    .where((eb) => eb.or([eb('payments.debit_id', 'is', null), eb('debits.status', '!=', 'returned')]))
    .where(paidDay, '>=', from)
    .where(paidDay, '<=', to)
    .executeTakeFirstOrThrow();
}

/** A family's lessons given between two dates, with their teacher, in date order. */
export async function givenLessonsBetween(tx: Tx, familyId: string, from: string, to: string) {
  return tx
    .selectFrom('lessons')
    .innerJoin('people as t', 't.id', 'lessons.teacher_id')
    .select([
      'lessons.lesson_date',
      'lessons.minutes',
      'lessons.place',
      'lessons.teacher_id',
      't.first_name',
      't.last_name',
    ])
    .where('lessons.family_id', '=', familyId)
    .where('lessons.status', 'in', [...GIVEN_LESSON_STATUSES])
    .where('lessons.lesson_date', '>=', from)
    .where('lessons.lesson_date', '<=', to)
    .orderBy('lessons.lesson_date')
    .execute();
}

export async function certificateOf(tx: Tx, familyId: string, year: number) {
  return tx
    .selectFrom('tax_certificates')
    .select(['id', 'version'])
    .where('family_id', '=', familyId)
    .where('year', '=', year)
    .executeTakeFirst();
}

type CertificateValues = Pick<
  TaxCertificatesTable,
  'paid_cents' | 'aid_cents' | 'home_minutes' | 'content' | 'generated_at' | 'generated_by'
>;

export async function updateCertificate(tx: Tx, id: string, values: CertificateValues): Promise<void> {
  await tx
    .updateTable('tax_certificates')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function insertCertificate(tx: Tx, row: Insertable<TaxCertificatesTable>): Promise<void> {
  await tx.insertInto('tax_certificates').values(row).execute();
}

export async function markCertificateEmailed(tx: Tx, id: string, at: string): Promise<void> {
  await tx.updateTable('tax_certificates').set({ emailed_at: at }).where('id', '=', id).execute();
}

/** The families that paid something in a year, up to a date (the issue date when the year is not over). */
export async function familiesPaidIn(tx: Tx, year: number, through: string) {
  return tx
    .selectFrom('payments')
    .select('family_id')
    .distinct()
    .where(paidOn, '>=', `${year}-01-01`)
    .where(paidOn, '<=', through < `${year}-12-31` ? through : `${year}-12-31`)
    .execute();
}

function certificates(tx: Tx, filter: { year?: number; limit: number }) {
  let q = tx
    .selectFrom('tax_certificates')
    .innerJoin('families', 'families.id', 'tax_certificates.family_id')
    .selectAll('tax_certificates')
    .select('families.name as family_name')
    .limit(filter.limit + 1);
  if (filter.year) q = q.where('tax_certificates.year', '=', filter.year);
  return q;
}

/** One family's certificates, newest year first. */
export async function certificatesOfFamily(tx: Tx, familyId: string, filter: { year?: number; limit: number }) {
  return certificates(tx, filter)
    .where('tax_certificates.family_id', '=', familyId)
    .orderBy('tax_certificates.year', 'desc')
    .execute();
}

/** A page of every family's certificates, by family name then id. */
export async function certificatePage(tx: Tx, filter: { year?: number; after?: [string, string]; limit: number }) {
  let q = certificates(tx, filter);
  if (filter.after) q = q.where(keysetAfter('families.name', 'tax_certificates.id', '>', filter.after));
  return q.orderBy('families.name').orderBy('tax_certificates.id').execute();
}

export async function findCertificate(tx: Tx, id: string) {
  return tx.selectFrom('tax_certificates').selectAll().where('id', '=', id).executeTakeFirst();
}
