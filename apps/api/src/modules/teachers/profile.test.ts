import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginAs, makeUser, type Agent } from '../../testing/harness.js';
import { makeFamily } from '../../testing/factories.js';
import { createTeachersTestApp, staff, teacherWithLogin } from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let self: { id: string; agent: Agent };
let other: { id: string; agent: Agent };

beforeAll(async () => {
  ctx = await createTeachersTestApp();
});
// Each test edits a profile of its own (the audit trail and versions are the profile's).
beforeEach(async () => {
  self = await teacherWithLogin(ctx, 'Moi');
  other = await teacherWithLogin(ctx, 'Autre');
});
afterAll(async () => ctx.close());

const profile = (version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  bio: 'Pianiste, 15 ans d’enseignement.',
  instruments: [{ instrument: 'Piano', levelMin: 1, levelMax: 2, ageMin: 5, ageMax: 18 }],
  styles: ['Jazz', 'classique'],
  zones: [
    { kind: 'commune', code: '69383' },
    { kind: 'postal_code', code: '69006' },
  ],
  maxTravelKm: 10,
  teachesAtHome: true,
  teachesAtSchool: false,
  teachesOnline: false,
  capacityNewStudents: 3,
  address: { line1: '12 rue Vendôme', postalCode: '69006', city: 'Lyon' },
  availability: [
    { weekday: 1, startMinute: 1020, endMinute: 1140 },
    { weekday: 6, startMinute: 540, endMinute: 720 },
  ],
  ...overrides,
});

describe('teacher profile', () => {
  it('is completed by the teacher themself, placed from the address, and audited', async () => {
    const before = (await self.agent.get(`/api/teachers/${self.id}/profile`)).json();
    const res = await self.agent.put(`/api/teachers/${self.id}/profile`, profile(before.version));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      instruments: [{ instrument: 'piano', levelMin: 1, levelMax: 2 }],
      styles: ['jazz', 'classique'],
      capacityNewStudents: 3,
      address: { line1: '12 rue Vendôme', postalCode: '69006', city: 'Lyon' },
      place: { inseeCode: '69386' },
      availability: [
        { weekday: 1, startMinute: 1020, endMinute: 1140 },
        { weekday: 6, startMinute: 540, endMinute: 720 },
      ],
    });
    expect(res.json().place.latitude).toBeCloseTo(45.76, 1);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', self.id)
      .where('action', '=', 'profile-update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes)).toHaveProperty('capacityNewStudents');
  });

  it('refuses an unknown postal code, and a shared one the city does not settle, on the field', async () => {
    const current = (await self.agent.get(`/api/teachers/${self.id}/profile`)).json();
    const cases: [Record<string, string>, string, string][] = [
      [{ line1: '1 rue X', postalCode: '99999', city: 'Nulle part' }, 'address.postalCode', 'unknown_postal_code'],
      [{ line1: '1 rue X', postalCode: '01000', city: 'Ailleurs' }, 'address.city', 'commune_ambiguous'],
    ];
    for (const [address, field, code] of cases) {
      const res = await self.agent.put(`/api/teachers/${self.id}/profile`, profile(current.version, { address }), {
        headers: { 'accept-language': 'fr' },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ errors: [{ field, code }] });
    }
    const passy = await self.agent.put(
      `/api/teachers/${self.id}/profile`,
      profile(current.version, { address: { line1: '3 rue de Passy', postalCode: '75016', city: 'Paris' } }),
    );
    expect(passy.statusCode, passy.body).toBe(200);
    expect(passy.json()).toMatchObject({ place: { inseeCode: '75116' } });
  });

  it('refuses a stale version', async () => {
    const current = (await self.agent.get(`/api/teachers/${self.id}/profile`)).json();
    expect((await self.agent.put(`/api/teachers/${self.id}/profile`, profile(current.version))).statusCode).toBe(200);
    const stale = await self.agent.put(
      `/api/teachers/${self.id}/profile`,
      profile(current.version, { capacityNewStudents: 1 }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_RECORD' });
  });

  it('refuses slots ending before they start, upside-down levels and ages, duplicate instruments', async () => {
    const res = await self.agent.put(
      `/api/teachers/${self.id}/profile`,
      profile(1, {
        availability: [{ weekday: 2, startMinute: 600, endMinute: 600 }],
        instruments: [
          { instrument: 'piano', levelMin: 3, levelMax: 2, ageMin: 12, ageMax: 8 },
          { instrument: 'Piano', levelMin: 1, levelMax: 1, ageMin: 1, ageMax: 9 },
        ],
        zones: [{ kind: 'postal_code', code: 'abc' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: { field: string; code: string }[] }).errors.map(
      (e) => `${e.field}:${e.code}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'availability.0.endMinute:slot_end_before_start',
        'instruments.0.levelMax:level_range',
        'instruments.0.ageMax:age_range',
        'instruments.1.instrument:duplicate_value',
        'zones.0.code:invalid_value',
      ]),
    );
  });

  it('is edited by recruitment and followup, read by all staff, and by nobody else', async () => {
    const followup = await staff(ctx, ['followup']);
    const sales = await staff(ctx, ['sales']);
    const current = (await sales.get(`/api/teachers/${self.id}/profile`)).json();
    expect((await sales.put(`/api/teachers/${self.id}/profile`, profile(current.version))).statusCode).toBe(403);
    expect(
      (
        await followup.put(`/api/teachers/${self.id}/profile`, profile(current.version, { capacityNewStudents: 0 }))
      ).json(),
    ).toMatchObject({ capacityNewStudents: 0 });
    expect((await other.agent.get(`/api/teachers/${self.id}/profile`)).statusCode).toBe(403);
    expect((await other.agent.put(`/api/teachers/${self.id}/profile`, profile(current.version + 1))).statusCode).toBe(
      403,
    );
    const family = await makeFamily(ctx.deps);
    const guardian = await loginAs(
      ctx,
      (await makeUser(ctx.deps, ['guardian'], { personId: family.guardians[0]!.id })).email,
    );
    expect((await guardian.get(`/api/teachers/${self.id}/profile`)).statusCode).toBe(403);
  });
});
