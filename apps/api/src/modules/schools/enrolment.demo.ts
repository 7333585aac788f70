import type { UserActor } from '../../platform/actor.js';
import { addDays } from '../../platform/clock.js';
import { createDemoUser, DEMO_DOMAIN, demoDeps, type DemoContext } from '../../platform/demo.js';
import { newId } from '../../platform/ids.js';
import { organisationToday, writeSetting } from '../../platform/settings.js';
import { createPeopleService } from '../people/people.service.js';
import { insertFamilyRow } from '../people/people.repository.js';
import { createBillingServices } from '../billing/billing.service.js';
import { createSchoolsService } from './schools.service.js';
import { createFeesService } from './fees.service.js';
import { createChoiceService, promoteWaitingLists } from './choice.service.js';
import { createReenrolmentService } from './reenrolment.service.js';
import { WAITING_OFFER_DAYS } from './choice.settings.js';
import type { DemoFamily } from './admission.demo.js';

/** The current season's courses, keyed `school index:course index` (schools.demo.ts's tables). */
export type DemoCourses = Map<string, string>;

type Answer = 'confirmed' | 'changed' | 'declined';
type Returning = {
  login: string;
  listed?: boolean;
  family: string;
  guardian: [string, string];
  students: { name: string; birthDate: string; courses: string[] }[];
  answer?: { answer: Answer; note?: string; daysAgo: number };
};

/**
 * Families with places this season (all but the first at the first school, `0:…`, or the second, `1:…`) and what
 * they answered to next season's re-enrolment pack. The Garnier family's jazz ensemble stops next season (its pack
 * proposes nothing for it) and it cancelled piano; the Laurent family (two children) has not answered yet.
 */
const RETURNING: Returning[] = [
  {
    login: 'family-cancel',
    listed: true,
    family: 'Famille Garnier',
    guardian: ['Claire', 'Garnier'],
    students: [{ name: 'Léa', birthDate: '2014-03-02', courses: ['0:0', '0:9'] }],
  },
  {
    login: 'family-martin',
    family: 'Famille Martin',
    guardian: ['Nicolas', 'Martin'],
    students: [{ name: 'Chloé', birthDate: '2012-06-11', courses: ['0:1'] }],
    answer: { answer: 'confirmed', daysAgo: 8 },
  },
  {
    login: 'family-dubois',
    family: 'Famille Dubois',
    guardian: ['Sandrine', 'Dubois'],
    students: [{ name: 'Tom', birthDate: '2015-02-20', courses: ['0:2'] }],
    answer: {
      answer: 'changed',
      note: 'Tom préférerait le cours de guitare du samedi matin, s’il y reste une place.',
      daysAgo: 5,
    },
  },
  {
    login: 'family-petit',
    family: 'Famille Petit',
    guardian: ['Karim', 'Petit'],
    students: [{ name: 'Inès', birthDate: '2017-10-05', courses: ['0:3'] }],
    answer: { answer: 'declined', note: 'Nous déménageons à Lyon cet été.', daysAgo: 3 },
  },
  {
    login: 'family-moreau',
    family: 'Famille Moreau',
    guardian: ['Élodie', 'Moreau'],
    students: [{ name: 'Lucas', birthDate: '2011-01-17', courses: ['1:0'] }],
    answer: { answer: 'confirmed', daysAgo: 6 },
  },
  {
    login: 'family-pack',
    listed: true,
    family: 'Famille Laurent',
    guardian: ['Thomas', 'Laurent'],
    students: [
      { name: 'Jade', birthDate: '2013-12-08', courses: ['1:2'] },
      { name: 'Sacha', birthDate: '2018-02-14', courses: ['1:3'] },
    ],
  },
  {
    login: 'family-fontaine',
    family: 'Famille Fontaine',
    guardian: ['Amélie', 'Fontaine'],
    students: [{ name: 'Noé', birthDate: '2018-05-23', courses: ['0:3'] }],
  },
  {
    login: 'family-chevalier',
    family: 'Famille Chevalier',
    guardian: ['Marc', 'Chevalier'],
    students: [{ name: 'Zoé', birthDate: '2010-08-30', courses: ['1:8'] }],
  },
];
/** The full course with the waiting list: the first school's piano, Cycle 1 (one place). */
const FULL_COURSE = '0:0';
/** The Garnier family's cancelled course, whose seat the first on the waiting list is offered. */
const CANCELLED_COURSE = '0:0';
/**
 * The story's latest day: the current season's last cancellation deadline (third term, 14 days' notice) comes
 * after it, so a demo loaded later in the season still shows a cancellation the term rule accepts.
 */
const LATEST_STORY = Date.parse('2027-03-20T10:00:00.000Z');
const DAY = 86_400_000;

const ascii = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Enrolment under way (issue 15, item 7), written through the real services at the moments of a story that ends
 * today: returning families' places this season (written directly: last season's enrolment is not part of the
 * demo); the current season's new families of admission.demo.ts on piano's waiting list since September; the Garnier
 * family's fees and SEPA mandate, its written cancellation of piano before the second term's deadline credited by a
 * credit note, the freed seat offered by the promotion sweep to the first on the list, then its plan of three SEPA
 * instalments; next season's re-enrolment campaign, its packs sent by the sweep, some answered (confirmed, changed,
 * declined), the rest not yet, its priority deadline weeks ahead (beyond the 40 days e2e/school-reenrolment moves).
 * Each service may do more after merges (fees issued on confirmation): nothing here assumes what it does not ask.
 */
export async function enrolmentDemo(
  ctx: DemoContext,
  input: { currentSeasonId: string; nextSeasonId: string; courses: DemoCourses; newFamilies: DemoFamily[] },
): Promise<void> {
  const { tx } = ctx;
  const end = Math.min(ctx.deps.clock.now().getTime(), LATEST_STORY);
  const at = (daysAgo: number, hours = 0) => new Date(end - daysAgo * DAY + hours * 3_600_000);
  const services = (moment: Date) => {
    const deps = demoDeps(ctx, moment);
    const schools = createSchoolsService(deps);
    const billing = createBillingServices(deps);
    return {
      deps,
      fees: createFeesService(deps, schools, billing),
      billing,
      choice: createChoiceService(deps, schools),
      reenrolment: createReenrolmentService(deps, schools),
      today: () => organisationToday(tx, deps.clock),
    };
  };
  const staff = (local: string, name: string, role: 'secretariat' | 'accounts'): UserActor => ({
    kind: 'user',
    userId: ctx.users[local] ?? '',
    displayName: name,
    email: `${local}@${DEMO_DOMAIN}`,
    roles: new Set([role]),
    personId: null,
    locale: 'fr',
  });
  const secretariat = staff('secretariat', 'Sophie Secrétariat', 'secretariat');
  const accounts = staff('accounts', 'Cédric Comptes', 'accounts');
  const current = input.courses;

  // 1. The returning families and their places this season, enrolled before it started.
  const enrolledAt = at(100).toISOString();
  const people = createPeopleService(demoDeps(ctx, at(100)));
  const returning: { spec: Returning; familyId: string; guardian: UserActor; students: string[] }[] = [];
  for (const [index, spec] of RETURNING.entries()) {
    const familyId = newId();
    await insertFamilyRow(tx, {
      id: familyId,
      name: spec.family,
      billing_line1: `${4 + index * 3} rue Oberkampf`,
      billing_line2: null,
      billing_postal_code: '75011',
      billing_city: 'Paris',
      billing_country: 'FR',
      contact_preference: 'email',
      locale: 'fr',
      notes: null,
      created_at: enrolledAt,
      updated_at: enrolledAt,
      version: 1,
    });
    const [first, last] = spec.guardian;
    const guardian = await people.insertPerson(tx, secretariat, {
      kind: 'guardian',
      firstName: first,
      lastName: last,
      email: `${ascii(first)}.${ascii(last)}@famille.demo.example.org`,
      phone: `+3361700${String(1000 + index * 37).padStart(4, '0')}`,
      familyId,
    });
    const students: string[] = [];
    for (const s of spec.students) {
      const student = await people.insertPerson(tx, secretariat, {
        kind: 'student',
        firstName: s.name,
        lastName: last,
        birthDate: s.birthDate,
        familyId,
      });
      students.push(student.id);
      for (const key of s.courses) {
        const courseId = current.get(key);
        if (!courseId) continue;
        await tx
          .insertInto('course_enrolments')
          .values({
            id: newId(),
            course_id: courseId,
            student_id: student.id,
            family_id: familyId,
            status: 'confirmed',
            origin: 'returning',
            registration_id: null,
            held_until: null,
            waiting_since: null,
            offer_expires_at: null,
            starts_on: null,
            cancelled_on: null,
            cancel_reason: null,
            created_at: enrolledAt,
            updated_at: enrolledAt,
            version: 1,
          })
          .execute();
      }
    }
    const email = spec.listed ? undefined : (guardian.email ?? undefined);
    const account = await createDemoUser(ctx, spec.login, `${first} ${last}`, ['guardian'], guardian.id, email);
    returning.push({ spec, familyId, guardian: account, students });
  }

  // 2. The Garnier family: fees issued by the secretariat, a paper SEPA mandate recorded by accounts (step 4: the
  //    cancellation, then the plan of three SEPA instalments chosen in the portal).
  const garnier = returning[0]!;
  const cancelled = await tx
    .selectFrom('course_enrolments')
    .select('id')
    .where('student_id', '=', garnier.students[0]!)
    .where('course_id', '=', current.get(CANCELLED_COURSE) ?? '')
    .executeTakeFirst();
  {
    const { fees } = services(at(16));
    await fees.issueSeasonFees(tx, secretariat, garnier.familyId, input.currentSeasonId);
  }
  {
    const { billing, today } = services(at(15));
    await billing.mandates.create(
      accounts,
      {
        familyId: garnier.familyId,
        debtorName: 'Claire Garnier',
        address: { line1: '4 rue Oberkampf', postalCode: '75011', city: 'Paris', country: 'FR' },
        iban: 'FR7630004012340009876543272',
        type: 'recurrent',
        rum: 'HRM-DEMO-0101',
        signedOn: addDays(await today(), -1),
        signerName: 'Claire Garnier',
      },
      { ip: null },
    );
  }

  // 3. The current season's new families choose in their wave, in September: piano is full, they join its waiting
  //    list in rank order.
  await writeSetting(tx, WAITING_OFFER_DAYS.key, 14, at(90).toISOString());
  await services(at(90)).choice.setOpening(secretariat, input.currentSeasonId, at(90).toISOString());
  await promoteWaitingLists(services(at(90, 1)).deps);
  const fullCourse = current.get(FULL_COURSE);
  for (const [rank, family] of input.newFamilies.entries()) {
    if (!fullCourse) break;
    await services(at(89, rank)).choice.choose(family.guardian, {
      courseId: fullCourse,
      studentId: family.studentId,
      joinWaitingList: true,
    });
  }

  // 4. Piano cancelled in writing before the second term's deadline (a credit note for the terms not owed); the
  //    freed seat offered by the promotion sweep to the first on the list; the plan chosen for what is owed.
  if (cancelled) {
    const { fees, today } = services(at(12));
    await fees.cancel(garnier.guardian, {
      enrolmentId: cancelled.id,
      effectiveOn: await today(),
      reason: 'Léa arrête le piano pour se consacrer à l’ensemble de jazz.',
    });
    await promoteWaitingLists(services(at(12, 1)).deps);
  }
  await services(at(11)).fees.choosePlan(garnier.guardian, input.currentSeasonId, { plan: 'three', method: 'sepa' });

  // 5. Next season's re-enrolment campaign: opened ten days ago, its packs sent by the sweep, some answered.
  {
    const { reenrolment, today } = services(at(10));
    await reenrolment.open(secretariat, {
      fromSeasonId: input.currentSeasonId,
      toSeasonId: input.nextSeasonId,
      priorityDeadline: addDays(await today(), 60),
    });
    await services(at(10, 1)).reenrolment.sweep();
  }
  for (const family of returning) {
    const answer = family.spec.answer;
    if (!answer) continue;
    for (const studentId of family.students) {
      const pack = await tx
        .selectFrom('reenrolment_packs')
        .select('id')
        .where('student_id', '=', studentId)
        .executeTakeFirst();
      if (!pack) continue;
      await services(at(answer.daysAgo)).reenrolment.answer(family.guardian, pack.id, {
        answer: answer.answer,
        note: answer.note,
      });
    }
  }
}
