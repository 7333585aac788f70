import { SYSTEM, type UserActor } from '../../platform/actor.js';
import { createDemoUser, type DemoContext } from '../../platform/demo.js';
import { newId } from '../../platform/ids.js';
import { createPeopleService } from '../people/people.service.js';
import { insertFamilyRow } from '../people/people.repository.js';
import * as repo from './admission.repository.js';

type NewFamily = {
  name: string;
  guardian: readonly [string, string];
  phone: string;
  student: readonly [string, string];
  /** The demo login of its guardian (listed in the README); others log in with their own address. */
  login?: string;
};

/**
 * New families enrolled at the demo's first school, in rank order: three for next season a month ago, the third
 * giving the first one's phone, so that the secretariat's list (next season's by default) flags it as a possible
 * duplicate; and three for the current season last summer, who chose their courses in September (enrolment.demo.ts
 * puts them on a waiting list and offers the first a seat: the demo login `family-offer`).
 */
export const NEXT_SEASON_FAMILIES: readonly NewFamily[] = [
  { name: 'Famille Bernard', guardian: ['Julie', 'Bernard'], phone: '+33611223344', student: ['Hugo', '2016-04-12'] },
  { name: 'Famille Nguyen', guardian: ['Minh', 'Nguyen'], phone: '+33622334455', student: ['Linh', '2013-09-30'] },
  { name: 'Famille Bernard-Roux', guardian: ['Paul', 'Roux'], phone: '+33611223344', student: ['Emma', '2018-01-05'] },
];
export const CURRENT_SEASON_FAMILIES: readonly NewFamily[] = [
  {
    name: 'Famille Roussel',
    guardian: ['Camille', 'Roussel'],
    phone: '+33633445566',
    student: ['Arthur', '2015-11-03'],
    login: 'family-offer',
  },
  { name: 'Famille Blanc', guardian: ['Sophie', 'Blanc'], phone: '+33644556677', student: ['Louise', '2014-04-18'] },
  { name: 'Famille Haddad', guardian: ['Yasmine', 'Haddad'], phone: '+33655667788', student: ['Adam', '2016-07-09'] },
];

export type DemoFamily = { familyId: string; studentId: string; guardian: UserActor };

/** Enrols `list` at the school for the season, the first `daysAgo` days ago and each next one three days later. */
export async function admissionDemo(
  ctx: DemoContext,
  schoolId: string,
  seasonId: string,
  list: readonly NewFamily[],
  daysAgo: number,
): Promise<DemoFamily[]> {
  const { tx, deps } = ctx;
  const people = createPeopleService(deps);
  const start = deps.clock.now().getTime() - daysAgo * 86_400_000;
  const familyIds: string[] = [];
  const families: DemoFamily[] = [];
  for (const [i, f] of list.entries()) {
    const at = new Date(start + i * 3 * 86_400_000).toISOString();
    const familyId = newId();
    familyIds.push(familyId);
    await insertFamilyRow(tx, {
      id: familyId,
      name: f.name,
      billing_line1: `${10 + i} rue de la Roquette`,
      billing_line2: null,
      billing_postal_code: '75011',
      billing_city: 'Paris',
      billing_country: 'FR',
      contact_preference: 'email',
      locale: 'fr',
      notes: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    const [first, last] = f.guardian;
    const guardian = await people.insertPerson(tx, SYSTEM, {
      kind: 'guardian',
      firstName: first,
      lastName: last,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@famille.demo.example.org`,
      phone: f.phone,
      familyId,
    });
    const student = await people.insertPerson(tx, SYSTEM, {
      kind: 'student',
      firstName: f.student[0],
      lastName: last,
      birthDate: f.student[1],
      familyId,
    });
    await repo.insertConsents(tx, [
      { student_id: student.id, image_rights: 'class', consented_by: guardian.id, consented_at: at },
    ]);
    await repo.insertRegistration(tx, {
      id: newId(),
      school_id: schoolId,
      season_id: seasonId,
      family_id: familyId,
      status: 'completed',
      heard_from: ['word_of_mouth', 'website', 'poster'][i] ?? null,
      data_processing_consent_at: at,
      documents_requested: JSON.stringify([
        { kind: 'medical_certificate', provided: i !== 1 },
        { kind: 'photo', provided: true },
      ]),
      completed_at: at,
      created_at: at,
      updated_at: at,
      version: 1,
      duplicate_family_id: i > 0 && f.phone === list[0]!.phone ? (familyIds[0] ?? null) : null,
    });
    const name = `${first} ${last}`;
    const email = f.login ? undefined : (guardian.email ?? undefined);
    families.push({
      familyId,
      studentId: student.id,
      guardian: await createDemoUser(ctx, f.login ?? guardian.id, name, ['guardian'], guardian.id, email),
    });
  }
  return families;
}
