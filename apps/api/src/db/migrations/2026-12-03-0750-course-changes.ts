import type { Kysely } from 'kysely';

/**
 * Changes of a course during its season: a date range held at distance (its room closed: each lesson of the range
 * gets the video link) and the reason a whole course is suspended (e.g. the choirs).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('courses').addColumn('suspension_reason', 'text').execute();
  await db.schema
    .createTable('course_distance_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('video_link', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('course_distance_periods_course_idx')
    .on('course_distance_periods')
    .columns(['course_id', 'starts_on'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('course_distance_periods').execute();
  await db.schema.alterTable('courses').dropColumn('suspension_reason').execute();
}
