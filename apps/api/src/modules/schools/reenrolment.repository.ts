import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { inBatches, readInBatches, rowsPerStatement } from '../../platform/batching.js';

/** The SQL of re-enrolment: campaigns, packs, held seats and what the sweeps find due. */

export async function findCampaign(db: Tx, id: string) {
  return db.selectFrom('reenrolment_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function campaignOfSeason(db: Tx, toSeasonId: string) {
  return db.selectFrom('reenrolment_campaigns').selectAll().where('to_season_id', '=', toSeasonId).executeTakeFirst();
}

export async function listCampaigns(db: Tx) {
  return db.selectFrom('reenrolment_campaigns').selectAll().orderBy('opened_at', 'desc').orderBy('id').execute();
}

export async function insertCampaign(tx: Tx, row: Insertable<DB['reenrolment_campaigns']>): Promise<void> {
  await tx.insertInto('reenrolment_campaigns').values(row).execute();
}

/** The courses of a season with what a pack shows of them (teacher's name). */
export async function seasonCourses(db: Tx, seasonId: string) {
  return db
    .selectFrom('courses as c')
    .innerJoin('people as t', 't.id', 'c.teacher_id')
    .select([
      'c.id',
      'c.school_id',
      'c.discipline',
      'c.kind',
      'c.level',
      'c.teacher_id',
      'c.weekday',
      'c.start_time',
      'c.duration_minutes',
      'c.capacity',
      'c.status',
      't.first_name as teacher_first_name',
      't.last_name as teacher_last_name',
    ])
    .where('c.season_id', '=', seasonId)
    .orderBy('c.id')
    .execute();
}
export type SeasonCourseRow = Awaited<ReturnType<typeof seasonCourses>>[number];

/** Returning students: each confirmed place of the season, by student then course. */
export async function confirmedPlaces(db: Tx, seasonId: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select(['e.student_id', 'e.family_id', 'e.course_id'])
    .where('c.season_id', '=', seasonId)
    .where('e.status', '=', 'confirmed')
    .orderBy('e.student_id')
    .orderBy('e.course_id')
    .execute();
}

/** Seats already taken in each course of a season (held, offered, confirmed). */
export async function occupiedSeats(db: Tx, seasonId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select(['e.course_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.season_id', '=', seasonId)
    .where('e.status', 'in', ['held', 'offered', 'confirmed'])
    .groupBy('e.course_id')
    .execute();
  return new Map(rows.map((r) => [r.course_id, Number(r.n)]));
}

/** Places a student already has in a season's courses (a secretariat's placing is never overwritten). */
export async function existingPlaces(db: Tx, seasonId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select(['e.course_id', 'e.student_id'])
    .where('c.season_id', '=', seasonId)
    .execute();
  return new Set(rows.map((r) => `${r.course_id}:${r.student_id}`));
}

const columnsOf = (rows: readonly object[]) => (rows[0] ? Object.keys(rows[0]).length : 1);

/** Multi-row inserts, as many rows a statement as both engines accept. */
export async function insertPacks(tx: Tx, rows: Insertable<DB['reenrolment_packs']>[]): Promise<void> {
  await inBatches(rows, rowsPerStatement(columnsOf(rows)), (slice) =>
    tx.insertInto('reenrolment_packs').values(slice).execute(),
  );
}

export async function insertPlaces(tx: Tx, rows: Insertable<DB['course_enrolments']>[]): Promise<void> {
  await inBatches(rows, rowsPerStatement(columnsOf(rows)), (slice) =>
    tx
      .insertInto('course_enrolments')
      .values(slice)
      .onConflict((oc) => oc.columns(['course_id', 'student_id']).doNothing())
      .execute(),
  );
}

const packColumns = [
  'p.id',
  'p.campaign_id',
  'p.student_id',
  'p.family_id',
  'p.school_id',
  'p.proposal',
  'p.answer',
  'p.answer_note',
  'p.answered_at',
  'p.sent_at',
  'p.version',
  'k.priority_deadline',
  'k.reminder_days',
  'k.status as campaign_status',
  'k.to_season_id',
  'st.first_name as student_first_name',
  'st.last_name as student_last_name',
  'sc.name as school_name',
  'fs.name as from_season_name',
  'ts.name as to_season_name',
] as const;

function packs(db: Tx) {
  return db
    .selectFrom('reenrolment_packs as p')
    .innerJoin('reenrolment_campaigns as k', 'k.id', 'p.campaign_id')
    .innerJoin('people as st', 'st.id', 'p.student_id')
    .innerJoin('schools as sc', 'sc.id', 'p.school_id')
    .innerJoin('seasons as fs', 'fs.id', 'k.from_season_id')
    .innerJoin('seasons as ts', 'ts.id', 'k.to_season_id')
    .select(packColumns);
}
export type PackRow = Awaited<ReturnType<typeof findPack>> & object;

export async function findPack(db: Tx, id: string) {
  return packs(db).where('p.id', '=', id).executeTakeFirst();
}

export async function packByTokenHash(db: Tx, hash: string) {
  return packs(db).where('p.link_token_hash', '=', hash).executeTakeFirst();
}

export async function familyPacks(db: Tx, familyId: string) {
  return packs(db)
    .where('p.family_id', '=', familyId)
    .orderBy('k.opened_at', 'desc')
    .orderBy('st.first_name')
    .orderBy('p.id')
    .execute();
}

/** Packs of open campaigns not sent yet (a few hundred per sweep). */
export async function packsToSend(db: Tx, limit: number) {
  return packs(db).where('k.status', '=', 'open').where('p.sent_at', 'is', null).orderBy('p.id').limit(limit).execute();
}

/** Claims the sending of one pack with its link's hash: false when another instance sent it first. */
export async function claimPackSending(tx: Tx, id: string, tokenHash: string, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('reenrolment_packs')
    .set({ sent_at: at, link_token_hash: tokenHash })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Packs sent and without answer of open campaigns whose deadline has not passed. */
export async function packsAwaitingAnswer(db: Tx, today: string) {
  return packs(db)
    .where('k.status', '=', 'open')
    .where('k.priority_deadline', '>=', today)
    .where('p.answer', 'is', null)
    .where('p.sent_at', 'is not', null)
    .orderBy('p.id')
    .execute();
}

/** The guardians of families who can be written to (an e-mail address), first registered first. */
export async function familyRecipients(db: Tx, familyIds: readonly string[]) {
  return readInBatches(familyIds, (slice) =>
    db
      .selectFrom('people as g')
      .innerJoin('families as f', 'f.id', 'g.family_id')
      .leftJoin('users as u', 'u.id', 'g.user_id')
      .select([
        'g.family_id',
        'g.email',
        'g.first_name',
        'g.last_name',
        'f.locale',
        'f.name as family_name',
        'u.locale as user_locale',
      ])
      .where('g.kind', '=', 'guardian')
      .where('g.email', 'is not', null)
      .where('g.family_id', 'in', slice)
      .orderBy('g.seq')
      .execute(),
  );
}

/** The guardians of families with their e-mail and phone, first registered first: whom the secretariat calls. */
export async function guardianContacts(db: Tx, familyIds: readonly string[]) {
  return readInBatches(familyIds, (slice) =>
    db
      .selectFrom('people as g')
      .select(['g.id', 'g.family_id', 'g.first_name', 'g.last_name', 'g.email', 'g.phone'])
      .where('g.kind', '=', 'guardian')
      .where('g.family_id', 'in', slice)
      .orderBy('g.seq')
      .execute(),
  );
}

/** Records one family answer: false when it was answered (or changed) meanwhile. */
export async function answerPack(
  tx: Tx,
  id: string,
  version: number,
  values: { answer: string; answer_note: string | null; answered_at: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('reenrolment_packs')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('answer', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Moves a student's seats held for a campaign's season (returning) to a new status. */
export async function settleHeldSeats(
  tx: Tx,
  studentId: string,
  courseIds: readonly string[],
  status: string,
  at: string,
): Promise<string[]> {
  if (!courseIds.length) return [];
  const rows = await tx
    .updateTable('course_enrolments')
    .set((eb) => ({ status, updated_at: at, held_until: null, version: eb('version', '+', 1) }))
    .where('student_id', '=', studentId)
    .where('course_id', 'in', courseIds)
    .where('status', '=', 'held')
    .where('origin', '=', 'returning')
    .returning(['id'])
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Releases every returning seat held past its date (held_until < today), in one statement: only the rows this
 * statement changed come back, so two sweeps at once release (and audit) each seat once.
 */
export async function releaseExpiredSeats(tx: Tx, today: string, at: string) {
  return tx
    .updateTable('course_enrolments')
    .set((eb) => ({ status: 'released', updated_at: at, version: eb('version', '+', 1) }))
    .where('status', '=', 'held')
    .where('origin', '=', 'returning')
    .where('held_until', '<', today)
    .returning(['id', 'course_id', 'student_id', 'held_until'])
    .execute();
}

/** The campaign's progress, per school: packs by answer. */
export async function progressCounts(db: Tx, campaignId: string, schoolIds: readonly string[] | null) {
  let query = db
    .selectFrom('reenrolment_packs as p')
    .innerJoin('schools as s', 's.id', 'p.school_id')
    .select(['p.school_id', 's.name', 'p.answer', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.campaign_id', '=', campaignId)
    .groupBy(['p.school_id', 's.name', 'p.answer']);
  if (schoolIds) query = query.where('p.school_id', 'in', schoolIds.length ? schoolIds : ['-']);
  return query.orderBy('s.name').execute();
}

/** Who has not answered in a school (by family then student name), up to `limit`; or who asked for a change. */
export async function packsWithAnswer(
  db: Tx,
  campaignId: string,
  schoolId: string,
  limit: number,
  answer: 'changed' | null = null,
) {
  return db
    .selectFrom('reenrolment_packs as p')
    .innerJoin('people as st', 'st.id', 'p.student_id')
    .innerJoin('families as f', 'f.id', 'p.family_id')
    .select(['p.id', 'st.first_name', 'st.last_name', 'p.family_id', 'f.name as family_name', 'p.answer_note'])
    .where('p.campaign_id', '=', campaignId)
    .where('p.school_id', '=', schoolId)
    .where('p.answer', answer === null ? 'is' : '=', answer)
    .orderBy('f.name')
    .orderBy('st.first_name')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export async function campaignTotals(db: Tx, campaignId: string, toSeasonId: string) {
  const packsRow = await db
    .selectFrom('reenrolment_packs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const heldRow = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.season_id', '=', toSeasonId)
    .where('e.status', '=', 'held')
    .where('e.origin', '=', 'returning')
    .executeTakeFirstOrThrow();
  return { packs: Number(packsRow.n), seatsHeld: Number(heldRow.n) };
}

/** Claims one reminder (pack, day) once; a second sweep, even concurrent on another instance, gets false. */
export async function claimReminder(tx: Tx, packId: string, day: number, at: string): Promise<boolean> {
  const result = await tx
    .insertInto('sweep_actions')
    .values({ key: `reenrolment-reminder:${packId}:${day}`, file_id: null, done_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
