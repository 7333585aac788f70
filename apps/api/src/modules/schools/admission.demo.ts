import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { SYSTEM } from '../../platform/actor.js';
import { newId } from '../../platform/ids.js';
import { createPeopleService } from '../people/people.service.js';
import { insertFamilyRow } from '../people/people.repository.js';
import * as repo from './admission.repository.js';

/**
 * Three new families enrolled at the demo's first school for the current season, in rank order; the third gave
 * the first one's phone, so the secretariat's list flags it as a possible duplicate.
 */
const FAMILIES = [
  { name: 'Famille Bernard', guardian: ['Julie', 'Bernard'], phone: '+33611223344', student: ['Hugo', '2016-04-12'] },
  { name: 'Famille Nguyen', guardian: ['Minh', 'Nguyen'], phone: '+33622334455', student: ['Linh', '2013-09-30'] },
  { name: 'Famille Bernard-Roux', guardian: ['Paul', 'Roux'], phone: '+33611223344', student: ['Emma', '2018-01-05'] },
] as const;

export async function admissionDemo(tx: Tx, deps: Deps, schoolId: string, seasonId: string): Promise<void> {
  const people = createPeopleService(deps);
  const start = deps.clock.now().getTime() - 30 * 86_400_000;
  const familyIds: string[] = [];
  for (const [i, f] of FAMILIES.entries()) {
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
      duplicate_family_id: i === 2 ? (familyIds[0] ?? null) : null,
    });
  }
}
