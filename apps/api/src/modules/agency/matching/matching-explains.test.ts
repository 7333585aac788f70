import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Candidate, FileDetail, MatchingExclusions } from '@contracts';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../../testing/harness.js';
import { newId } from '../../../platform/ids.js';
import { distanceKm, resolvePlace } from '../../../platform/places.js';
import { makePlan, makeProfileTeacher, relaxRateLimit, requestBody } from '../agency.test-support.js';

/**
 * Matching that explains itself (issue 13, items 2–7), on a real database: each teacher's own travel distance on the
 * true circle, "why nobody" counts and widening, reasons worded in good French, outcomes counting only the teacher's
 * doing, and a hand-over that re-checks every hard filter and keeps the reasons of the choice on the file.
 * Each test uses its own instrument, so that the teachers of one do not count in another.
 */
let ctx: TestContext;
let sales: Agent;
let recruitment: Agent;
let planId: string;
const emails: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  await relaxRateLimit(ctx.deps);
  for (const role of ['sales', 'recruitment'] as const) emails[role] = (await makeUser(ctx.deps, [role])).email;
  planId = await makePlan(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-11-23T09:00:00.000Z');
  sales = await loginAs(ctx, emails.sales as string);
  recruitment = await loginAs(ctx, emails.recruitment as string);
});
afterAll(async () => ctx.close());

async function subscribed(overrides: Record<string, unknown> = {}) {
  const res = await sales.post('/api/requests', requestBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  expect((await sales.post(`/api/files/${id}/subscription`, { planId })).statusCode).toBe(200);
  return id;
}
const teaching = (instrument: string, levelMin = 1, levelMax = 3, ageMin = 5, ageMax = 99) => ({
  instruments: [{ instrument, levelMin, levelMax, ageMin, ageMax }],
});
async function candidates(fileId: string, query = '', locale = 'fr') {
  const res = await recruitment.get(`/api/requests/${fileId}/candidates${query}`, {
    headers: { 'accept-language': locale },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Candidate[];
}
async function why(fileId: string, query = '') {
  const res = await recruitment.get(`/api/requests/${fileId}/candidates/exclusions${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as MatchingExclusions;
}
const removed = (w: MatchingExclusions) => Object.fromEntries(w.removed.map((r) => [r.filter, r.count]));

describe('distance', () => {
  it('finds a teacher willing to drive 100 km at 70 km (no 60 km square), not one who goes 50', async () => {
    const paris = resolvePlace({ postalCode: '75011' });
    const compiegne = resolvePlace({ postalCode: '60200' });
    const d = distanceKm(paris as never, compiegne as never);
    expect(d).toBeGreaterThan(65);
    expect(d).toBeLessThan(90);
    const willing = await makeProfileTeacher(ctx.deps, {
      postalCode: '60200',
      maxTravelKm: 100,
      ...teaching('trumpet'),
    });
    const notSoFar = await makeProfileTeacher(ctx.deps, {
      postalCode: '60200',
      maxTravelKm: 50,
      ...teaching('trumpet'),
    });
    const file = await subscribed({ instrument: 'trumpet' });
    const ids = (await candidates(file)).map((c) => c.teacherId);
    expect(ids).toContain(willing);
    expect(ids).not.toContain(notSoFar);
    // Staff widen by 25 km: the second comes in too, and the hand-over accepts them under that search only.
    expect((await candidates(file, '?widenKm=25')).map((c) => c.teacherId)).toContain(notSoFar);
    const refused = await recruitment.post(`/api/files/${file}/handover`, { teacherId: notSoFar });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ errors: [{ field: 'teacherId', code: 'HANDOVER_DISTANCE' }] });
  });

  it('gives the same distance the same points, formatted with the locale’s decimal sign', async () => {
    const a = await makeProfileTeacher(ctx.deps, { postalCode: '75011', maxTravelKm: 5, ...teaching('flute') });
    const b = await makeProfileTeacher(ctx.deps, { postalCode: '75011', maxTravelKm: 40, ...teaching('flute') });
    const file = await subscribed({ instrument: 'flute' });
    const fr = await candidates(file);
    const [pa, pb] = [a, b].map((id) => fr.find((c) => c.teacherId === id)?.parts.find((p) => p.key === 'distance'));
    expect(pa?.points).toBe(pb?.points);
    expect(pa?.reason).toMatch(/^à \d+,\d km$/);
    const en = await candidates(file, '', 'en');
    expect(en.find((c) => c.teacherId === a)?.parts[0]?.reason).toMatch(/^\d+\.\d km away$/);
  });
});

describe('why nobody', () => {
  it('counts the teachers each hard filter removed, offers to widen, and says why one teacher is missing', async () => {
    const t = (options: Parameters<typeof makeProfileTeacher>[1]) =>
      makeProfileTeacher(ctx.deps, { ...teaching('cello'), ...options });
    await t({ lastName: 'Suspendu', status: 'suspended' });
    await t({ lastName: 'Avancé', ...teaching('cello', 3, 3) });
    await t({ lastName: 'Adultes', ...teaching('cello', 1, 3, 18, 99) });
    const onlineOnly = await t({ lastName: 'EnLigne', home: false, online: true });
    const lyon = await t({ lastName: 'Lyon', postalCode: '69003' });
    await t({ lastName: 'Complet', capacity: 0 });
    await t({ lastName: 'Lundi', availability: [{ weekday: 1, startMinute: 600, endMinute: 700 }] });
    // A teacher of another instrument, so that the instrument filter has someone to remove whatever ran before.
    await makeProfileTeacher(ctx.deps, { lastName: 'Hautbois', ...teaching('oboe') });
    const file = await subscribed({ instrument: 'cello' });
    expect(await candidates(file)).toEqual([]);

    const w = await why(file);
    expect(removed(w)).toMatchObject({
      suspension: 1,
      level: 1,
      age: 1,
      place: 1,
      distance: 1,
      capacity: 1,
      availability: 1,
      previous: 0,
    });
    expect(w.proposed).toBe(0);
    expect(w.teachers).toBe(w.removed.reduce((sum, r) => sum + r.count, 0) + w.proposed);
    expect(removed(w).instrument).toBeGreaterThan(0);
    expect(w.widen.online).toBe(1);
    expect(w.widen.distance.map((d) => d.km)).toEqual([10, 25, 50]);
    expect((await why(file, `?teacherId=${lyon}`)).teacher).toEqual({ teacherId: lyon, filter: 'distance' });

    // Widening to online lessons proposes the online teacher; the page's text matches: they teach online.
    const online = await candidates(file, '?asOnline=true');
    expect(online.map((c) => c.teacherId)).toEqual([onlineOnly]);
    expect(online[0]?.parts[0]?.reason).toBe('cours en ligne : la distance ne compte pas');

    expect((await sales.get(`/api/requests/${file}/candidates/exclusions`)).statusCode).toBe(403);
  });
});

describe('reasons', () => {
  it('words the instrument with its article, counts only lessons given, and only the teacher’s own endings', async () => {
    const teacherId = await makeProfileTeacher(ctx.deps, { ...teaching('guitar') });
    const file = await subscribed({ instrument: 'guitar' });
    const row = await ctx.deps.db
      .selectFrom('lesson_files')
      .select(['student_id', 'family_id'])
      .where('id', '=', file)
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now().toISOString();
    const assignment = (endReason: string) => ({
      id: newId(),
      student_id: row.student_id,
      teacher_id: teacherId,
      family_id: row.family_id,
      started_on: '2026-09-01',
      ended_on: '2026-11-01',
      end_reason: endReason,
      created_at: now,
      updated_at: now,
      version: 1,
      file_id: null,
      handed_over_at: null,
      first_lesson_on: null,
      first_lesson_recorded_by: null,
      could_not_reach_at: null,
    });
    const ended = [assignment('mismatch'), assignment('family_stopped'), assignment('teacher_unavailable')];
    await ctx.deps.db.insertInto('assignments').values(ended).execute();
    const lesson = (status: string, date: string) => ({
      id: newId(),
      assignment_id: ended[0]?.id as string,
      file_id: null,
      teacher_id: teacherId,
      student_id: row.student_id,
      family_id: row.family_id,
      lesson_date: date,
      minutes: 45,
      status,
      place: 'home',
      family_response: null,
      dispute_reason: null,
      recorded_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    await ctx.deps.db
      .insertInto('lessons')
      .values([
        lesson('done', '2026-11-02'),
        lesson('cancelled_by_teacher', '2026-11-09'),
        lesson('cancelled_by_family', '2026-11-16'),
      ])
      .execute();

    const [fr] = await candidates(file);
    expect(fr?.fit).toMatch(/^enseigne la guitare /);
    expect(fr?.parts.find((p) => p.key === 'load')?.reason).toBe(
      'seulement 1 cours donné ces 30 derniers jours — prioritaire',
    );
    expect(fr?.parts.find((p) => p.key === 'outcomes')?.reason).toBe('1 suivi arrêté de son fait');
    expect(fr?.parts.find((p) => p.key === 'outcomes')?.score).toBe(0.5);
    const [en] = await candidates(file, '', 'en');
    expect(en?.fit).toMatch(/^teaches guitar /);
    expect(en?.parts.find((p) => p.key === 'load')?.reason).toBe(
      'only 1 lesson given in the last 30 days — gets priority',
    );
  });
});

describe('hand-over', () => {
  it('re-checks every hard filter with a clear message, and keeps the reasons of the choice on the file', async () => {
    const chosen = await makeProfileTeacher(ctx.deps, { lastName: 'Choisi', ...teaching('saxophone') });
    const full = await makeProfileTeacher(ctx.deps, { lastName: 'Plein', ...teaching('saxophone') });
    const violin = await makeProfileTeacher(ctx.deps, { ...teaching('violin') });
    const file = await subscribed({ instrument: 'saxophone' });
    expect((await candidates(file)).map((c) => c.teacherId)).toContain(full);

    // Since the page was shown: one teacher was suspended, the other's places were taken.
    await ctx.deps.db.updateTable('teachers').set({ capacity_new_students: 0 }).where('person_id', '=', full).execute();
    const refusals: [string, string][] = [
      [full, 'HANDOVER_CAPACITY'],
      [violin, 'HANDOVER_INSTRUMENT'],
      [newId(), 'HANDOVER_INSTRUMENT'],
    ];
    for (const [teacherId, code] of refusals) {
      const res = await recruitment.post(
        `/api/files/${file}/handover`,
        { teacherId },
        {
          headers: { 'accept-language': 'fr' },
        },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ errors: [{ field: 'teacherId', code }] });
    }
    await ctx.deps.db.updateTable('teachers').set({ status: 'suspended' }).where('person_id', '=', chosen).execute();
    const suspended = await recruitment.post(`/api/files/${file}/handover`, { teacherId: chosen });
    expect(suspended.json()).toMatchObject({ errors: [{ field: 'teacherId', code: 'HANDOVER_SUSPENDED' }] });
    expect(JSON.stringify(suspended.json())).toContain('suspendu');
    await ctx.deps.db.updateTable('teachers').set({ status: 'active' }).where('person_id', '=', chosen).execute();

    const done = await recruitment.post(`/api/files/${file}/handover`, { teacherId: chosen });
    expect(done.statusCode, done.body).toBe(200);
    const detail = (await recruitment.get(`/api/files/${file}`)).json() as FileDetail;
    const reasons = detail.assignments[0]?.choiceReasons;
    expect(reasons?.score).toBeGreaterThan(0);
    expect(reasons?.fit).toMatch(/^enseigne le saxophone /);
    expect(reasons?.parts.map((p) => p.key)).toEqual(['distance', 'availability', 'styles', 'load', 'outcomes']);
  });
});
