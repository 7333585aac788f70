import type { Role } from '@contracts';
import type { Deps } from '../platform/deps.js';
import { SYSTEM } from '../platform/actor.js';
import { newId } from '../platform/ids.js';
import { writeSetting } from '../platform/settings.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { createPeopleService } from '../modules/people/people.service.js';
import { createRandom, makeAddress, makeBirthDate, makeEmail, makeMobile, makeName } from './generator.js';
import {
  createDemoUser,
  DEMO_GUARDIAN_PHONE,
  DEMO_PASSWORD,
  type DemoContext,
  type DemoExtension,
} from '../platform/demo.js';

export {
  DEMO_DOMAIN,
  DEMO_GUARDIAN_PHONE,
  DEMO_PASSWORD,
  type DemoContext,
  type DemoExtension,
} from '../platform/demo.js';

/** The modules' parts of the demo, by module name, in manifest order: the app's assembly lists them. */
const parts = new Map<string, DemoExtension>();

/** Makes the manifests' demo parts known (called by buildApp; idempotent: several apps may be built). */
export function registerDemoParts(manifests: readonly { name: string; demo?: DemoExtension }[]): void {
  for (const m of manifests) if (m.demo) parts.set(m.name, m.demo);
}

const DEMO_USERS: { local: string; name: string; roles: Role[] }[] = [
  { local: 'admin', name: 'Agnès Directrice', roles: ['admin'] },
  { local: 'sales', name: 'Samuel Ventes', roles: ['sales'] },
  { local: 'recruitment', name: 'Rachida Recrutement', roles: ['recruitment'] },
  { local: 'followup', name: 'Fanny Suivi', roles: ['followup'] },
  { local: 'accounts', name: 'Cédric Comptes', roles: ['accounts'] },
  { local: 'secretariat', name: 'Sophie Secrétariat', roles: ['secretariat'] },
  { local: 'board', name: 'Bernard Bureau', roles: ['board'] },
];

/** Loads a small, realistic organisation into an empty database; returns the logins, or null if not empty. */
export async function loadDemoIfEmpty(
  deps: Deps,
  options: { families?: number; teachers?: number } = {},
): Promise<{ email: string; roles: Role[] }[] | null> {
  const existing = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = createPeopleService(deps);
  const familyCount = options.families ?? 30;
  const teacherCount = options.teachers ?? 12;
  let logins: { email: string; roles: Role[] }[] = [];

  await deps.db.transaction().execute(async (tx) => {
    const ctx: DemoContext = {
      tx,
      deps,
      random: createRandom(2026),
      passwordHash,
      users: {},
      teacherIds: [],
      familyIds: [],
      studentIds: [],
      logins: [],
    };
    const { random } = ctx;
    const now = deps.clock.now().toISOString();
    await writeSetting(tx, 'organisation.name', 'Musique à la maison (démo)', now);
    for (const u of DEMO_USERS) await createDemoUser(ctx, u.local, u.name, u.roles, null);

    for (let t = 0; t < teacherCount; t += 1) {
      const name = t === 0 ? { firstName: 'Hélène', lastName: 'Marchand' } : makeName(random);
      const person = await people.insertPerson(tx, SYSTEM, {
        kind: 'teacher',
        ...name,
        email: makeEmail(random, name.firstName, name.lastName, t),
        phone: makeMobile(random, 20_000_000 + t * 7919),
      });
      await tx
        .insertInto('teachers')
        .values({ person_id: person.id, status: 'active', bio: null, created_at: now, updated_at: now, version: 1 })
        .execute();
      ctx.teacherIds.push(person.id);
    }

    for (let f = 0; f < familyCount; f += 1) {
      const lastName = f === 0 ? 'Lefèvre' : makeName(random).lastName;
      const address = makeAddress(random);
      const familyId = newId();
      await tx
        .insertInto('families')
        .values({
          id: familyId,
          name: lastName,
          billing_line1: address.line1,
          billing_line2: null,
          billing_postal_code: address.postalCode,
          billing_city: address.city,
          billing_country: 'FR',
          contact_preference: random.pick(['email', 'phone', 'sms']),
          locale: f % 7 === 3 ? 'en' : 'fr',
          notes: null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      ctx.familyIds.push(familyId);
      const guardians = f === 0 ? 1 : random.int(1, 2);
      for (let g = 0; g < guardians; g += 1) {
        const firstName = f === 0 ? 'Hélène' : makeName(random).firstName;
        await people.insertPerson(tx, SYSTEM, {
          kind: 'guardian',
          firstName,
          lastName,
          email: makeEmail(random, firstName, lastName, f * 10 + g),
          phone: f === 0 && g === 0 ? DEMO_GUARDIAN_PHONE : makeMobile(random, 10_000_000 + f * 104_729 + g),
          familyId,
        });
      }
      for (let s = 0; s < random.int(1, 2); s += 1) {
        const student = await people.insertPerson(tx, SYSTEM, {
          kind: 'student',
          firstName: makeName(random).firstName,
          lastName,
          birthDate: makeBirthDate(random, 2008, 2019),
          familyId,
        });
        ctx.studentIds.push(student.id);
      }
    }

    // The demo teacher is the first teacher; the demo family is the first family (the Lefèvre, "06 12 34 56 78").
    const teacherPersonId = ctx.teacherIds[0] ?? null;
    await createDemoUser(ctx, 'teacher', 'Hélène Marchand', ['teacher'], teacherPersonId);
    const firstGuardian = await tx
      .selectFrom('people')
      .select('id')
      .where('family_id', '=', ctx.familyIds[0] ?? '')
      .where('kind', '=', 'guardian')
      .executeTakeFirst();
    await createDemoUser(ctx, 'family', 'Hélène Lefèvre', ['guardian'], firstGuardian?.id ?? null);

    // The demo teacher teaches the students of the second and third families (never the demo family).
    if (teacherPersonId) {
      for (const familyId of ctx.familyIds.slice(1, 3)) {
        const students = await tx
          .selectFrom('people')
          .select('id')
          .where('family_id', '=', familyId)
          .where('kind', '=', 'student')
          .execute();
        for (const s of students) {
          await tx
            .insertInto('assignments')
            .values({
              id: newId(),
              student_id: s.id,
              teacher_id: teacherPersonId,
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
      }
    }

    for (const part of parts.values()) await part(ctx);
    logins = ctx.logins;
  });
  return logins;
}
