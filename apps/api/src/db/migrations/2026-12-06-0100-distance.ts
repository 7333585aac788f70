import type { Kysely } from 'kysely';

/**
 * Distance lessons (issue "School network III", item 2). A material is what a teacher posts for one distance lesson
 * (text and/or a link), to the whole class or to one student; an acknowledgement is one student's expected "ok" for
 * one material: its single-use e-mail link (stored hashed), its last day, and whether it was answered (marking the
 * student present) or lapsed at the deadline (marking them absent, unless the teacher had marked them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('distance_materials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('attendance_lessons.id'))
    .addColumn('student_id', 'text', (c) => c.references('people.id'))
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('posted_by', 'text')
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('ack_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('distance_materials_lesson_idx')
    .on('distance_materials')
    .columns(['lesson_id'])
    .execute();
  await db.schema
    .createTable('distance_acks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('material_id', 'text', (c) => c.notNull().references('distance_materials.id'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('attendance_lessons.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('course_enrolments.id'))
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('ack_until', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_via', 'text')
    .addColumn('lapsed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('distance_acks_material_student_uq', ['material_id', 'student_id'])
    .execute();
  await db.schema.createIndex('distance_acks_student_idx').on('distance_acks').columns(['student_id']).execute();
  await db.schema
    .createIndex('distance_acks_due_idx')
    .on('distance_acks')
    .columns(['lapsed_at', 'acknowledged_at', 'ack_until'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('distance_acks').execute();
  await db.schema.dropTable('distance_materials').execute();
}
