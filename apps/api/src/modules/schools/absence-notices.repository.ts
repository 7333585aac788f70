import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

/** SQL of absence notices: the absences not told yet, the claim of one, a family's choice. */

/** The absent marks of lessons from `from` to `to` not told yet (no absence_notices row), with whom to tell. */
export async function untoldAbsences(db: Tx, from: string, to: string) {
  return db
    .selectFrom('attendance_marks as m')
    .innerJoin('attendance_lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('courses as c', 'c.id', 'l.course_id')
    .innerJoin('schools as sc', 'sc.id', 'c.school_id')
    .innerJoin('people as s', 's.id', 'm.student_id')
    .innerJoin('families as f', 'f.id', 's.family_id')
    .leftJoin('absence_notices as n', (join) =>
      join.onRef('n.lesson_id', '=', 'm.lesson_id').onRef('n.student_id', '=', 'm.student_id'),
    )
    .select([
      'm.lesson_id',
      'm.student_id',
      'l.lesson_date',
      'c.discipline',
      'c.level',
      'c.start_time',
      'sc.name as school_name',
      's.first_name',
      's.last_name',
      's.birth_date',
      'f.id as family_id',
      'f.absence_notices as preference',
    ])
    .where('m.mark', '=', 'absent')
    .where('l.lesson_date', '>=', from)
    .where('l.lesson_date', '<=', to)
    .where('n.lesson_id', 'is', null)
    .orderBy('l.lesson_date')
    .orderBy('l.start_time')
    .orderBy('m.student_id')
    .execute();
}
export type UntoldAbsence = Awaited<ReturnType<typeof untoldAbsences>>[number];

/**
 * Claims the telling of one absence, if its mark is still "absent" (a mark corrected meanwhile is not told): false
 * when the mark changed or another sweep claimed it first (on PostgreSQL the second insert waits for the first
 * transaction and then inserts nothing).
 */
export async function claimAbsence(
  tx: Tx,
  row: { lesson_id: string; student_id: string; mode: string; digest_week: string | null; notified_at: string },
): Promise<boolean> {
  const result = await tx
    .insertInto('absence_notices')
    .columns(['lesson_id', 'student_id', 'mode', 'digest_week', 'notified_at'])
    .expression((eb) =>
      eb
        .selectFrom('attendance_marks')
        .select([
          'lesson_id',
          'student_id',
          sql<string>`cast(${row.mode} as text)`.as('mode'),
          sql<string | null>`cast(${row.digest_week} as text)`.as('digest_week'),
          sql<string>`cast(${row.notified_at} as text)`.as('notified_at'),
        ])
        .where('lesson_id', '=', row.lesson_id)
        .where('student_id', '=', row.student_id)
        .where('mark', '=', 'absent'),
    )
    .onConflict((oc) => oc.columns(['lesson_id', 'student_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setRecipients(tx: Tx, lessonId: string, studentId: string, recipients: number): Promise<void> {
  await tx
    .updateTable('absence_notices')
    .set({ recipients })
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .execute();
}

/** Claims a family's weekly digest of one week once; a concurrent sweep gets false. */
export async function claimDigest(tx: Tx, familyId: string, week: string, at: string): Promise<boolean> {
  const result = await tx
    .insertInto('sweep_actions')
    .values({ key: `absence-digest:${familyId}:${week}`, file_id: null, done_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function familyChoice(db: Tx, familyId: string) {
  return db
    .selectFrom('families')
    .select(['id', 'absence_notices', 'version'])
    .where('id', '=', familyId)
    .executeTakeFirst();
}

export async function familyMinors(db: Tx, familyId: string) {
  return db
    .selectFrom('people')
    .select(['first_name', 'last_name', 'birth_date'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'student')
    .where('birth_date', 'is not', null)
    .orderBy('seq')
    .execute();
}

/** Writes a family's choice if its version is the one read: false when it changed meanwhile. */
export async function setFamilyChoice(
  tx: Tx,
  familyId: string,
  version: number,
  preference: string,
  at: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('families')
    .set({ absence_notices: preference, updated_at: at, version: version + 1 })
    .where('id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
