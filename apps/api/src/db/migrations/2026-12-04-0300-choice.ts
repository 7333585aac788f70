import type { Kysely } from 'kysely';

/**
 * Timetable choice (issue "School network II", item 3): the date the secretariat sets for a season without a
 * re-enrolment campaign, from which new students choose their courses in waves by rank. With a campaign, its
 * priority deadline decides and this row is not needed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('choice_openings')
    .addColumn('season_id', 'text', (c) => c.primaryKey().references('seasons.id'))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The waiting list's order within a course.
  await db.schema
    .createIndex('course_enrolments_waiting_idx')
    .on('course_enrolments')
    .columns(['course_id', 'status', 'waiting_since', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('course_enrolments_waiting_idx').execute();
  await db.schema.dropTable('choice_openings').execute();
}
