import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { writeSetting } from '../../platform/settings.js';
import { searchContact, searchName } from '../../platform/search-text.js';
import { resolvePlace } from '../../platform/places.js';

/** Test helpers of the agency loop: real rows, shaped like the teacher profiles the lifecycle module writes. */
export async function makeProfileTeacher(
  deps: Deps,
  options: {
    firstName?: string;
    lastName?: string;
    email?: string;
    status?: string;
    postalCode?: string;
    instruments?: { instrument: string; levelMin: number; levelMax: number; ageMin: number; ageMax: number }[];
    availability?: { weekday: number; startMinute: number; endMinute: number }[];
    zones?: { kind: string; code: string }[];
    styles?: string[];
    maxTravelKm?: number;
    home?: boolean;
    online?: boolean;
    capacity?: number;
  } = {},
): Promise<string> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  const firstName = options.firstName ?? 'Paul';
  const lastName = options.lastName ?? 'Professeur';
  const email = options.email ?? `prof-${id.slice(0, 8)}@example.org`;
  const place = resolvePlace({ postalCode: options.postalCode ?? '75011' });
  await deps.db
    .insertInto('people')
    .values({
      id,
      kind: 'teacher',
      first_name: firstName,
      last_name: lastName,
      email,
      phone: '+33611223344',
      birth_date: null,
      family_id: null,
      user_id: null,
      notes: null,
      search_name: searchName(firstName, lastName),
      search_contact: searchContact(email, null),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await deps.db
    .insertInto('teachers')
    .values({
      person_id: id,
      status: options.status ?? 'active',
      bio: null,
      created_at: now,
      updated_at: now,
      version: 1,
      max_travel_km: options.maxTravelKm ?? 10,
      teaches_at_home: options.home === false ? 0 : 1,
      teaches_at_school: 0,
      teaches_online: options.online ? 1 : 0,
      capacity_new_students: options.capacity ?? 3,
      address_line1: null,
      postal_code: place?.postalCode ?? null,
      city: place?.commune ?? null,
      insee_code: place?.inseeCode ?? null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      styles: JSON.stringify(options.styles ?? []),
      status_reason: null,
      status_until: null,
    })
    .execute();
  const instruments = options.instruments ?? [{ instrument: 'piano', levelMin: 1, levelMax: 2, ageMin: 6, ageMax: 18 }];
  await deps.db
    .insertInto('teacher_instruments')
    .values(
      instruments.map((i) => ({
        teacher_id: id,
        instrument: i.instrument,
        level_min: i.levelMin,
        level_max: i.levelMax,
        age_min: i.ageMin,
        age_max: i.ageMax,
      })),
    )
    .execute();
  const availability = options.availability ?? [{ weekday: 3, startMinute: 14 * 60, endMinute: 19 * 60 }];
  if (availability.length)
    await deps.db
      .insertInto('teacher_availability')
      .values(
        availability.map((a) => ({
          teacher_id: id,
          weekday: a.weekday,
          start_minute: a.startMinute,
          end_minute: a.endMinute,
        })),
      )
      .execute();
  if (options.zones?.length)
    await deps.db
      .insertInto('teacher_zones')
      .values(options.zones.map((z) => ({ teacher_id: id, kind: z.kind, code: z.code })))
      .execute();
  return id;
}

export async function makePlan(deps: Deps): Promise<string> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.db
    .insertInto('plans')
    .values({
      id,
      name: 'Hebdo 45 min',
      lesson_minutes: 45,
      frequency: 'weekly',
      lessons_per_season: 32,
      price_cents: 14_000,
      billing_period: 'monthly',
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

/** A plausible form: a guardian and a 9-year-old pianist in Paris 11e, free on Wednesday afternoons. */
export function requestBody(overrides: Record<string, unknown> = {}) {
  const tag = newId().slice(0, 8);
  const base = {
    guardian: { firstName: 'Claire', lastName: 'Durand', email: `claire-${tag}@famille.example.org`, phone: null },
    student: { firstName: 'Léo', lastName: 'Durand', birthDate: '2017-03-14' },
    instrument: 'piano',
    level: 1,
    goals: 'Découvrir le piano, jouer du jazz plus tard',
    place: 'home',
    address: { line1: '12 rue Oberkampf', postalCode: '75011', city: 'Paris' },
    slots: [{ weekday: 3, startMinute: 15 * 60, endMinute: 17 * 60 }],
    lessonMinutes: 45,
    frequency: 'weekly',
    styles: ['jazz'],
    locale: 'fr',
  };
  // Overrides may break the shape on purpose (validation tests); callers read the base fields only.
  return { ...base, ...overrides } as typeof base;
}

export async function relaxRateLimit(deps: Deps): Promise<void> {
  await writeSetting(
    deps.db,
    'agency.publicRequestRateLimit',
    { limit: 1000, windowMinutes: 60 },
    deps.clock.now().toISOString(),
  );
}
