import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { makeFamily, makePlace, makeTeacher } from '../../testing/factories.js';
import { TestClock } from '../../platform/clock.js';

let ctx: TestContext;
const clock = new TestClock('2026-08-20T09:00:00.000Z');
const as: Record<string, Agent> = {};
let seasonId = '';
let centre: { id: string; rooms: { id: string }[] };
let nord: { id: string };
let helene = '';

const weekdays = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '21:00' }));
const address = (postalCode: string) => ({ line1: '1 place de la Mairie', postalCode, city: 'Paris' });

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  // Each change at its own instant: the history lists them in order (two at the same instant have no order).
  clock.advanceMinutes(1);
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  as.admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
  as.board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
  as.secretariat = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
  const secretaryOfNord = await makeUser(ctx.deps, ['secretariat']);
  as.secretariatNord = await loginAs(ctx, secretaryOfNord.email);
  centre = await status(
    as.admin.post('/api/schools', {
      name: 'Centre',
      address: address('75011'),
      holidayZone: 'C',
      openingHours: weekdays,
      rooms: [{ name: 'Choeur', capacity: 30 }],
    }),
    201,
  );
  nord = await status(
    as.admin.post('/api/schools', { name: 'Nord', address: address('75018'), holidayZone: 'C' }),
    201,
  );
  await status(as.admin.put(`/api/schools/${nord.id}/staff`, { userIds: [secretaryOfNord.id] }), 200);
  const season = await status(
    as.admin.post('/api/seasons', {
      name: '2026-2027',
      start: '2026-09-01',
      end: '2027-07-04',
      terms: [{ name: 'Année', start: '2026-09-14', end: '2027-06-26' }],
    }),
    201,
  );
  seasonId = season.id;
  helene = (await makeTeacher(ctx.deps, { firstName: 'Hélène', lastName: 'Marchand' })).id;
  as.helene = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: helene })).email);
}, 60_000);
afterAll(async () => ctx?.close());

/** A new choir on its own slot (each test has its own course). */
async function newChoir(start: string) {
  return status(
    as.secretariat!.post('/api/courses', {
      seasonId,
      schoolId: centre.id,
      discipline: 'choir',
      kind: 'group',
      level: `Chœur ${start}`,
      teacherId: helene,
      roomId: centre.rooms[0]!.id,
      weekday: 3,
      start,
      durationMinutes: 45,
      capacity: 20,
    }),
    201,
  );
}

async function mailsAbout(courseId: string) {
  return ctx.deps.db
    .selectFrom('outbox')
    .select(['subject', 'text_body', 'template'])
    .where('related_type', '=', 'course')
    .where('related_id', '=', courseId)
    .orderBy('created_at')
    .execute();
}

describe('course changes', () => {
  it('switches a date range to distance: each lesson in it gets the link; audited, the teacher told', async () => {
    const choir = await newChoir('10:00');
    const period = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/distance-periods`, {
        start: '2026-10-01',
        end: '2026-10-15',
        reason: 'Salle en travaux',
        videoLink: 'https://visio.example.org/choeur',
      }),
      201,
    );
    expect(period).toMatchObject({
      start: '2026-10-01',
      end: '2026-10-15',
      videoLink: 'https://visio.example.org/choeur',
    });
    const lessons = await status(as.helene!.get(`/api/courses/${choir.id}/lessons`), 200);
    const distance = lessons.lessons.filter((l: { distance: boolean }) => l.distance);
    expect(distance.map((l: { date: string }) => l.date)).toEqual(['2026-10-07', '2026-10-14']);
    expect(distance[0].videoLink).toBe('https://visio.example.org/choeur');
    expect(lessons.lessons.find((l: { date: string }) => l.date === '2026-09-30')).toMatchObject({ distance: false });
    expect(lessons.distancePeriods).toHaveLength(1);
    const history = await status(as.board!.get(`/api/history/course/${choir.id}`), 200);
    expect(history.map((e: { action: string }) => e.action)).toEqual(['switch-to-distance', 'create']);
    const mails = await mailsAbout(choir.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain('https://visio.example.org/choeur');
    expect(mails[0]!.text_body).toContain('Salle en travaux');
  });

  it('refuses a range ending before it starts, outside the season, or without any link, per field', async () => {
    const choir = await newChoir('11:00');
    const url = `/api/courses/${choir.id}/distance-periods`;
    const reversed = await status(
      as.secretariat!.post(url, {
        start: '2026-10-15',
        end: '2026-10-01',
        reason: 'Travaux',
        videoLink: 'https://v.example.org/a',
      }),
      422,
    );
    expect(reversed.errors[0]).toMatchObject({ field: 'end', code: 'DISTANCE_ENDS_BEFORE_START' });
    expect(reversed.errors[0].message).toMatch(/doit suivre son début/);
    const outside = await status(
      as.secretariat!.post(url, {
        start: '2027-06-20',
        end: '2027-07-20',
        reason: 'Travaux',
        videoLink: 'https://v.example.org/a',
      }),
      422,
    );
    expect(outside.errors[0]).toMatchObject({ field: 'end', code: 'DISTANCE_OUTSIDE_SEASON' });
    const before = await status(
      as.secretariat!.post(url, {
        start: '2026-08-01',
        end: '2026-09-20',
        reason: 'Travaux',
        videoLink: 'https://v.example.org/a',
      }),
      422,
    );
    expect(before.errors[0]).toMatchObject({ field: 'start', code: 'DISTANCE_OUTSIDE_SEASON' });
    const noLink = await status(
      as.secretariat!.post(url, { start: '2026-10-01', end: '2026-10-02', reason: 'Travaux' }),
      422,
    );
    expect(noLink.errors[0]).toMatchObject({ field: 'videoLink', code: 'DISTANCE_NEEDS_LINK' });
    const badLink = await status(
      as.secretariat!.post(url, {
        start: '2026-10-01',
        end: '2026-10-02',
        reason: 'Travaux',
        videoLink: 'pas un lien',
      }),
      400,
    );
    expect(badLink.errors[0].field).toBe('videoLink');
    expect(await mailsAbout(choir.id)).toHaveLength(0);
  });

  it('cancels a distance period: its lessons are in the room again; audited, the teacher told', async () => {
    const choir = await newChoir('13:00');
    const url = `/api/courses/${choir.id}/distance-periods`;
    const range = {
      start: '2026-10-01',
      end: '2026-10-15',
      reason: 'Salle en travaux',
      videoLink: 'https://v.example.org/c',
    };
    const period = await status(as.secretariat!.post(url, range), 201);
    // Only the secretariat of the course's school cancels it; the teacher and the board read it.
    for (const agent of [as.secretariatNord!, as.board!, as.helene!]) {
      expect((await agent.del(`${url}/${period.id}`)).statusCode).toBe(403);
    }
    expect((await as.secretariat!.del(`${url}/${choir.id}`)).statusCode).toBe(404);
    await status(as.secretariat!.del(`${url}/${period.id}`), 204);
    const lessons = await status(as.helene!.get(`/api/courses/${choir.id}/lessons`), 200);
    expect(lessons.distancePeriods).toEqual([]);
    expect(lessons.lessons.filter((l: { distance: boolean }) => l.distance)).toEqual([]);
    const history = await status(as.board!.get(`/api/history/course/${choir.id}`), 200);
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'cancel-distance',
      'switch-to-distance',
      'create',
    ]);
    const mails = await mailsAbout(choir.id);
    expect(mails.map((m) => m.template).sort()).toEqual(['schools.course-change', 'schools.course-change']);
    expect(mails.map((m) => m.subject)).toContainEqual(expect.stringMatching(/de nouveau en salle du 01\/10\/2026/));
    expect((await as.secretariat!.del(`${url}/${period.id}`)).statusCode).toBe(404);
  });

  it('refuses to cancel a distance period that already ended, on its end field', async () => {
    const choir = await newChoir('14:00');
    const url = `/api/courses/${choir.id}/distance-periods`;
    const range = { start: '2026-09-02', end: '2026-09-09', reason: 'Travaux', videoLink: 'https://v.example.org/d' };
    const period = await status(as.secretariat!.post(url, range), 201);
    const now = clock.now();
    clock.set('2026-09-10T09:00:00.000Z');
    try {
      const later = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
      const ended = await status(later.del(`${url}/${period.id}`), 422);
      expect(ended.errors[0]).toMatchObject({ field: 'end', code: 'DISTANCE_PERIOD_ENDED' });
      expect(ended.errors[0].message).toMatch(/terminée/);
    } finally {
      clock.set(now);
    }
    expect((await status(as.secretariat!.get(`/api/courses/${choir.id}/lessons`), 200)).distancePeriods).toHaveLength(
      1,
    );
    expect(await mailsAbout(choir.id)).toHaveLength(1);
  });

  it('suspends a whole course with a reason (no lessons), resumes it; audited, the teacher told each time', async () => {
    const choir = await newChoir('12:00');
    const suspended = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/suspend`, {
        reason: 'Chef de chœur absent',
        version: choir.version,
      }),
      200,
    );
    expect(suspended).toMatchObject({ status: 'suspended', suspensionReason: 'Chef de chœur absent' });
    expect((await status(as.secretariat!.get(`/api/courses/${choir.id}/lessons`), 200)).lessons).toEqual([]);
    const again = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/suspend`, { reason: 'Encore', version: suspended.version }),
      409,
    );
    expect(again.code).toBe('COURSE_ALREADY_SUSPENDED');
    // A stale version is refused.
    expect((await as.secretariat!.post(`/api/courses/${choir.id}/resume`, { version: choir.version })).statusCode).toBe(
      409,
    );
    const resumed = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/resume`, { version: suspended.version }),
      200,
    );
    expect(resumed).toMatchObject({ status: 'active', suspensionReason: null });
    expect((await status(as.secretariat!.get(`/api/courses/${choir.id}/lessons`), 200)).lessons.length).toBeGreaterThan(
      30,
    );
    const notSuspended = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/resume`, { version: resumed.version }),
      409,
    );
    expect(notSuspended.code).toBe('COURSE_NOT_SUSPENDED');
    const history = await status(as.board!.get(`/api/history/course/${choir.id}`), 200);
    expect(history.map((e: { action: string }) => e.action)).toEqual(['resume', 'suspend', 'create']);
    const mails = await mailsAbout(choir.id);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/suspendu/),
      expect.stringMatching(/Reprise/),
    ]);
  });

  it('tells the families with a place in the course, once each, and not those waiting or gone', async () => {
    const choir = await newChoir('19:00');
    const place = async (status: string, guardianEmail: string) => {
      const family = await makeFamily(ctx.deps, { guardian: { email: guardianEmail } });
      const at = clock.now().toISOString();
      await makePlace(ctx.deps.db, {
        course_id: choir.id,
        student_id: family.students[0]!.id,
        family_id: family.id,
        status,
        created_at: at,
      });
    };
    await place('confirmed', 'inscrite@famille.example.org');
    await place('held', 'reinscrite@famille.example.org');
    await place('waiting', 'attente@famille.example.org');
    await place('cancelled', 'partie@famille.example.org');
    await status(
      as.secretariat!.post(`/api/courses/${choir.id}/suspend`, { reason: 'Chef absent', version: choir.version }),
      200,
    );
    const told = await ctx.deps.db
      .selectFrom('outbox')
      .select('to_address')
      .where('related_type', '=', 'course')
      .where('related_id', '=', choir.id)
      .execute();
    // The teacher and the two families holding a seat; not the family waiting, nor the one that cancelled.
    const addresses = told.map((m) => m.to_address);
    expect(addresses).toHaveLength(3);
    expect(addresses).toEqual(
      expect.arrayContaining(['inscrite@famille.example.org', 'reinscrite@famille.example.org']),
    );
    expect(addresses).not.toContain('attente@famille.example.org');
    expect(addresses).not.toContain('partie@famille.example.org');
  });

  it('refuses resuming a course whose slot was taken while it was suspended', async () => {
    const choir = await newChoir('16:00');
    const suspended = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/suspend`, { reason: 'Pause', version: choir.version }),
      200,
    );
    await newChoir('16:15');
    const refused = await status(
      as.secretariat!.post(`/api/courses/${choir.id}/resume`, { version: suspended.version }),
      409,
    );
    expect(refused.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'roomId:ROOM_DOUBLE_BOOKED',
      'start:TEACHER_DOUBLE_BOOKED',
    ]);
  });

  it('refuses these changes to a secretariat member of another school, the board and the teacher', async () => {
    const choir = await newChoir('17:00');
    const range = { start: '2026-10-01', end: '2026-10-02', reason: 'Travaux', videoLink: 'https://v.example.org/a' };
    for (const agent of [as.secretariatNord!, as.board!, as.helene!]) {
      expect((await agent.post(`/api/courses/${choir.id}/distance-periods`, range)).statusCode).toBe(403);
      expect(
        (await agent.post(`/api/courses/${choir.id}/suspend`, { reason: 'Non', version: choir.version })).statusCode,
      ).toBe(403);
      expect((await agent.post(`/api/courses/${choir.id}/resume`, { version: choir.version })).statusCode).toBe(403);
    }
    const scoped = await status(as.secretariatNord!.post(`/api/courses/${choir.id}/distance-periods`, range), 403);
    expect(scoped.code).toBe('SCHOOL_OUT_OF_SCOPE');
    expect(await mailsAbout(choir.id)).toHaveLength(0);
  });
});
