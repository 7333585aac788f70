import type { Tx } from '../db/database.js';

/** The SQL behind the relation lookups of access.ts. */

/** The family of a person linked to a guardian account (null for anyone else). */
export async function familyOfGuardianPerson(db: Tx, personId: string): Promise<string | null> {
  const person = await db
    .selectFrom('people')
    .select(['family_id', 'kind'])
    .where('id', '=', personId)
    .executeTakeFirst();
  return person?.kind === 'guardian' ? person.family_id : null;
}

/** Is this person one of the teacher's current students, or a guardian of one? */
export async function teacherReachesPerson(db: Tx, teacherId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignments')
    .innerJoin('people', 'people.family_id', 'assignments.family_id')
    .select('assignments.id')
    .where('assignments.teacher_id', '=', teacherId)
    .where('assignments.ended_on', 'is', null)
    .where('people.id', '=', personId)
    .where((eb) => eb.or([eb('people.kind', '=', 'guardian'), eb('people.id', '=', eb.ref('assignments.student_id'))]))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Does the teacher currently teach a student of this family? */
export async function teacherReachesFamily(db: Tx, teacherId: string, familyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignments')
    .select('id')
    .where('teacher_id', '=', teacherId)
    .where('family_id', '=', familyId)
    .where('ended_on', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The family of any person (a guardian or a student), or null. */
export async function familyOfPerson(db: Tx, personId: string): Promise<string | null> {
  const person = await db.selectFrom('people').select('family_id').where('id', '=', personId).executeTakeFirst();
  return person?.family_id ?? null;
}
