import type { Kysely } from 'kysely';

/**
 * Lessons of a month (GET /api/lessons) are sorted by (lesson_date, id) for keyset pages. With the id in the
 * index the database reads the first page straight off it and stops; without it, it joined and sorted the whole
 * month (130k lessons at full size) to return 50. The same for a teacher's and a family's month.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('lessons_date_id_idx').on('lessons').columns(['lesson_date', 'id']).execute();
  await db.schema.dropIndex('lessons_date_idx').execute();
  await db.schema
    .createIndex('lessons_teacher_date_id_idx')
    .on('lessons')
    .columns(['teacher_id', 'lesson_date', 'id'])
    .execute();
  await db.schema.dropIndex('lessons_teacher_date_idx').execute();
  await db.schema
    .createIndex('lessons_family_date_id_idx')
    .on('lessons')
    .columns(['family_id', 'lesson_date', 'id'])
    .execute();
  await db.schema.dropIndex('lessons_family_date_idx').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('lessons_date_idx').on('lessons').column('lesson_date').execute();
  await db.schema.dropIndex('lessons_date_id_idx').execute();
  await db.schema
    .createIndex('lessons_teacher_date_idx')
    .on('lessons')
    .columns(['teacher_id', 'lesson_date'])
    .execute();
  await db.schema.dropIndex('lessons_teacher_date_id_idx').execute();
  await db.schema.createIndex('lessons_family_date_idx').on('lessons').columns(['family_id', 'lesson_date']).execute();
  await db.schema.dropIndex('lessons_family_date_id_idx').execute();
}
