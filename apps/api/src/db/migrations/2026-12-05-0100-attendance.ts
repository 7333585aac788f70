import type { Kysely } from 'kysely';

/**
 * Attendance sheets (issue "School network III", item 1). A sheet is one course's period (a month by default); a
 * lesson is one dated occurrence of a course, written when it is first marked, with who held it and where (the
 * substitute of a replacement, a distance lesson); a mark is one student's attendance at one lesson, with its
 * source (the teacher's sheet; later a distance lesson's acknowledgement or its deadline). Teachers' hours will
 * read lessons and marks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('reminded_on', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('attendance_sheets_course_period_uq', ['course_id', 'period_key'])
    .execute();
  await db.schema
    .createTable('attendance_lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('lesson_date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('distance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('attendance_lessons_course_date_uq', ['course_id', 'lesson_date'])
    .execute();
  await db.schema
    .createIndex('attendance_lessons_teacher_idx')
    .on('attendance_lessons')
    .columns(['teacher_id', 'lesson_date'])
    .execute();
  await db.schema
    .createTable('attendance_marks')
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('attendance_lessons.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('course_enrolments.id'))
    .addColumn('mark', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('teacher'))
    .addColumn('marked_by', 'text')
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('attendance_marks_pk', ['lesson_id', 'student_id'])
    .execute();
  await db.schema.createIndex('attendance_marks_student_idx').on('attendance_marks').columns(['student_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attendance_marks').execute();
  await db.schema.dropTable('attendance_lessons').execute();
  await db.schema.dropTable('attendance_sheets').execute();
}
