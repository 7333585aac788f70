import type { Kysely } from 'kysely';

/**
 * Absence notices and wrong contacts (issue "School network III", items 3 and 4). A family chooses how it is told
 * of its children's absences (each absence, a weekly digest, never); each absent mark told (or deliberately not
 * told) is recorded once in absence_notices, so a second sweep — even a concurrent one — tells nothing twice.
 * A teacher flags a student's family contact (e-mail or phone) as wrong; the flag keeps the values seen then and
 * stops counting once they change (the contact was corrected).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('families')
    .addColumn('absence_notices', 'text', (c) => c.notNull().defaultTo('each'))
    .execute();
  await db.schema
    .createTable('absence_notices')
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('attendance_lessons.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('digest_week', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('absence_notices_pk', ['lesson_id', 'student_id'])
    .execute();
  await db.schema.createIndex('absence_notices_student_idx').on('absence_notices').columns(['student_id']).execute();
  await db.schema
    .createTable('contact_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('seen', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('flagged_by', 'text', (c) => c.references('users.id'))
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_flags_student_idx').on('contact_flags').columns(['student_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_flags').execute();
  await db.schema.dropTable('absence_notices').execute();
  await db.schema.alterTable('families').dropColumn('absence_notices').execute();
}
