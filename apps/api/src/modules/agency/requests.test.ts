import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { makeFamily } from '../../testing/factories.js';
import { writeSetting } from '../../platform/settings.js';
import { relaxRateLimit, requestBody } from './agency.test-support.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await relaxRateLimit(ctx.deps);
});
afterAll(async () => ctx.close());

const count = async (table: 'families' | 'people' | 'lesson_files') =>
  Number(
    (
      await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('lesson requests', () => {
  it('turns a public request into a family, a student and a file waiting for sales', async () => {
    const body = requestBody();
    const res = await anonymous(ctx).post('/api/public/lesson-requests', body);
    expect(res.statusCode).toBe(201);
    const { reference } = res.json() as { reference: string };
    const file = await ctx.deps.db
      .selectFrom('lesson_files')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({
      stage: 'new_request',
      owner_service: 'sales',
      source: 'public',
      instrument: 'piano',
      insee_code: '75111',
      duplicate_family_id: null,
    });
    expect(file.latitude).toBeCloseTo(48.86, 1);
    const people = await ctx.deps.db.selectFrom('people').selectAll().where('family_id', '=', file.family_id).execute();
    expect(people.map((p) => p.kind).sort()).toEqual(['guardian', 'student']);
    const slots = await ctx.deps.db.selectFrom('file_slots').selectAll().where('file_id', '=', file.id).execute();
    expect(slots).toHaveLength(1);
    const mail = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', body.guardian.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain(reference);
  });

  it('answers a robot that filled the hidden field as usual but stores nothing', async () => {
    const before = await count('lesson_files');
    const res = await anonymous(ctx).post(
      '/api/public/lesson-requests',
      requestBody({ website: 'http://spam.example' }),
    );
    expect(res.statusCode).toBe(201);
    expect(await count('lesson_files')).toBe(before);
  });

  it('refuses bad input with field errors in the user’s language and stores nothing', async () => {
    const before = [await count('families'), await count('people'), await count('lesson_files')];
    const huge = 'x'.repeat(10_000);
    const cases = [
      {
        body: requestBody({ student: { firstName: huge, lastName: 'Durand', birthDate: '2017-03-14' } }),
        field: 'student.firstName',
        code: 'too_long',
      },
      { body: requestBody({ goals: '<script>alert(1)</script>' }), field: 'goals', code: 'forbidden_characters' },
      {
        body: requestBody({ guardian: { firstName: '<script>', lastName: 'X', email: 'a@b.example.org' } }),
        field: 'guardian.firstName',
        code: 'forbidden_characters',
      },
      {
        body: requestBody({ slots: [{ weekday: 2, startMinute: 1000, endMinute: 900 }] }),
        field: 'slots.0.endMinute',
        code: 'slot_ends_before_start',
      },
      {
        body: requestBody({ address: { line1: '1 rue X', postalCode: '99999', city: 'Nulle part' } }),
        field: 'address.postalCode',
        code: 'unknown_postal_code',
      },
      {
        body: requestBody({ address: { line1: '1 rue X', postalCode: '9999', city: 'Nulle part' } }),
        field: 'address.postalCode',
        code: 'invalid_postal_code',
      },
      {
        // A CEDEX code names a sorting office, not where the lessons take place.
        body: requestBody({ address: { line1: '1 rue X', postalCode: '75700', city: 'Paris Cedex 07' } }),
        field: 'address.postalCode',
        code: 'postal_code_cedex',
      },
      {
        // Two communes share 01000 and the city names neither: the form asks which one, the server never guesses.
        body: requestBody({ address: { line1: '1 rue X', postalCode: '01000', city: 'Ailleurs' } }),
        field: 'address.city',
        code: 'commune_ambiguous',
      },
      {
        body: requestBody({
          guardian: null,
          student: { firstName: 'Léo', lastName: 'Durand', birthDate: '2017-03-14', email: 'leo@example.org' },
        }),
        field: 'guardian',
        code: 'guardian_required',
      },
    ];
    for (const c of cases) {
      const res = await anonymous(ctx).post('/api/public/lesson-requests', c.body, {
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode, c.field).toBe(400);
      const problem = res.json() as { code: string; errors: { field: string; code: string; message: string }[] };
      expect(
        problem.errors.find((e) => e.field === c.field),
        JSON.stringify(problem.errors),
      ).toMatchObject({ code: c.code });
    }
    const fr = await anonymous(ctx).post('/api/public/lesson-requests', cases[3]?.body, {
      headers: { 'accept-language': 'fr' },
    });
    expect((fr.json() as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'Le créneau doit se terminer après son début.',
    );
    expect([await count('families'), await count('people'), await count('lesson_files')]).toEqual(before);
  });

  it('stores "75016 Paris" as the 16th arrondissement, and lists the communes of a shared postal code', async () => {
    const res = await anonymous(ctx).post(
      '/api/public/lesson-requests',
      requestBody({ address: { line1: '3 rue de Passy', postalCode: '75016', city: 'Paris' } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const file = await ctx.deps.db
      .selectFrom('lesson_files')
      .select(['insee_code', 'city', 'latitude'])
      .orderBy('created_at', 'desc')
      .where('postal_code', '=', '75016')
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ insee_code: '75116', city: 'Paris 16e Arrondissement' });
    expect(file.latitude).toBeCloseTo(48.86, 1);
    const places = await anonymous(ctx).get('/api/public/places?postalCode=01000');
    expect(places.statusCode).toBe(200);
    expect(places.json()).toEqual([
      { inseeCode: '01053', commune: 'Bourg-en-Bresse', department: '01' },
      { inseeCode: '01344', commune: 'Saint-Denis-lès-Bourg', department: '01' },
    ]);
    // The commune the form asked for is the one stored.
    const chosen = await anonymous(ctx).post(
      '/api/public/lesson-requests',
      requestBody({ address: { line1: '1 rue X', postalCode: '01000', city: 'Saint-Denis', inseeCode: '01344' } }),
    );
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect((await anonymous(ctx).get('/api/public/places?postalCode=99999')).json()).toEqual([]);
  });

  it('limits the public form per address, counted in the database', async () => {
    await writeSetting(
      ctx.deps.db,
      'agency.publicRequestRateLimit',
      { limit: 2, windowMinutes: 60 },
      ctx.clock.now().toISOString(),
    );
    const from = { remoteAddress: '203.0.113.9' };
    expect((await anonymous(ctx).post('/api/public/lesson-requests', requestBody(), from)).statusCode).toBe(201);
    expect((await anonymous(ctx).post('/api/public/lesson-requests', requestBody(), from)).statusCode).toBe(201);
    expect((await anonymous(ctx).post('/api/public/lesson-requests', requestBody(), from)).statusCode).toBe(429);
    const elsewhere = { remoteAddress: '203.0.113.10' };
    expect((await anonymous(ctx).post('/api/public/lesson-requests', requestBody(), elsewhere)).statusCode).toBe(201);
    await relaxRateLimit(ctx.deps);
  });

  it('flags a request from a known e-mail with the candidate family, and merges it on request', async () => {
    const known = await makeFamily(ctx.deps, {
      name: 'Martin',
      guardian: { firstName: 'Anne', email: 'anne.martin@famille.example.org' },
    });
    const res = await anonymous(ctx).post(
      '/api/public/lesson-requests',
      requestBody({
        guardian: { firstName: 'Anne', lastName: 'Martin', email: 'Anne.Martin@famille.example.org' },
        student: { firstName: 'Zoé', lastName: 'Martin', birthDate: '2016-01-01' },
      }),
    );
    const { reference } = res.json() as { reference: string };
    const file = await ctx.deps.db
      .selectFrom('lesson_files')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(file.duplicate_family_id).toBe(known.id);
    expect(file.family_id).not.toBe(known.id);

    const sales = await makeUser(ctx.deps, ['sales']);
    const agent = await loginAs(ctx, sales.email);
    const list = (await agent.get('/api/files?stage=new_request')).json() as {
      items: { id: string; duplicateFamilyId: string | null }[];
    };
    expect(list.items.find((i) => i.id === file.id)?.duplicateFamilyId).toBe(known.id);

    const merged = await agent.post(`/api/requests/${file.id}/merge`, { familyId: known.id, version: file.version });
    expect(merged.statusCode).toBe(200);
    const after = await ctx.deps.db
      .selectFrom('lesson_files')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ family_id: known.id, duplicate_family_id: null });
    const members = await ctx.deps.db
      .selectFrom('people')
      .select(['kind', 'first_name'])
      .where('family_id', '=', known.id)
      .execute();
    // The guardian is not duplicated; the new student joined the known family.
    expect(members.filter((m) => m.kind === 'guardian')).toHaveLength(1);
    expect(members.map((m) => m.first_name)).toContain('Zoé');
    expect(
      await ctx.deps.db.selectFrom('families').select('id').where('id', '=', file.family_id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('lets sales take a request on the phone, and nobody else', async () => {
    const sales = await makeUser(ctx.deps, ['sales']);
    const res = await (
      await loginAs(ctx, sales.email)
    ).post('/api/requests', requestBody({ place: 'online', address: null }));
    expect(res.statusCode).toBe(201);
    const file = await ctx.deps.db
      .selectFrom('lesson_files')
      .selectAll()
      .where('id', '=', (res.json() as { id: string }).id)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ source: 'phone', place: 'online', stage: 'new_request' });
    const recruitment = await makeUser(ctx.deps, ['recruitment']);
    expect((await (await loginAs(ctx, recruitment.email)).post('/api/requests', requestBody())).statusCode).toBe(403);
    expect((await anonymous(ctx).post('/api/requests', requestBody())).statusCode).toBe(401);
  });
});
