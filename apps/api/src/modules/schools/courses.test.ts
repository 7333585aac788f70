import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { makeTeacher } from '../../testing/factories.js';
import { TestClock } from '../../platform/clock.js';

let ctx: TestContext;
const as: Record<string, Agent> = {};
let seasonId = '';
let centre: { id: string; rooms: { id: string; name: string }[] };
let nord: { id: string; rooms: { id: string; name: string }[] };
let helene = '';
let marc = '';

const address = (postalCode: string) => ({ line1: '1 place de la Mairie', postalCode, city: 'Paris' });
const weekdays = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '21:00' }));

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}

beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-08-20T09:00:00.000Z') });
  as.admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
  as.board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
  as.sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
  const secretaryOfNord = await makeUser(ctx.deps, ['secretariat']);
  as.secretariatNord = await loginAs(ctx, secretaryOfNord.email);
  as.secretariat = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
  centre = await status(
    as.admin.post('/api/schools', {
      name: 'Centre',
      address: address('75011'),
      holidayZone: 'C',
      openingHours: weekdays,
      rooms: [
        { name: 'Debussy', capacity: 2, equipment: ['piano'] },
        { name: 'Choeur', capacity: 30 },
      ],
    }),
    201,
  );
  nord = await status(
    as.admin.post('/api/schools', {
      name: 'Nord',
      address: address('75018'),
      holidayZone: 'C',
      openingHours: weekdays.map((h) => ({ ...h, opens: '14:00' })),
      rooms: [{ name: 'Salle 1', capacity: 12 }],
    }),
    201,
  );
  await status(as.admin.put(`/api/schools/${nord.id}/staff`, { userIds: [secretaryOfNord.id] }), 200);
  const season = await status(
    as.admin.post('/api/seasons', {
      name: '2026-2027',
      start: '2026-09-01',
      end: '2027-07-04',
      terms: [
        { name: 'T1', start: '2026-09-14', end: '2026-12-19' },
        { name: 'T2', start: '2027-01-04', end: '2027-06-26' },
      ],
    }),
    201,
  );
  seasonId = season.id;
  helene = (await makeTeacher(ctx.deps, { firstName: 'Hélène', lastName: 'Marchand' })).id;
  marc = (await makeTeacher(ctx.deps, { firstName: 'Marc', lastName: 'Durand' })).id;
  as.helene = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: helene })).email);
}, 60_000);
afterAll(async () => ctx?.close());

const course = (over: Record<string, unknown> = {}) => ({
  seasonId,
  schoolId: centre.id,
  discipline: 'choir',
  kind: 'group',
  level: 'Chœur enfants',
  ageMin: 8,
  ageMax: 12,
  teacherId: helene,
  roomId: centre.rooms[1]!.id,
  weekday: 3,
  start: '14:00',
  durationMinutes: 60,
  capacity: 20,
  ...over,
});

// One school's season, step by step: each test builds on the one before (so they keep their order).
describe('courses and timetables', { shuffle: false }, () => {
  let choirId = '';

  it('lets the secretariat create a group course and an individual course, audited, with their lessons', async () => {
    const choir = await status(as.secretariat!.post('/api/courses', course()), 201);
    choirId = choir.id;
    expect(choir).toMatchObject({ teacherName: 'Hélène Marchand', roomName: 'Choeur', schoolName: 'Centre' });
    const piano = {
      discipline: 'piano',
      kind: 'individual',
      level: 'Cycle 1',
      capacity: 1,
      roomId: centre.rooms[0]!.id,
    };
    await status(as.secretariat!.post('/api/courses', course({ ...piano, start: '15:00' })), 201);
    const lessons = await status(as.secretariat!.get(`/api/courses/${choirId}/lessons`), 200);
    expect(lessons.dates[0]).toBe('2026-09-16');
    expect(lessons.dates).not.toContain('2026-11-11');
    const history = await status(as.board!.get(`/api/history/course/${choirId}`), 200);
    expect(history.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('refuses a teacher in two places, a room booked twice, a room too small and a slot outside opening hours', async () => {
    const twice = await status(
      as.secretariat!.post(
        '/api/courses',
        course({ start: '14:30', roomId: null, videoLink: 'https://visio.example.org/a' }),
      ),
      409,
    );
    // 14:30–15:30 meets both her choir (14:00) and her piano lesson (15:00).
    expect(twice.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'start:TEACHER_DOUBLE_BOOKED',
      'start:TEACHER_DOUBLE_BOOKED',
    ]);
    expect(twice.errors[0].message).toMatch(/déjà un cours/);
    const room = await status(as.secretariat!.post('/api/courses', course({ teacherId: marc, start: '14:30' })), 409);
    expect(room.errors[0]).toMatchObject({ field: 'roomId', code: 'ROOM_DOUBLE_BOOKED' });
    const small = await status(
      as.secretariat!.post('/api/courses', course({ teacherId: marc, roomId: centre.rooms[0]!.id, start: '10:00' })),
      422,
    );
    expect(small.errors[0]).toMatchObject({ field: 'capacity', code: 'ROOM_TOO_SMALL' });
    const late = await status(as.secretariat!.post('/api/courses', course({ teacherId: marc, start: '20:30' })), 422);
    expect(late.errors[0]).toMatchObject({ field: 'start', code: 'OUTSIDE_OPENING_HOURS' });
    const travel = await status(
      as.secretariat!.post(
        '/api/courses',
        course({ schoolId: nord.id, roomId: nord.rooms[0]!.id, start: '15:30', capacity: 10 }),
      ),
      409,
    );
    expect(travel.errors[0]).toMatchObject({ field: 'start', code: 'TEACHER_TRAVEL_TOO_SHORT' });
    const form = await status(
      as.secretariat!.post('/api/courses', course({ ageMin: 12, ageMax: 8, roomId: null, kind: 'individual' })),
      422,
    );
    expect(form.errors.map((e: { field: string }) => e.field)).toEqual(['ageMax', 'videoLink', 'capacity']);
    const wrongRoom = await status(
      as.secretariat!.post('/api/courses', course({ teacherId: marc, roomId: nord.rooms[0]!.id })),
      422,
    );
    expect(wrongRoom.errors[0].field).toBe('roomId');
    const conflicts = await status(as.secretariat!.get(`/api/seasons/${seasonId}/timetable-conflicts`), 200);
    expect(conflicts).toEqual([]);
  });

  it('keeps a secretariat member of one school out of another school’s courses', async () => {
    const refused = await status(
      as.secretariatNord!.post('/api/courses', course({ teacherId: marc, start: '09:00' })),
      403,
    );
    expect(refused.code).toBe('SCHOOL_OUT_OF_SCOPE');
    const choir = await status(as.secretariat!.get(`/api/courses/${choirId}`), 200);
    expect(
      (
        await as.secretariatNord!.put(`/api/courses/${choirId}`, {
          ...course({ start: '16:00' }),
          version: choir.version,
        })
      ).statusCode,
    ).toBe(403);
    const own = course({ schoolId: nord.id, roomId: nord.rooms[0]!.id, teacherId: marc, start: '17:00', capacity: 10 });
    await status(as.secretariatNord!.post('/api/courses', own), 201);
    expect((await as.board!.post('/api/courses', course({ teacherId: marc, start: '18:00' }))).statusCode).toBe(403);
    expect((await as.sales!.post('/api/courses', course({ teacherId: marc, start: '18:00' }))).statusCode).toBe(403);
  });

  it('moves a course (its old slot does not clash with itself) and refuses a stale version', async () => {
    const choir = await status(as.secretariat!.get(`/api/courses/${choirId}`), 200);
    const moved = await status(
      as.secretariat!.put(`/api/courses/${choirId}`, { ...course({ start: '13:30' }), version: choir.version }),
      200,
    );
    expect(moved.start).toBe('13:30');
    expect(
      (await as.secretariat!.put(`/api/courses/${choirId}`, { ...course(), version: choir.version })).statusCode,
    ).toBe(409);
  });

  it('shows a teacher their own timetable only', async () => {
    const mine = await status(as.helene!.get(`/api/courses?seasonId=${seasonId}`), 200);
    expect(mine.map((c: { teacherId: string }) => c.teacherId)).toEqual([helene, helene]);
    const all = await status(as.secretariat!.get(`/api/courses?seasonId=${seasonId}`), 200);
    const marcs = all.find((c: { teacherId: string }) => c.teacherId === marc);
    expect((await as.helene!.get(`/api/courses/${marcs.id}`)).statusCode).toBe(403);
    expect((await as.helene!.post('/api/courses', course({ start: '18:00' }))).statusCode).toBe(403);
    // Her portal's timetable is her own even when she asks for a colleague's.
    const asked = await status(as.helene!.get(`/api/courses?seasonId=${seasonId}&teacherId=${marc}`), 200);
    expect(asked.map((c: { teacherId: string }) => c.teacherId)).toEqual([helene, helene]);
  });

  it('refuses a timetable to a guardian, to a teacher account without a teacher, and without a session', async () => {
    const guardian = await loginAs(ctx, (await makeUser(ctx.deps, ['guardian'])).email);
    expect((await guardian.get(`/api/courses?seasonId=${seasonId}`)).statusCode).toBe(403);
    const unlinked = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'])).email);
    expect((await unlinked.get(`/api/courses?seasonId=${seasonId}`)).statusCode).toBe(403);
    expect((await anonymous(ctx).get(`/api/courses?seasonId=${seasonId}`)).statusCode).toBe(401);
  });

  it('refuses removing a room that still hosts courses', async () => {
    const school = await status(as.admin!.get(`/api/schools/${centre.id}`), 200);
    const withoutChoir = { ...school, address: address('75011'), rooms: [school.rooms[0]] };
    const refused = await status(as.admin!.put(`/api/schools/${centre.id}`, withoutChoir), 409);
    expect(refused.errors[0]).toMatchObject({ field: 'rooms.1', code: 'ROOM_IN_USE' });
  });
});
