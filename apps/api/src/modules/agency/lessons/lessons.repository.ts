import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../../db/database.js';
import type { AssignmentsTable, LessonsTable } from '../../../db/tables.js';
import { keysetAfter } from '../../../platform/cursor.js';

export type LessonListFilter = {
  from: string;
  to: string;
  teacherId?: string;
  familyId?: string;
  after?: [string, string];
  limit: number;
};

/**
 * Lessons between two dates, oldest first, keyset on (lesson_date, id). A teacher's or a family's month is a range
 * of lessons_teacher_date_id_idx or lessons_family_date_id_idx; the office's month is a range of lessons_date_id_idx
 * (migration 0800), read in order so that a page stops after its rows.
 */
export async function listLessons(db: Tx, f: LessonListFilter) {
  let q = db
    .selectFrom('lessons as l')
    .leftJoin('lesson_files as f', 'f.id', 'l.file_id')
    .innerJoin('people as teacher', 'teacher.id', 'l.teacher_id')
    .innerJoin('people as student', 'student.id', 'l.student_id')
    .innerJoin('families as family', 'family.id', 'l.family_id')
    .select([
      'l.id',
      'l.lesson_date',
      'l.minutes',
      'l.status',
      'l.place',
      'l.family_response',
      'l.dispute_reason',
      'l.file_id',
      'l.teacher_id',
      'l.student_id',
      'l.family_id',
      'l.version',
      'f.instrument',
      'teacher.first_name as teacher_first_name',
      'teacher.last_name as teacher_last_name',
      'student.first_name as student_first_name',
      'student.last_name as student_last_name',
      'family.name as family_name',
    ])
    .where('l.lesson_date', '>=', f.from)
    .where('l.lesson_date', '<=', f.to);
  if (f.teacherId) q = q.where('l.teacher_id', '=', f.teacherId);
  if (f.familyId) q = q.where('l.family_id', '=', f.familyId);
  if (f.after) {
    const [date, id] = f.after;
    q = q.where(keysetAfter('l.lesson_date', 'l.id', '>', [date, id]));
  }
  return q
    .orderBy('l.lesson_date')
    .orderBy('l.id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertLesson(tx: Tx, row: Insertable<LessonsTable>): Promise<void> {
  await tx.insertInto('lessons').values(row).execute();
}

export async function lessonById(tx: Tx, id: string) {
  return tx.selectFrom('lessons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateLesson(tx: Tx, id: string, set: Updateable<LessonsTable>): Promise<void> {
  await tx.updateTable('lessons').set(set).where('id', '=', id).execute();
}

export async function updateAssignment(tx: Tx, id: string, set: Updateable<AssignmentsTable>): Promise<void> {
  await tx.updateTable('assignments').set(set).where('id', '=', id).execute();
}
