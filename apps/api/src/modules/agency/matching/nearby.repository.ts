import type { Kysely } from 'kysely';
import type { DB } from '../../../db/tables.js';
import { WAITING_STAGES } from './nearby.rules.js';

/** The teacher (a person of kind teacher) and what they teach, one row per instrument. */
export async function teacherWithOffers(db: Kysely<DB>, teacherId: string) {
  const teacher = await db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name'])
    .where('id', '=', teacherId)
    .where('kind', '=', 'teacher')
    .executeTakeFirst();
  if (!teacher) return null;
  const offers = await db
    .selectFrom('teacher_match_index')
    .select(['instrument', 'level_min', 'level_max', 'latitude', 'longitude', 'teaches_online', 'max_travel_km'])
    .where('teacher_id', '=', teacherId)
    .execute();
  return { teacher, offers };
}

/** Files waiting for a teacher of one of these instruments, with their student. */
export async function waitingFilesOfInstruments(db: Kysely<DB>, instruments: string[]) {
  if (!instruments.length) return [];
  return db
    .selectFrom('lesson_files as f')
    .leftJoin('people as s', 's.id', 'f.student_id')
    .select([
      'f.id',
      'f.reference',
      'f.stage',
      'f.instrument',
      'f.level',
      'f.place',
      'f.city',
      'f.postal_code',
      'f.latitude',
      'f.longitude',
      's.first_name',
      's.last_name',
    ])
    .where('f.stage', 'in', [...WAITING_STAGES])
    .where('f.instrument', 'in', instruments)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}
