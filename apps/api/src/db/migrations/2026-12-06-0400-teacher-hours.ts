import type { Kysely } from 'kysely';

/**
 * Teachers' hours (issue "School network III", item 6): each teacher's contract hours per week at a school, valid
 * from a day (to a day, or open-ended). The monthly report reads them beside the attendance lessons and the
 * calendar; nothing else is stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacher_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('weekly_minutes', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('teacher_contracts_school_idx')
    .on('teacher_contracts')
    .columns(['school_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('teacher_contracts_teacher_idx')
    .on('teacher_contracts')
    .columns(['teacher_id', 'school_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('teacher_contracts').execute();
}
