import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** The rank of each completed registration in its school and season: order of completion, then id (rules). */
const RANK = sql<number>`cast(row_number() over (partition by r.school_id, r.season_id order by r.completed_at, r.id) as integer)`;

/** The season a school enrols new students for on `today`: the latest one that has not ended. */
export async function seasonForAdmission(db: Tx, today: string) {
  return db
    .selectFrom('seasons')
    .select(['id', 'name'])
    .where('ends_on', '>=', today)
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();
}

export async function insertRegistration(tx: Tx, row: Insertable<DB['school_registrations']>): Promise<void> {
  await tx.insertInto('school_registrations').values(row).execute();
}

export async function insertConsents(tx: Tx, rows: Insertable<DB['student_consents']>[]): Promise<void> {
  if (rows.length) await tx.insertInto('student_consents').values(rows).execute();
}

/** Whether an account already uses this e-mail (the form then creates none: the family logs in as before). */
export async function accountWithEmail(db: Tx, email: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());
}

/** A completed registration's rank, counted in SQL by the same order as the list (completed_at, then id). */
export async function rankOf(db: Tx, id: string): Promise<number | null> {
  const me = await db
    .selectFrom('school_registrations')
    .select(['school_id', 'season_id', 'completed_at', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!me?.completed_at || me.status !== 'completed') return null;
  const at = me.completed_at;
  const row = await db
    .selectFrom('school_registrations')
    .select(sql<number>`count(*)`.as('n'))
    .where('school_id', '=', me.school_id)
    .where('season_id', '=', me.season_id)
    .where('status', '=', 'completed')
    .where((eb) => eb.or([eb('completed_at', '<', at), eb.and([eb('completed_at', '=', at), eb('id', '<=', id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A school's completed registrations of a season in rank order, with the family flagged as a possible duplicate. */
export async function registrationsOfSchool(db: Tx, schoolId: string, seasonId: string) {
  return db
    .selectFrom('school_registrations as r')
    .innerJoin('families as f', 'f.id', 'r.family_id')
    .leftJoin('families as d', 'd.id', 'r.duplicate_family_id')
    .select([
      'r.id',
      'r.family_id',
      'f.name as family_name',
      'r.status',
      'r.heard_from',
      'r.completed_at',
      'r.duplicate_family_id',
      'd.name as duplicate_family_name',
      RANK.as('rank'),
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.season_id', '=', seasonId)
    .where('r.status', '=', 'completed')
    .orderBy('r.completed_at')
    .orderBy('r.id')
    .execute();
}

/** The students of these families, by name. */
export async function studentsOfFamilies(db: Tx, familyIds: readonly string[]) {
  if (!familyIds.length) return [];
  return db
    .selectFrom('people')
    .select(['family_id', 'first_name', 'last_name'])
    .where('family_id', 'in', familyIds)
    .where('kind', '=', 'student')
    .orderBy('first_name')
    .execute();
}

/** A family's registrations, with the school, the season and the rank of the completed ones. */
export async function registrationsOfFamily(db: Tx, familyId: string) {
  const ranked = db
    .selectFrom('school_registrations as r')
    .select(['r.id', RANK.as('rank')])
    .where('r.status', '=', 'completed')
    .where(({ eb, selectFrom }) =>
      eb('r.school_id', 'in', selectFrom('school_registrations').select('school_id').where('family_id', '=', familyId)),
    );
  return db
    .selectFrom('school_registrations as m')
    .innerJoin('schools as s', 's.id', 'm.school_id')
    .innerJoin('seasons as se', 'se.id', 'm.season_id')
    .leftJoin(ranked.as('k'), 'k.id', 'm.id')
    .select(['m.id', 's.name as school_name', 'se.name as season_name', 'm.status', 'm.completed_at', 'k.rank'])
    .where('m.family_id', '=', familyId)
    .orderBy('se.starts_on', 'desc')
    .orderBy('s.name')
    .execute();
}

/** A family's places in courses (any status), with the course and the student. */
export async function placesOfFamily(db: Tx, familyId: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .innerJoin('seasons as se', 'se.id', 'c.season_id')
    .innerJoin('people as p', 'p.id', 'e.student_id')
    .select([
      'e.id',
      'e.status',
      'c.discipline',
      'c.weekday',
      'c.start_time',
      's.name as school_name',
      'se.name as season_name',
      'p.first_name',
      'p.last_name',
    ])
    .where('e.family_id', '=', familyId)
    .orderBy('se.starts_on', 'desc')
    .orderBy('p.first_name')
    .orderBy('c.weekday')
    .orderBy('c.start_time')
    .execute();
}
