import type { Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { TeachersTable } from '../../db/tables.js';

/** Every query of the teacher profile: the teachers row with its person, and its instrument/zone/slot rows. */
export async function findTeacherWithPerson(tx: Tx, teacherId: string) {
  return tx
    .selectFrom('teachers')
    .innerJoin('people', 'people.id', 'teachers.person_id')
    .selectAll('teachers')
    .select(['people.first_name', 'people.last_name', 'people.email', 'people.phone', 'people.user_id'])
    .where('teachers.person_id', '=', teacherId)
    .executeTakeFirst();
}
export type TeacherWithPerson = NonNullable<Awaited<ReturnType<typeof findTeacherWithPerson>>>;

export async function profileRows(tx: Tx, teacherId: string) {
  const [instruments, zones, availability] = await Promise.all([
    tx
      .selectFrom('teacher_instruments')
      .selectAll()
      .where('teacher_id', '=', teacherId)
      .orderBy('instrument')
      .execute(),
    tx
      .selectFrom('teacher_zones')
      .selectAll()
      .where('teacher_id', '=', teacherId)
      .orderBy('kind')
      .orderBy('code')
      .execute(),
    tx
      .selectFrom('teacher_availability')
      .selectAll()
      .where('teacher_id', '=', teacherId)
      .orderBy('weekday')
      .orderBy('start_minute')
      .execute(),
  ]);
  return { instruments, zones, availability };
}

/**
 * Writes the profile's columns of the teachers row at the version the caller saw (null: the caller just created
 * the row); false when someone changed it first.
 */
export async function updateTeacherProfile(
  tx: Tx,
  teacherId: string,
  set: Omit<Updateable<TeachersTable>, 'version'>,
  version: number | null,
): Promise<boolean> {
  let query = tx
    .updateTable('teachers')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('person_id', '=', teacherId);
  if (version !== null) query = query.where('version', '=', version);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type ProfileRowsInput = {
  instruments: { instrument: string; levelMin: number; levelMax: number; ageMin: number; ageMax: number }[];
  zones: { kind: string; code: string }[];
  availability: { weekday: number; startMinute: number; endMinute: number }[];
};

/** Replaces the instrument, zone and availability rows of a teacher (inside the caller's transaction). */
export async function replaceProfileRows(tx: Tx, teacherId: string, input: ProfileRowsInput): Promise<void> {
  await tx.deleteFrom('teacher_instruments').where('teacher_id', '=', teacherId).execute();
  await tx.deleteFrom('teacher_zones').where('teacher_id', '=', teacherId).execute();
  await tx.deleteFrom('teacher_availability').where('teacher_id', '=', teacherId).execute();
  if (input.instruments.length) {
    await tx
      .insertInto('teacher_instruments')
      .values(
        input.instruments.map((i) => ({
          teacher_id: teacherId,
          instrument: i.instrument,
          level_min: i.levelMin,
          level_max: i.levelMax,
          age_min: i.ageMin,
          age_max: i.ageMax,
        })),
      )
      .execute();
  }
  // The same zone twice would break the primary key: keep each (kind, code) once.
  const zones = [...new Map(input.zones.map((z) => [`${z.kind}|${z.code}`, z])).values()];
  if (zones.length)
    await tx
      .insertInto('teacher_zones')
      .values(zones.map((z) => ({ teacher_id: teacherId, kind: z.kind, code: z.code })))
      .execute();
  if (input.availability.length) {
    await tx
      .insertInto('teacher_availability')
      .values(
        input.availability.map((s) => ({
          teacher_id: teacherId,
          weekday: s.weekday,
          start_minute: s.startMinute,
          end_minute: s.endMinute,
        })),
      )
      .execute();
  }
}
