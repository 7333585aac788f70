import type { Kysely } from 'kysely';

/**
 * Replacements (issue "School network III", item 5). An absence is a teacher away from one school for a range of
 * days (sick, leave, childcare, training), recorded by its secretariat; a replacement gives one of the absent
 * teacher's courses to a substitute for a range inside the absence. Lessons of those days are held (and marked, in
 * attendance_lessons.teacher_id) by the substitute.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacher_absences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('teacher_absences_teacher_idx')
    .on('teacher_absences')
    .columns(['teacher_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('teacher_absences_school_idx')
    .on('teacher_absences')
    .columns(['school_id', 'ends_on'])
    .execute();
  await db.schema
    .createTable('course_replacements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('absence_id', 'text', (c) => c.notNull().references('teacher_absences.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('substitute_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('course_replacements_course_idx')
    .on('course_replacements')
    .columns(['course_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('course_replacements_substitute_idx')
    .on('course_replacements')
    .columns(['substitute_id', 'ends_on'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('course_replacements').execute();
  await db.schema.dropTable('teacher_absences').execute();
}
