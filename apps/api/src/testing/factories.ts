import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import type { Deps } from '../platform/deps.js';
import { SYSTEM } from '../platform/actor.js';
import { newId } from '../platform/ids.js';
import { createPeopleService } from '../modules/people/people.service.js';

/** Small factories for tests: real rows through the real services. */
export async function makeFamily(
  deps: Deps,
  options: {
    name?: string;
    guardian?: { firstName?: string; lastName?: string; email?: string; phone?: string };
    students?: { firstName: string; birthDate: string }[];
    /** a family is invoiced only with a billing address: one by default, `null` for a family without */
    billingAddress?: { line1: string; postalCode: string; city: string; country: string } | null;
  } = {},
) {
  const people = createPeopleService(deps);
  const lastName = options.guardian?.lastName ?? options.name ?? 'Dupont';
  const family = await people.createFamily(SYSTEM, {
    name: options.name ?? lastName,
    contactPreference: 'email',
    billingAddress:
      options.billingAddress === undefined
        ? { line1: '8 rue des Écoles', postalCode: '75005', city: 'Paris', country: 'FR' }
        : options.billingAddress,
    locale: 'fr',
    guardians: [
      {
        firstName: options.guardian?.firstName ?? 'Claire',
        lastName,
        email: options.guardian?.email ?? `${newId().slice(0, 8)}@famille.example.org`,
        phone: options.guardian?.phone ?? null,
      },
    ],
    students: (options.students ?? [{ firstName: 'Léo', birthDate: '2015-04-02' }]).map((s) => ({
      firstName: s.firstName,
      lastName,
      birthDate: s.birthDate,
    })),
  });
  return family;
}

export async function makeTeacher(deps: Deps, options: { firstName?: string; lastName?: string; email?: string } = {}) {
  const people = createPeopleService(deps);
  return people.createTeacher(SYSTEM, {
    firstName: options.firstName ?? 'Paul',
    lastName: options.lastName ?? 'Professeur',
    email: options.email ?? `prof-${newId().slice(0, 8)}@example.org`,
  });
}

export async function assignTeacher(deps: Deps, teacherId: string, studentId: string, familyId: string) {
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('assignments')
    .values({
      id: newId(),
      student_id: studentId,
      teacher_id: teacherId,
      family_id: familyId,
      started_on: now.slice(0, 10),
      ended_on: null,
      end_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
}

type PlaceRow = Insertable<DB['course_enrolments']>;
/** What a place needs: its course, student, family and creation time; any other column may be given. */
export type PlaceFields = Pick<PlaceRow, 'course_id' | 'student_id' | 'family_id' | 'created_at'> & Partial<PlaceRow>;

/** A place (a course enrolment row) as the enrolment parts leave it: confirmed, new, nothing pending. */
export function placeRow(fields: PlaceFields): PlaceRow {
  return {
    id: newId(),
    status: 'confirmed',
    origin: 'new',
    registration_id: null,
    held_until: null,
    waiting_since: null,
    offer_expires_at: null,
    starts_on: null,
    cancelled_on: null,
    cancel_reason: null,
    updated_at: fields.created_at,
    version: 1,
    ...fields,
  };
}

/** Writes a place (placeRow) directly, for tests whose subject is not how places are made; returns its id. */
export async function makePlace(db: Kysely<DB>, fields: PlaceFields): Promise<string> {
  const row = placeRow(fields);
  await db.insertInto('course_enrolments').values(row).execute();
  return row.id;
}
