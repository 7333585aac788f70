import type { Kysely } from 'kysely';

/**
 * Indexes the sweeps need at 1M lessons (bench `sweep`). The billing hold sweep finds the last given lesson of each
 * subscription by its file and by its student; the follow-up sweep asks whether a file has any given lesson. With
 * status inside the index both are covering index ranges; without a student index every chunk read all lessons.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('lessons_student_given_idx')
    .on('lessons')
    .columns(['student_id', 'status', 'lesson_date'])
    .execute();
  await db.schema
    .createIndex('lessons_file_given_idx')
    .on('lessons')
    .columns(['file_id', 'status', 'lesson_date'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['lessons_student_given_idx', 'lessons_file_given_idx'])
    await db.schema.dropIndex(index).execute();
}
