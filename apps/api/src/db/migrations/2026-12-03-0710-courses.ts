import type { Kysely } from 'kysely';

/**
 * Courses of the school network: an individual lesson or a group class of a discipline, at a school in a room (or
 * at distance with a video link), on a weekly slot of a season, with a teacher and a number of places. Its lessons
 * are the slot's weekdays the season calendar keeps open (computed, not stored).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('discipline', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('age_min', 'integer')
    .addColumn('age_max', 'integer')
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id'))
    .addColumn('room_id', 'text', (c) => c.references('school_rooms.id'))
    .addColumn('video_link', 'text')
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('courses_season_school_idx').on('courses').columns(['season_id', 'school_id']).execute();
  await db.schema.createIndex('courses_teacher_idx').on('courses').columns(['teacher_id', 'season_id']).execute();
  await db.schema.createIndex('courses_room_idx').on('courses').column('room_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('courses').execute();
}
