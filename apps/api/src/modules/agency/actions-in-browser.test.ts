import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { makeFamily } from '../../testing/factories.js';
import { makePlan, makeProfileTeacher, relaxRateLimit, requestBody } from './agency.test-support.js';
import { openRequestNearTeacher } from './matching/nearby.rules.js';

/** Issue 13, item 13: the actions that were API-only get endpoints of their own (the pages are in the browser tests). */
let ctx: TestContext & { mailbox: Mailbox };
let planId: string;
const agents: Record<string, Agent> = {};
const ROLES = ['sales', 'recruitment', 'followup', 'accounts', 'board', 'secretariat'] as const;
const emails: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
  await relaxRateLimit(ctx.deps);
  for (const role of ROLES) emails[role] = (await makeUser(ctx.deps, [role])).email;
  planId = await makePlan(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-11-23T09:00:00.000Z');
  for (const role of ROLES) agents[role] = await loginAs(ctx, emails[role] as string);
});
afterAll(async () => ctx.close());
const as = (role: (typeof ROLES)[number]) => agents[role] as Agent;

async function newFile(overrides: Record<string, unknown> = {}) {
  const res = await as('sales').post('/api/requests', requestBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}
const fileRow = (id: string) =>
  ctx.deps.db.selectFrom('lesson_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('changing a request on its file', () => {
  it('keeps the same file, ends the piano teacher and sends it back to a new search when the student switches to violin', async () => {
    const pianist = await makeProfileTeacher(ctx.deps, { firstName: 'Piano', lastName: 'Prof' });
    const id = await newFile();
    expect((await as('sales').post(`/api/files/${id}/subscription`, { planId })).statusCode).toBe(200);
    const handover = await as('recruitment').post(`/api/files/${id}/handover`, { teacherId: pianist });
    expect(handover.statusCode, handover.body).toBe(200);
    const before = await fileRow(id);
    expect(before.stage).toBe('contact_handed_over');

    const res = await as('followup').patch(`/api/files/${id}/request`, {
      version: before.version,
      instrument: 'Violin',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, newSearch: true });
    const after = await fileRow(id);
    expect(after).toMatchObject({ id, reference: before.reference, instrument: 'violin', stage: 'matching' });
    const assignment = await ctx.deps.db
      .selectFrom('assignments')
      .selectAll()
      .where('file_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(assignment).toMatchObject({ end_reason: 'student_changed_instrument' });
    expect(assignment.ended_on).not.toBeNull();
    const sub = await ctx.deps.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('file_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sub.status).toBe('pending');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.summary)).toContain('request changed: piano → violin');
    // The new search proposes violinists, never the pianist.
    const candidates = (await as('recruitment').get(`/api/requests/${id}/candidates`)).json() as {
      teacherId: string;
    }[];
    expect(candidates.map((c) => c.teacherId)).not.toContain(pianist);
  });

  it('refuses a stale version, a bad level on its field, a closed file, and the roles that do not work on files', async () => {
    const id = await newFile();
    const { version } = await fileRow(id);
    expect((await as('sales').patch(`/api/files/${id}/request`, { version: version + 1, level: 2 })).statusCode).toBe(
      409,
    );
    const bad = await as('sales').patch(`/api/files/${id}/request`, { version, level: 7 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['level']);
    for (const role of ['board', 'secretariat'] as const)
      expect((await as(role).patch(`/api/files/${id}/request`, { version, level: 2 })).statusCode, role).toBe(403);
    const ok = await as('sales').patch(`/api/files/${id}/request`, { version, level: 2, goals: 'Jouer du Chopin' });
    expect(ok.json()).toEqual({ id, newSearch: false });
    expect(await fileRow(id)).toMatchObject({ level: 2, goals: 'Jouer du Chopin', stage: 'new_request' });
    expect((await as('sales').post(`/api/files/${id}/close`, { reason: 'plus de nouvelles' })).statusCode).toBe(200);
    const closed = await fileRow(id);
    expect(
      (await as('sales').patch(`/api/files/${id}/request`, { version: closed.version, level: 1 })).statusCode,
    ).toBe(409);
  });
});

describe('open requests near a teacher', () => {
  it('lists the waiting requests of the teacher’s instruments and levels within their reach, nearest first', async () => {
    const teacher = await makeProfileTeacher(ctx.deps, {
      postalCode: '75011',
      maxTravelKm: 8,
      online: true,
      instruments: [{ instrument: 'cello', levelMin: 1, levelMax: 2, ageMin: 5, ageMax: 99 }],
    });
    const near = await newFile({ instrument: 'cello' });
    const online = await newFile({ instrument: 'cello', place: 'online', address: null });
    const far = await newFile({
      instrument: 'cello',
      address: { line1: '1 place Bellecour', postalCode: '69002', city: 'Lyon' },
    });
    const tooAdvanced = await newFile({ instrument: 'cello', level: 3 });
    const otherInstrument = await newFile({ instrument: 'drums' });
    const res = await as('recruitment').get(`/api/teachers/${teacher}/open-requests`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { teacher: { id: string }; requests: { fileId: string; distanceKm: number | null }[] };
    expect(body.teacher.id).toBe(teacher);
    const ids = body.requests.map((r) => r.fileId);
    expect(ids).toContain(near);
    expect(ids).toContain(online);
    for (const excluded of [far, tooAdvanced, otherInstrument]) expect(ids).not.toContain(excluded);
    expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(online));
    expect(body.requests.find((r) => r.fileId === online)?.distanceKm).toBeNull();
    for (const role of ['sales', 'accounts', 'board', 'secretariat'] as const)
      expect((await as(role).get(`/api/teachers/${teacher}/open-requests`)).statusCode, role).toBe(403);
    expect((await as('followup').get(`/api/teachers/${near}/open-requests`)).statusCode).toBe(404);
  });

  it('is the rule: instrument, level, online only for who teaches online, in person within reach', () => {
    const offer = {
      instrument: 'piano',
      level_min: 1,
      level_max: 2,
      latitude: 48.86,
      longitude: 2.38,
      teaches_online: 0,
    };
    const request = { instrument: 'piano', level: 1, place: 'home', latitude: 48.86, longitude: 2.45 };
    expect(openRequestNearTeacher(offer, request, 10)).toEqual({ distanceKm: 5.1 });
    expect(openRequestNearTeacher(offer, request, 5)).toBeNull();
    expect(openRequestNearTeacher(offer, { ...request, level: 3 }, 10)).toBeNull();
    expect(openRequestNearTeacher(offer, { ...request, instrument: 'violin' }, 10)).toBeNull();
    expect(openRequestNearTeacher(offer, { ...request, place: 'online' }, 10)).toBeNull();
    expect(openRequestNearTeacher({ ...offer, teaches_online: 1 }, { ...request, place: 'online' }, 10)).toEqual({
      distanceKm: null,
    });
  });
});

describe('inviting a guardian to the family portal', () => {
  it('creates the guardian’s account, e-mails the invitation, and refuses a second one', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Invitée' });
    const guardian = family.guardians[0];
    if (!guardian?.email) throw new Error('no guardian');
    for (const role of ['board', 'recruitment'] as const)
      expect((await as(role).post(`/api/people/${guardian.id}/portal-invitation`)).statusCode, role).toBe(403);
    const res = await as('followup').post(`/api/people/${guardian.id}/portal-invitation`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      email: guardian.email,
      roles: ['guardian'],
      status: 'invited',
      personId: guardian.id,
    });
    expect(ctx.mailbox.to(guardian.email).length).toBeGreaterThan(0);
    const person = (await as('followup').get(`/api/people/${guardian.id}`)).json() as { userId: string | null };
    expect(person.userId).toBe((res.json() as { id: string }).id);
    const again = await as('followup').post(`/api/people/${guardian.id}/portal-invitation`);
    expect(again.statusCode).toBe(409);
    const student = family.students[0];
    expect((await as('followup').post(`/api/people/${student?.id}/portal-invitation`)).statusCode).toBe(404);
  });
});
