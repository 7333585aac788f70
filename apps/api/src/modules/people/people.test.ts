import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { makeFamily } from '../../testing/factories.js';

let ctx: TestContext;
let sales: Agent;
beforeAll(async () => {
  ctx = await createTestApp();
  sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
});
afterAll(async () => ctx.close());

const newFamily = {
  billingAddress: { line1: '12 rue des Écoles', postalCode: '75005', city: 'Paris' },
  guardians: [
    { firstName: 'Hélène', lastName: 'Lefèvre', email: 'Helene.Lefevre@Example.org', phone: '06 12 34 56 78' },
  ],
  students: [{ firstName: 'Zoé', lastName: 'Lefèvre', birthDate: '2016-03-14' }],
};

describe('families', () => {
  it('creates a family with its guardian and student, normalising e-mail and phone', async () => {
    const res = await sales.post('/api/families', newFamily);
    expect(res.statusCode).toBe(201);
    const family = res.json();
    expect(family.name).toBe('Lefèvre');
    expect(family.guardians[0]).toMatchObject({ email: 'helene.lefevre@example.org', phone: '+33612345678' });
    expect(family.students[0]).toMatchObject({ firstName: 'Zoé', birthDate: '2016-03-14' });
  });

  it('refuses a minor without a guardian, and stores nothing', async () => {
    const before = await ctx.deps.db
      .selectFrom('families')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await sales.post('/api/families', {
      guardians: [],
      students: [{ firstName: 'Léo', lastName: 'Seul', birthDate: '2017-01-01', email: 'leo@example.org' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'students.0.birthDate', code: 'MINOR_NEEDS_GUARDIAN' });
    const after = await ctx.deps.db
      .selectFrom('families')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('gives field errors for a bad e-mail, a bad phone, a bad date and an oversized name', async () => {
    const res = await sales.post(
      '/api/families',
      {
        guardians: [
          { firstName: 'x'.repeat(10_000), lastName: '<script>alert(1)</script>', email: 'nope', phone: '12' },
        ],
        students: [{ firstName: 'A', lastName: 'B', birthDate: '2016-02-31' }],
      },
      { headers: { 'accept-language': 'en' } },
    );
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(fields).toMatchObject({
      'guardians.0.firstName': 'too_long',
      'guardians.0.lastName': 'forbidden_characters',
      'guardians.0.email': 'invalid_email',
      'guardians.0.phone': 'invalid_phone',
      'students.0.birthDate': 'invalid_date',
    });
    expect(res.json().errors.find((e: { field: string }) => e.field === 'guardians.0.email').message).toBe(
      'This e-mail address is not valid.',
    );
  });

  it('refuses a stale edit and keeps the newer value', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Bérard' });
    const first = await sales.patch(`/api/families/${family.id}`, {
      version: family.version,
      notes: 'Prefers calls after 6 pm',
    });
    expect(first.statusCode).toBe(200);
    const second = await sales.patch(`/api/families/${family.id}`, { version: family.version, notes: 'Overwritten?' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('STALE_RECORD');
    expect((await sales.get(`/api/families/${family.id}`)).json().notes).toBe('Prefers calls after 6 pm');
  });

  it('records who changed what in the history', async () => {
    const family = await makeFamily(ctx.deps, {
      name: 'Hébert',
      guardian: { firstName: 'Noël', lastName: 'Hébert', phone: '+33698765432' },
    });
    const guardian = family.guardians[0];
    if (!guardian) throw new Error('no guardian');
    const res = await sales.patch(`/api/people/${guardian.id}`, { version: guardian.version, phone: '07 11 22 33 44' });
    expect(res.statusCode).toBe(200);
    const history = (await sales.get(`/api/history/person/${guardian.id}`)).json();
    expect(history[0]).toMatchObject({
      action: 'update',
      actorName: 'sales user',
      changes: { phone: { before: '+33698765432', after: '+33711223344' } },
    });
    expect(history.at(-1).action).toBe('create');
  });
});

describe('search', () => {
  beforeAll(async () => {
    await makeFamily(ctx.deps, {
      name: 'Ménard',
      guardian: { firstName: 'Hélène', lastName: 'Ménard', email: 'h.menard@courriel.example', phone: '+33645678912' },
    });
    await makeFamily(ctx.deps, {
      name: 'Martin',
      guardian: { firstName: 'Helena', lastName: 'Martin', phone: '+33199887766' },
    });
  });

  it('finds a person by an accent-less, lower-case name prefix', async () => {
    const hits = (await sales.get('/api/search?q=helene me')).json();
    expect(hits.map((h: { displayName: string }) => h.displayName)).toEqual(['Hélène Ménard']);
  });

  it('finds a person by a phone number typed in any format', async () => {
    for (const q of ['06 45 67 89 12', '0645678912', '+33 6 45 67 89 12', '456789', '06.45.67']) {
      const hits = (await sales.get(`/api/search?q=${encodeURIComponent(q)}`)).json();
      expect(
        hits.map((h: { displayName: string }) => h.displayName),
        q,
      ).toContain('Hélène Ménard');
    }
  });

  it('finds a person by part of an e-mail and links to the family', async () => {
    const hits = (await sales.get('/api/search?q=h.menard@')).json();
    expect(hits[0]).toMatchObject({ displayName: 'Hélène Ménard', kind: 'guardian', familyName: 'Ménard' });
  });

  it('refuses a one-letter query with a field error', async () => {
    const res = await sales.get('/api/search?q=h');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('q');
  });
});

describe('paging through the families by name', () => {
  it('walks every family once, page after page, including namesakes told apart by id', async () => {
    for (const name of ['Aubert', 'Aubert', 'Aubert', 'Barre', 'Collin'])
      await makeFamily(ctx.deps, {
        name,
        guardian: {
          lastName: name,
          email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.org`,
        },
      });
    const all = (await sales.get('/api/families?limit=100')).json() as { items: { id: string; name: string }[] };
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const res = await sales.get(`/api/families?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((f) => f.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.items.map((f) => f.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(all.items.filter((f) => f.name === 'Aubert')).toHaveLength(3);
  });
});

describe('filtering families by name', () => {
  it('takes % and _ in the typed text literally, on both engines', async () => {
    await makeFamily(ctx.deps, {
      name: 'Lenoir_Vidal',
      guardian: { lastName: 'Lenoir_Vidal', email: 'lenoir.vidal@example.org' },
    });
    await makeFamily(ctx.deps, {
      name: 'LenoirXVidal',
      guardian: { lastName: 'LenoirXVidal', email: 'lenoirx.vidal@example.org' },
    });
    const underscore = (await sales.get(`/api/families?q=${encodeURIComponent('r_V')}`)).json() as {
      items: { name: string }[];
    };
    expect(underscore.items.map((f) => f.name)).toEqual(['Lenoir_Vidal']);
    const percent = (await sales.get(`/api/families?q=${encodeURIComponent('r%V')}`)).json() as {
      items: { name: string }[];
    };
    expect(percent.items).toEqual([]);
  });
});
