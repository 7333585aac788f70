import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { registrationRank } from './admission.rules.js';

let ctx: TestContext;
let admin: Agent;
let seasonId = '';
let address = 0;
/** Each submission from its own address, so the per-address limit is only met where a test means it. */
const from = () => ({ remoteAddress: `10.1.${Math.floor(++address / 250)}.${address % 250}` });

async function json(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}

async function newSchool(): Promise<string> {
  const school = await json(
    admin.post('/api/schools', {
      name: `École ${newId().slice(0, 8)}`,
      address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris' },
      phone: '01 43 55 00 00',
      email: 'ecole@ecole.example.org',
      holidayZone: 'C',
      openingHours: [{ weekday: 3, opens: '09:00', closes: '20:00' }],
      rooms: [{ name: 'Salle 1', capacity: 10, equipment: [] }],
    }),
    201,
  );
  return school.id as string;
}

/** A family's form; e-mails and phones unique unless a test reuses them on purpose. */
function family(over: Record<string, unknown> = {}) {
  const tag = newId().slice(0, 8);
  const n = Number.parseInt(tag.slice(0, 6), 16) % 100_000_000;
  return {
    familyName: `Famille ${tag}`,
    billingAddress: { line1: '3 rue Oberkampf', postalCode: '75011', city: 'Paris' },
    guardians: [
      {
        firstName: 'Claire',
        lastName: `Durand ${tag}`,
        email: `claire.${tag}@famille.example.org`,
        phone: `06${String(n).padStart(8, '0')}`,
      },
    ],
    students: [{ firstName: 'Léo', lastName: 'Durand', birthDate: '2017-03-04', imageRights: 'class', consentBy: 0 }],
    dataProcessingConsent: true,
    heardFrom: 'website',
    documentsProvided: ['photo'],
    locale: 'fr',
    ...over,
  };
}

const count = async (table: 'families' | 'people' | 'school_registrations' | 'student_consents' | 'users') =>
  Number(
    (
      await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-06-10T09:00:00.000Z') });
  admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
  const season = await json(
    admin.post('/api/seasons', {
      name: '2026-2027',
      start: '2026-09-01',
      end: '2027-07-04',
      terms: [{ name: '1er trimestre', start: '2026-09-14', end: '2026-12-19' }],
    }),
    201,
  );
  seasonId = season.id;
}, 60_000);
afterAll(async () => ctx?.close());

describe('administrative enrolment of new students', () => {
  it('creates family, people, consents, the registration with its rank, an invited guardian account and the mails', async () => {
    const schoolId = await newSchool();
    const form = await json(anonymous(ctx).get(`/api/public/admissions/${schoolId}`), 200);
    expect(form).toMatchObject({ schoolId, seasonId, seasonName: '2026-2027' });
    const body = family({
      guardians: [
        { ...family().guardians[0]! },
        { firstName: 'Marc', lastName: 'Durand', email: 'marc.x@famille.example.org', phone: '+33 7 12 34 56 78' },
      ],
      students: [
        { firstName: 'Léo', lastName: 'Durand', birthDate: '2017-03-04', imageRights: 'class', consentBy: 1 },
        { firstName: 'Zoé', lastName: 'Durand', birthDate: '2005-01-01', imageRights: 'public' },
      ],
    });
    // Other tests of this file move the shared clock: the completion time is the clock's when the form is sent.
    const sentAt = ctx.clock.now().toISOString();
    const receipt = await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, body, from()), 201);
    expect(receipt).toEqual({ rank: 1, schoolName: form.schoolName, seasonName: '2026-2027' });

    const reg = await ctx.deps.db
      .selectFrom('school_registrations')
      .selectAll()
      .where('school_id', '=', schoolId)
      .executeTakeFirstOrThrow();
    expect(reg).toMatchObject({ status: 'completed', completed_at: sentAt, heard_from: 'website' });
    expect(JSON.parse(reg.documents_requested)).toContainEqual({ kind: 'photo', provided: true });
    expect(reg.duplicate_family_id).toBeNull();
    const members = await ctx.deps.db.selectFrom('people').selectAll().where('family_id', '=', reg.family_id).execute();
    expect(members.map((m) => `${m.kind} ${m.first_name}`).sort()).toEqual([
      'guardian Claire',
      'guardian Marc',
      'student Léo',
      'student Zoé',
    ]);
    const marc = members.find((m) => m.first_name === 'Marc')!;
    const consents = await ctx.deps.db
      .selectFrom('student_consents')
      .innerJoin('people', 'people.id', 'student_consents.student_id')
      .select(['people.first_name', 'image_rights', 'consented_by'])
      .where('people.family_id', '=', reg.family_id)
      .orderBy('people.first_name')
      .execute();
    // Zoé is an adult: no guardian's consent, image rights asked only of minors.
    expect(consents).toEqual([
      { first_name: 'Léo', image_rights: 'class', consented_by: marc.id },
      { first_name: 'Zoé', image_rights: 'none', consented_by: null },
    ]);
    const claire = members.find((m) => m.first_name === 'Claire')!;
    const account = await ctx.deps.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', claire.email!)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ status: 'invited', person_id: claire.id, password_hash: null });
    const mails = await ctx.deps.db.selectFrom('outbox').selectAll().where('to_address', '=', claire.email!).execute();
    expect(mails).toHaveLength(2);
    const confirmation = mails.find((m) => m.subject.startsWith('Inscription enregistrée'))!;
    expect(confirmation.text_body).toContain('n° 1');
    // The invitation's personal link is never stored readable in the outbox.
    for (const m of mails) expect(m.text_body).not.toMatch(/token=[A-Za-z0-9_-]{10}/);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'school_registration')
      .where('entity_id', '=', reg.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('ranks registrations by completion per school and season, in SQL as the rule says', async () => {
    const schoolId = await newSchool();
    const ranks: number[] = [];
    for (let i = 0; i < 3; i++) {
      ctx.clock.advanceMinutes(1);
      ranks.push((await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, family(), from()), 201)).rank);
    }
    expect(ranks).toEqual([1, 2, 3]);
    const list = await json(admin.get(`/api/schools/${schoolId}/registrations`), 200);
    expect(list.seasonId).toBe(seasonId);
    expect(list.items.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    const rows = list.items.map((r: { id: string; completedAt: string }) => ({ id: r.id, completedAt: r.completedAt }));
    expect(rows.map((r: { id: string; completedAt: string }) => registrationRank(rows, r))).toEqual([1, 2, 3]);
    // Another school's ranks start over.
    const other = await newSchool();
    expect((await json(anonymous(ctx).post(`/api/public/admissions/${other}`, family(), from()), 201)).rank).toBe(1);
  });

  it('flags a registration whose guardian is already known, without merging, and shows it to the secretariat', async () => {
    const schoolId = await newSchool();
    const first = family();
    await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, first, from()), 201);
    ctx.clock.advanceMinutes(1);
    const again = family({ guardians: [{ ...first.guardians[0]!, email: 'autre.adresse@famille.example.org' }] });
    await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, again, from()), 201);
    const list = await json(admin.get(`/api/schools/${schoolId}/registrations`), 200);
    const [one, two] = list.items;
    expect(one.duplicateFamilyId).toBeNull();
    expect(two).toMatchObject({ duplicateFamilyId: one.familyId, duplicateFamilyName: first.familyName });
    expect(two.familyId).not.toBe(one.familyId);
  });

  it('takes two enrolments of one guardian at once, with one account for both', async () => {
    const schoolId = await newSchool();
    const first = family();
    const second = family({ guardians: first.guardians });
    const email = first.guardians[0]!.email as string;
    const both = await Promise.all(
      [first, second].map((body) => anonymous(ctx).post(`/api/public/admissions/${schoolId}`, body, from())),
    );
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    const accounts = await ctx.deps.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(accounts).toHaveLength(1);
  });

  it('lets the secretariat of the school and the director read the list, refuses others', async () => {
    const schoolId = await newSchool();
    const otherSchool = await newSchool();
    const mine = await makeUser(ctx.deps, ['secretariat']);
    const theirs = await makeUser(ctx.deps, ['secretariat']);
    await json(admin.put(`/api/schools/${schoolId}/staff`, { userIds: [mine.id] }), 200);
    await json(admin.put(`/api/schools/${otherSchool}/staff`, { userIds: [theirs.id] }), 200);
    await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, family(), from()), 201);
    const ours = await json((await loginAs(ctx, mine.email)).get(`/api/schools/${schoolId}/registrations`), 200);
    expect(ours.items).toHaveLength(1);
    const denied = await (await loginAs(ctx, theirs.email)).get(`/api/schools/${schoolId}/registrations`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('SCHOOL_OUT_OF_SCOPE');
    for (const role of ['teacher', 'guardian', 'sales'] as const) {
      const agent = await loginAs(ctx, (await makeUser(ctx.deps, [role])).email);
      expect((await agent.get(`/api/schools/${schoolId}/registrations`)).statusCode).toBe(403);
    }
    expect((await anonymous(ctx).get(`/api/schools/${schoolId}/registrations`)).statusCode).toBe(401);
  });

  it('shows a guardian their own family’s registrations and places only', async () => {
    const schoolId = await newSchool();
    const ours = family();
    await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, ours, from()), 201);
    ctx.clock.advanceMinutes(1);
    await json(anonymous(ctx).post(`/api/public/admissions/${schoolId}`, family(), from()), 201);
    const claire = await ctx.deps.db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', ours.guardians[0]!.email)
      .executeTakeFirstOrThrow();
    const guardian = await loginAs(
      ctx,
      (await makeUser(ctx.deps, ['guardian'], { personId: claire.id, email: `g-${newId()}@test.example.org` })).email,
    );
    const mine = await json(guardian.get('/api/enrolments/my'), 200);
    expect(mine.registrations).toHaveLength(1);
    expect(mine.registrations[0]).toMatchObject({ rank: 1, seasonName: '2026-2027', status: 'completed' });
    expect(mine.places).toEqual([]);
    // A guardian of no family, and staff, have no "my enrolments".
    const stranger = await loginAs(ctx, (await makeUser(ctx.deps, ['guardian'])).email);
    expect((await stranger.get('/api/enrolments/my')).statusCode).toBe(403);
    expect((await admin.get('/api/enrolments/my')).statusCode).toBe(403);
    expect((await anonymous(ctx).get('/api/enrolments/my')).statusCode).toBe(401);
  });

  it('refuses bad input per field in the user’s language and writes nothing', async () => {
    const schoolId = await newSchool();
    const before = await Promise.all(
      (['families', 'people', 'school_registrations', 'student_consents', 'users'] as const).map(count),
    );
    const post = (body: unknown, language = 'fr') =>
      anonymous(ctx).post(`/api/public/admissions/${schoolId}`, body, {
        ...from(),
        headers: { 'accept-language': language },
      });
    const cases: { body: unknown; field: string; code: string; status?: number }[] = [
      {
        body: family({ dataProcessingConsent: false }),
        field: 'dataProcessingConsent',
        code: 'data_processing_consent_required',
      },
      {
        body: family({
          students: [{ firstName: 'Léo', lastName: 'D', birthDate: '2017-03-04', imageRights: 'class' }],
        }),
        field: 'students.0.consentBy',
        code: 'guardian_consent_required',
      },
      {
        body: family({ students: [{ firstName: 'Léo', lastName: 'D', birthDate: '2027-01-01', consentBy: 0 }] }),
        field: 'students.0.birthDate',
        code: 'birth_date_future',
      },
      {
        body: family({ guardians: [{ ...family().guardians[0]!, phone: '12' }] }),
        field: 'guardians.0.phone',
        code: 'invalid_phone',
      },
      {
        body: family({ guardians: [{ ...family().guardians[0]!, email: 'pas-un-mail' }] }),
        field: 'guardians.0.email',
        code: 'invalid_email',
      },
      { body: family({ heardFrom: 'other' }), field: 'heardFromOther', code: 'heard_from_other_required' },
    ];
    for (const c of cases) {
      const res = await post(c.body);
      expect(res.statusCode, res.body).toBe(400);
      const problem = res.json() as { errors: { field: string; code: string; message: string }[] };
      expect(problem.errors).toContainEqual(expect.objectContaining({ field: c.field, code: c.code }));
    }
    const fr = (await post(cases[1]!.body)).json() as { errors: { message: string }[] };
    expect(fr.errors[0]!.message).toBe('Un élève de moins de 15 ans a besoin de l’accord d’un responsable légal.');
    const en = (await post(cases[1]!.body, 'en')).json() as { errors: { message: string }[] };
    expect(en.errors[0]!.message).toBe('A student under 15 needs a guardian’s consent.');
    const after = await Promise.all(
      (['families', 'people', 'school_registrations', 'student_consents', 'users'] as const).map(count),
    );
    expect(after).toEqual(before);
    expect((await anonymous(ctx).get(`/api/public/admissions/${newId()}`)).statusCode).toBe(404);
  });

  it('limits the public form per address and stores nothing from a robot', async () => {
    const schoolId = await newSchool();
    const before = await count('school_registrations');
    const robot = await anonymous(ctx).post(
      `/api/public/admissions/${schoolId}`,
      family({ website: 'http://spam.example' }),
      from(),
    );
    expect(robot.statusCode).toBe(201);
    expect(await count('school_registrations')).toBe(before);
    const one = from();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await anonymous(ctx).post(`/api/public/admissions/${schoolId}`, family({ dataProcessingConsent: false }), one))
          .statusCode,
      );
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
