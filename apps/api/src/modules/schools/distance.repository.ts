import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { readInBatches } from '../../platform/batching.js';

/** SQL of distance lessons: materials and acknowledgements written, and the marks they may write. */

export async function insertMaterial(tx: Tx, row: Insertable<DB['distance_materials']>): Promise<void> {
  await tx.insertInto('distance_materials').values(row).execute();
}

export async function insertAcks(tx: Tx, rows: Insertable<DB['distance_acks']>[]): Promise<void> {
  if (rows.length) await tx.insertInto('distance_acks').values(rows).execute();
}

/** The lesson of a course on a day, if it was written (marked or given material). */
export async function lessonOn(db: Tx, courseId: string, date: string) {
  return db
    .selectFrom('attendance_lessons')
    .select(['id', 'distance'])
    .where('course_id', '=', courseId)
    .where('lesson_date', '=', date)
    .executeTakeFirst();
}

/** A lesson's materials, first posted first, and their acknowledgements with the students' names. */
export async function materialsOf(db: Tx, lessonId: string) {
  const [materials, acks] = await Promise.all([
    db
      .selectFrom('distance_materials')
      .selectAll()
      .where('lesson_id', '=', lessonId)
      .orderBy('posted_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('distance_acks')
      .innerJoin('people', 'people.id', 'distance_acks.student_id')
      .select([
        'distance_acks.material_id',
        'distance_acks.student_id',
        'distance_acks.ack_until',
        'distance_acks.acknowledged_at',
        'distance_acks.acknowledged_via',
        'distance_acks.lapsed_at',
        'people.first_name',
        'people.last_name',
      ])
      .where('distance_acks.lesson_id', '=', lessonId)
      .orderBy('people.last_name')
      .orderBy('people.first_name')
      .execute(),
  ]);
  return { materials, acks };
}

/** Whom to e-mail for students: the student's own address, else their family's guardians (first registered first). */
export async function studentRecipients(db: Tx, studentIds: readonly string[]) {
  return readInBatches(studentIds, (slice) =>
    db
      .selectFrom('people as s')
      .innerJoin('families as f', 'f.id', 's.family_id')
      .leftJoin('people as g', (j) =>
        j.onRef('g.family_id', '=', 's.family_id').on('g.kind', '=', 'guardian').on('g.email', 'is not', null),
      )
      .leftJoin('users as u', 'u.id', 'g.user_id')
      .select([
        's.id as student_id',
        's.family_id',
        's.first_name',
        's.last_name',
        's.email as student_email',
        'g.first_name as guardian_first_name',
        'g.last_name as guardian_last_name',
        'g.email as guardian_email',
        'f.locale',
        'u.locale as user_locale',
      ])
      .where('s.id', 'in', slice)
      .orderBy('s.id')
      .orderBy('g.seq')
      .execute(),
  );
}

/** An acknowledgement with its material, lesson, course, student and teacher: what a link or the portal shows. */
function acksWithContext(db: Tx) {
  return db
    .selectFrom('distance_acks as a')
    .innerJoin('distance_materials as m', 'm.id', 'a.material_id')
    .innerJoin('attendance_lessons as l', 'l.id', 'a.lesson_id')
    .innerJoin('courses as c', 'c.id', 'l.course_id')
    .innerJoin('people as s', 's.id', 'a.student_id')
    .innerJoin('people as t', 't.id', 'c.teacher_id')
    .select([
      'a.id',
      'a.student_id',
      'a.enrolment_id',
      'a.lesson_id',
      'a.ack_until',
      'a.acknowledged_at',
      'a.lapsed_at',
      'm.body',
      'm.link',
      'l.lesson_date',
      'l.course_id',
      'c.discipline',
      'c.level',
      'c.start_time',
      's.first_name',
      's.last_name',
      's.family_id',
      't.first_name as teacher_first_name',
      't.last_name as teacher_last_name',
    ]);
}
export type AckRow = Awaited<ReturnType<ReturnType<typeof acksWithContext>['execute']>>[number];

export async function ackByTokenHash(db: Tx, hash: string): Promise<AckRow | undefined> {
  return acksWithContext(db).where('a.token_hash', '=', hash).executeTakeFirst();
}

export async function ackById(db: Tx, id: string): Promise<AckRow | undefined> {
  return acksWithContext(db).where('a.id', '=', id).executeTakeFirst();
}

/** A family's children's acknowledgements, latest lessons first. */
export async function familyAcks(db: Tx, familyId: string, limit: number): Promise<AckRow[]> {
  return acksWithContext(db)
    .where('s.family_id', '=', familyId)
    .orderBy('l.lesson_date', 'desc')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** Records the "ok": true once, while the acknowledgement is open (not answered, not lapsed, its last day not past). */
export async function claimAck(tx: Tx, id: string, today: string, at: string, via: string): Promise<boolean> {
  const result = await tx
    .updateTable('distance_acks')
    .set({ acknowledged_at: at, acknowledged_via: via })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .where('lapsed_at', 'is', null)
    .where('ack_until', '>=', today)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Unanswered acknowledgements whose last day is before today, oldest first. */
export async function dueAcks(db: Tx, today: string, limit: number) {
  return db
    .selectFrom('distance_acks')
    .select('id')
    .where('lapsed_at', 'is', null)
    .where('acknowledged_at', 'is', null)
    .where('ack_until', '<', today)
    .orderBy('ack_until')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Closes unanswered acknowledgements at their deadline; returns only the rows this call changed (a concurrent sweep
 * waits on the row locks, then finds them closed and changes none).
 */
export async function lapseAcks(tx: Tx, ids: readonly string[], at: string) {
  if (!ids.length) return [];
  return tx
    .updateTable('distance_acks')
    .set({ lapsed_at: at })
    .where('id', 'in', ids)
    .where('lapsed_at', 'is', null)
    .where('acknowledged_at', 'is', null)
    .returning(['id', 'lesson_id', 'student_id', 'enrolment_id'])
    .execute();
}

export async function markOf(tx: Tx, lessonId: string, studentId: string) {
  return tx
    .selectFrom('attendance_marks')
    .select(['mark', 'source'])
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
}

/** Writes an acknowledgement's presence: a new mark, or over one the teacher did not give (the teacher's stands). */
export async function writeAckMark(tx: Tx, row: Insertable<DB['attendance_marks']>): Promise<boolean> {
  const result = await tx
    .insertInto('attendance_marks')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['lesson_id', 'student_id'])
        .doUpdateSet((eb) => ({
          mark: eb.ref('excluded.mark'),
          source: eb.ref('excluded.source'),
          marked_by: eb.ref('excluded.marked_by'),
          marked_at: eb.ref('excluded.marked_at'),
          version: eb('attendance_marks.version', '+', 1),
        }))
        .where('attendance_marks.source', '<>', 'teacher'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Writes the deadline's absence where nobody marked the student; true when written. */
export async function writeDeadlineMark(tx: Tx, row: Insertable<DB['attendance_marks']>): Promise<boolean> {
  const result = await tx
    .insertInto('attendance_marks')
    .values(row)
    .onConflict((oc) => oc.columns(['lesson_id', 'student_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Course, date and teacher of lessons (for the audit of the sheets they belong to). */
export async function lessonsByIds(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return tx
    .selectFrom('attendance_lessons')
    .select(['id', 'course_id', 'lesson_date'])
    .where('id', 'in', ids)
    .execute();
}
