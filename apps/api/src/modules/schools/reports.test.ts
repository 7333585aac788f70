import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { makeFamily, makeTeacher, placeRow } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { TestClock } from '../../platform/clock.js';

let ctx: TestContext;
const as: Record<string, Agent> = {};
let seasonId = '';
let centrePianoId = '';

const address = (postalCode: string) => ({ line1: '1 place de la Mairie', postalCode, city: 'Paris' });
const hours = (weekdays: number[], opens: string, closes: string) =>
  weekdays.map((weekday) => ({ weekday, opens, closes }));

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}

beforeAll(async () => {
  // Friday 2 October 2026: four Wednesdays of classes are behind (16, 23, 30 September; 9 September is before term).
  ctx = await createTestApp({ clock: new TestClock('2026-10-02T09:00:00.000Z') });
  for (const role of ['admin', 'board', 'secretariat', 'sales', 'accounts', 'guardian'] as const) {
    as[role] = await loginAs(ctx, (await makeUser(ctx.deps, [role])).email);
  }
  const english = await makeUser(ctx.deps, ['board']);
  await ctx.deps.db.updateTable('users').set({ locale: 'en' }).where('id', '=', english.id).execute();
  as.boardEn = await loginAs(ctx, english.email);
  const secretaryOfNord = await makeUser(ctx.deps, ['secretariat']);
  as.secretariatNord = await loginAs(ctx, secretaryOfNord.email);
  const centre = await status(
    as.admin!.post('/api/schools', {
      name: 'Centre',
      address: address('75011'),
      holidayZone: 'C',
      openingHours: hours([1, 2, 3, 4, 5], '09:00', '19:00'),
      rooms: [
        { name: 'Salle Debussy', capacity: 2 },
        { name: 'Auditorium', capacity: 40 },
      ],
    }),
    201,
  );
  const nord = await status(
    as.admin!.post('/api/schools', {
      name: 'Nord',
      address: address('75018'),
      holidayZone: 'C',
      openingHours: hours([3], '14:00', '18:00'),
      rooms: [{ name: 'Studio', capacity: 12 }],
    }),
    201,
  );
  await status(as.admin!.put(`/api/schools/${nord.id}/staff`, { userIds: [secretaryOfNord.id] }), 200);
  seasonId = (
    await status(
      as.admin!.post('/api/seasons', {
        name: '2026-2027',
        start: '2026-09-01',
        end: '2027-07-04',
        terms: [{ name: 'Premier trimestre', start: '2026-09-14', end: '2026-12-18' }],
      }),
      201,
    )
  ).id;
  const helene = (await makeTeacher(ctx.deps, { firstName: 'Hélène', lastName: 'Marchand' })).id;
  const paul = (await makeTeacher(ctx.deps, { firstName: 'Paul', lastName: 'Klein' })).id;
  as.teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: helene })).email);
  const base = { seasonId, level: 'Cycle 1', durationMinutes: 60 };
  const post = (body: object) => status(as.admin!.post('/api/courses', { ...base, ...body }), 201);
  // Hélène teaches piano at Centre on Monday and at Nord on Wednesday: one teacher of the network, in both rows.
  centrePianoId = (
    await post({
      schoolId: centre.id,
      discipline: 'piano',
      kind: 'individual',
      teacherId: helene,
      roomId: centre.rooms[0].id,
      weekday: 1,
      start: '10:00',
      durationMinutes: 30,
      capacity: 1,
    })
  ).id;
  const choir = await post({
    schoolId: centre.id,
    discipline: 'choir',
    kind: 'group',
    level: 'Chœur',
    teacherId: paul,
    roomId: centre.rooms[1].id,
    weekday: 3,
    start: '18:00',
    capacity: 30,
  });
  await status(
    as.admin!.post(`/api/courses/${choir.id}/suspend`, { reason: 'Chef absent', version: choir.version }),
    200,
  );
  const nordPiano = await post({
    schoolId: nord.id,
    discipline: 'piano',
    kind: 'individual',
    teacherId: helene,
    roomId: nord.rooms[0].id,
    weekday: 3,
    start: '15:00',
    capacity: 1,
  });
  await status(
    as.admin!.post(`/api/courses/${nordPiano.id}/distance-periods`, {
      start: '2026-10-05',
      end: '2026-10-18',
      reason: 'Travaux',
      videoLink: 'https://v.example.org/p',
    }),
    201,
  );
}, 60_000);
afterAll(async () => ctx?.close());

/** Places and a re-enrolment campaign as the enrolment services leave them: rows, not calls (issue 15's parts). */
async function enrolInCentrePiano() {
  const db = ctx.deps.db;
  const family = await makeFamily(ctx.deps, {
    name: 'Moreau',
    students: [
      { firstName: 'Lina', birthDate: '2014-03-01' },
      { firstName: 'Tom', birthDate: '2016-05-01' },
    ],
  });
  const [lina, tom] = family.students;
  const at = '2026-09-01T10:00:00.000Z';
  const place = (studentId: string, status: string) =>
    placeRow({
      course_id: centrePianoId,
      student_id: studentId,
      family_id: family.id,
      status,
      waiting_since: status === 'waiting' ? at : null,
      created_at: at,
    });
  await db
    .insertInto('course_enrolments')
    .values([place(lina!.id, 'confirmed'), place(tom!.id, 'waiting')])
    .execute();
  const previous = (await db.selectFrom('seasons').select('id').where('id', '!=', seasonId).executeTakeFirst())?.id as
    string | undefined;
  const from =
    previous ??
    (
      await status(
        as.admin!.post('/api/seasons', {
          name: '2025-2026',
          start: '2025-09-01',
          end: '2026-07-04',
          terms: [{ name: 'Année', start: '2025-09-14', end: '2026-06-30' }],
        }),
        201,
      )
    ).id;
  const campaign = newId();
  await db
    .insertInto('reenrolment_campaigns')
    .values({
      id: campaign,
      from_season_id: from,
      to_season_id: seasonId,
      priority_deadline: '2026-06-15',
      reminder_days: '[7]',
      status: 'open',
      opened_by: 'test',
      opened_at: at,
      closed_at: null,
      version: 1,
    })
    .execute();
  const centreId = (await db.selectFrom('schools').select('id').where('name', '=', 'Centre').executeTakeFirstOrThrow())
    .id;
  await db
    .insertInto('reenrolment_packs')
    .values(
      [lina!.id, tom!.id].map((student, i) => ({
        id: newId(),
        campaign_id: campaign,
        student_id: student,
        family_id: family.id,
        school_id: centreId,
        proposal: '{}',
        answer: i === 0 ? 'confirmed' : null,
        answer_note: null,
        answered_at: i === 0 ? at : null,
        link_token_hash: null,
        sent_at: at,
        created_at: at,
        version: 1,
      })),
    )
    .execute();
}

describe('season reports', () => {
  it('gives the board a row per school and the network’s, where a teacher of two schools counts once', async () => {
    const report = await status(as.board!.get(`/api/seasons/${seasonId}/reports`), 200);
    const centre = report.schools.find((s: { schoolName: string }) => s.schoolName === 'Centre');
    const nord = report.schools.find((s: { schoolName: string }) => s.schoolName === 'Nord');
    expect(centre).toMatchObject({ courses: 2, individual: 1, group: 1, suspended: 1, teachers: 1, rooms: 2 });
    expect(centre).toMatchObject({ weeklyMinutes: 30, seats: 1, bookedMinutes: 30, openMinutes: 2 * 5 * 600 });
    expect(nord).toMatchObject({ courses: 1, teachers: 1, distancePeriods: 1, distanceLessons: 2 });
    // 60 of Nord's 240 open minutes a week.
    expect(nord).toMatchObject({ bookedMinutes: 60, openMinutes: 240, occupancyPercent: 25 });
    // Wednesdays 16, 23 and 30 September are behind on 2 October; 14 Wednesdays of the term but 11 November.
    expect(nord).toMatchObject({ lessons: 13, lessonsToDate: 3 });
    // 14 Mondays for the piano; none for the suspended choir.
    expect(centre).toMatchObject({ lessons: 14, lessonsToDate: 3 });
    expect(report.network).toMatchObject({ schools: 2, courses: 3, suspended: 1, teachers: 1, rooms: 3 });
    expect(report.network.lessons).toBe(centre.lessons + nord.lessons);
    expect(report.network.byDiscipline.map((d: { discipline: string }) => d.discipline)).toEqual(['choir', 'piano']);
    const admin = await status(as.admin!.get(`/api/seasons/${seasonId}/reports`), 200);
    expect(admin.network.teachers).toBe(1);
  });

  it('shows a secretariat member of one school that school’s row only, without the network’s', async () => {
    const report = await status(as.secretariatNord!.get(`/api/seasons/${seasonId}/reports`), 200);
    expect(report.schools.map((s: { schoolName: string }) => s.schoolName)).toEqual(['Nord']);
    expect(report.network).toBeNull();
    const csv = await as.secretariatNord!.get(`/api/seasons/${seasonId}/reports.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toMatch(/^\uFEFFÉcole;/);
    expect(csv.body).not.toMatch(/Centre|Réseau/);
    // A secretariat member assigned to no school works for the whole network.
    const whole = await status(as.secretariat!.get(`/api/seasons/${seasonId}/reports`), 200);
    expect(whole.network).not.toBeNull();
  });

  it('refuses teachers, families and the agency’s roles; an unknown season is not found', async () => {
    for (const role of ['teacher', 'guardian', 'sales', 'accounts']) {
      expect((await as[role]!.get(`/api/seasons/${seasonId}/reports`)).statusCode, role).toBe(403);
      expect((await as[role]!.get(`/api/seasons/${seasonId}/reports.csv`)).statusCode, role).toBe(403);
    }
    const unknown = await as.board!.get('/api/seasons/00000000-0000-4000-8000-000000000000/reports');
    expect(unknown.statusCode).toBe(404);
  });

  it('counts places, free seats, full courses, waiting lists and re-enrolment answers, in the report and its CSV', async () => {
    await enrolInCentrePiano();
    const report = await status(as.board!.get(`/api/seasons/${seasonId}/reports`), 200);
    const centre = report.schools.find((s: { schoolName: string }) => s.schoolName === 'Centre');
    // Centre's piano has its one seat taken; the suspended choir offers none; Nord's piano has its seat free.
    expect(centre).toMatchObject({ students: 1, enrolled: 1, waiting: 1, seatsFree: 0, fullCourses: 1 });
    expect(centre.reenrolment).toEqual({
      packs: 2,
      confirmed: 1,
      changed: 0,
      declined: 0,
      notAnswered: 1,
      ratePercent: 50,
    });
    expect(report.network).toMatchObject({ students: 1, enrolled: 1, waiting: 1, seatsFree: 1, fullCourses: 1 });
    const lines = (await as.board!.get(`/api/seasons/${seasonId}/reports.csv`)).body.split('\r\n');
    expect(lines[0]).toMatch(/;Élèves inscrits;Places confirmées;.*;Taux de réinscription \(%\)$/);
    // Students 1, confirmed 1, held 0, offers 0, waiting 1, free 0, full 1, packs 2, re-enrolled 1, no answer 1, 50 %.
    expect(lines).toContainEqual(expect.stringMatching(/^Centre;Toutes;.*;1;1;0;0;1;0;1;2;1;1;50$/));
    // The secretariat of Nord reads no figure of Centre's.
    const scoped = await status(as.secretariatNord!.get(`/api/seasons/${seasonId}/reports`), 200);
    expect(scoped.schools.map((s: { reenrolment: unknown }) => s.reenrolment)).toEqual([null]);
  });

  it('exports the report as a CSV in the reader’s language, safe to open in a spreadsheet', async () => {
    const res = await as.board!.get(`/api/seasons/${seasonId}/reports.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="rapport-2026-2027.csv"/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^École;Discipline;Cours;Individuels;Collectifs;Suspendus;Heures par semaine;/);
    expect(lines).toContainEqual(expect.stringMatching(/^Centre;Chorale;1;0;1;/));
    expect(lines).toContainEqual(expect.stringMatching(/^Centre;Toutes;2;1;1;1;0,5;1;/));
    expect(lines.at(-3)).toMatch(/^Réseau;Toutes;3;2;1;1;1,5;2;/);
    const english = await as.boardEn!.get(`/api/seasons/${seasonId}/reports.csv`);
    const enLines = english.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(enLines[0]).toMatch(/^School,Discipline,Courses,Individual,Group,Suspended,Hours a week,/);
    expect(enLines).toContainEqual(expect.stringMatching(/^Network,All,3,2,1,1,1.5,2,/));
    expect(enLines).toContainEqual(expect.stringMatching(/^Centre,Choir,/));
  });
});
