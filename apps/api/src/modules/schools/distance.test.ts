import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';
import { newId } from '../../platform/ids.js';
import { lapseDistanceAcks } from './distance.service.js';

let ctx: TestContext & { mailbox: Mailbox };

beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
});
afterAll(async () => ctx.close());

// Friday 20 November 2026: the fixture's course has no room, so each of its Wednesdays is held at distance; the 18th
// is held, the 25th is to come. With the default of 3 days, the material of the 18th posted on the 20th may be
// acknowledged until the 23rd included.
const TODAY = '2026-11-20T10:00:00.000Z';
const lessonUrl = (courseId: string, date: string) => `/api/attendance/courses/${courseId}/lessons/${date}`;

async function setUp() {
  ctx.clock.set(TODAY);
  const school = await attendanceSchool(ctx.deps);
  const a = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Alma');
  const b = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Basile');
  const teacher = await loginAs(ctx, school.teacherEmail);
  return { school, a, b, teacher };
}

/** The address the family's e-mails go to (its guardian's own, not the login's). */
async function mailOf(familyId: string): Promise<string> {
  const guardian = await ctx.deps.db
    .selectFrom('people')
    .select('email')
    .where('family_id', '=', familyId)
    .where('kind', '=', 'guardian')
    .executeTakeFirstOrThrow();
  return guardian.email!;
}
const tokenOf = async (familyId: string) => ctx.mailbox.linkTo(await mailOf(familyId), '/ack/').split('/ack/')[1]!;
const markOf = (studentId: string, date: string) =>
  ctx.deps.db
    .selectFrom('attendance_marks')
    .innerJoin('attendance_lessons', 'attendance_lessons.id', 'attendance_marks.lesson_id')
    .select(['attendance_marks.mark', 'attendance_marks.source'])
    .where('attendance_marks.student_id', '=', studentId)
    .where('attendance_lessons.lesson_date', '=', date)
    .executeTakeFirst();
const audits = (action: string, courseId: string) =>
  ctx.deps.db
    .selectFrom('audit_log')
    .innerJoin('attendance_sheets', 'attendance_sheets.id', 'audit_log.entity_id')
    .select(['audit_log.id'])
    .where('audit_log.action', '=', action)
    .where('attendance_sheets.course_id', '=', courseId)
    .execute();

describe('distance lessons', () => {
  it('posts material to the class, e-mails a single-use link per student, and the "ok" marks the student present', async () => {
    const { school, a, b, teacher } = await setUp();
    const posted = await teacher.post(`${lessonUrl(school.courseId, '2026-11-18')}/materials`, {
      text: 'Travaillez la gamme de do, page 12.',
      link: 'https://video.example.org/lecon-18',
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json()).toMatchObject({ distance: true, canPost: true });
    expect(posted.json().materials).toHaveLength(1);
    expect(posted.json().materials[0]).toMatchObject({ ackUntil: '2026-11-23', studentId: null });
    expect(posted.json().materials[0].acks.map((x: { state: string }) => x.state)).toEqual(['open', 'open']);
    await ctx.deps.mailer.flush();
    const token = await tokenOf(a.familyId);
    expect(ctx.mailbox.to(await mailOf(a.familyId))[0]!.text).toContain('page 12');

    // The stored copy hides the link; reading the link (a mail scanner) does not use it.
    const stored = await ctx.deps.db
      .selectFrom('outbox')
      .select(['text_body'])
      .where('to_address', '=', await mailOf(a.familyId))
      .executeTakeFirstOrThrow();
    expect(stored.text_body).not.toContain(token);
    expect(stored.text_body).toContain('[lien personnel masqué]');
    for (let i = 0; i < 2; i += 1) {
      const read = await anonymous(ctx).get(`/api/distance-links/${token}`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({ state: 'open', studentName: expect.stringContaining('Alma') });
      expect(read.json().text).toContain('gamme de do');
    }
    expect(await markOf(a.studentId, '2026-11-18')).toBeUndefined();

    const ok = await anonymous(ctx).post(`/api/distance-links/${token}/ok`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('acknowledged');
    expect(await markOf(a.studentId, '2026-11-18')).toEqual({ mark: 'present', source: 'acknowledgement' });
    const again = await anonymous(ctx).post(`/api/distance-links/${token}/ok`);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('ACK_ALREADY_GIVEN');
    expect((await anonymous(ctx).get(`/api/distance-links/${token}`)).json().state).toBe('acknowledged');
    const unknown = await anonymous(ctx).post(`/api/distance-links/${'x'.repeat(43)}/ok`);
    expect(unknown.statusCode).toBe(410);
    expect(unknown.json().code).toBe('TOKEN_INVALID');

    const seen = (await teacher.get(`${lessonUrl(school.courseId, '2026-11-18')}/distance`)).json();
    const states = Object.fromEntries(
      seen.materials[0].acks.map((x: { studentId: string; state: string }) => [x.studentId, x.state]),
    );
    expect(states).toEqual({ [a.studentId]: 'acknowledged', [b.studentId]: 'open' });
    const sheet = (await teacher.get(`/api/attendance/courses/${school.courseId}?period=2026-11`)).json();
    expect(sheet.sheetLessons.find((l: { date: string }) => l.date === '2026-11-18').marks).toEqual({
      [a.studentId]: 'present',
    });
    expect(await audits('distance-posted', school.courseId)).toHaveLength(1);
    expect(await audits('distance-acknowledged', school.courseId)).toHaveLength(1);

    // The family portal: b's guardian sees b's lesson only, says "ok" there, and cannot say it for a's.
    const family = await loginAs(ctx, b.guardianEmail);
    const list = await family.get('/api/portal/distance');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ state: 'open', date: '2026-11-18' });
    const aAck = await ctx.deps.db
      .selectFrom('distance_acks')
      .select('id')
      .where('student_id', '=', a.studentId)
      .executeTakeFirstOrThrow();
    expect((await family.post(`/api/portal/distance/${aAck.id}/ok`)).statusCode).toBe(404);
    const own = await family.post(`/api/portal/distance/${list.json().items[0].id}/ok`);
    expect(own.statusCode, own.body).toBe(200);
    expect(await markOf(b.studentId, '2026-11-18')).toEqual({ mark: 'present', source: 'acknowledgement' });
    const none = await (
      await loginAs(ctx, (await placedFamily(ctx.deps, school.courseId, 'waiting')).guardianEmail)
    ).get('/api/portal/distance');
    expect(none.json()).toEqual({ items: [] });
  });

  it('marks absent at the deadline those who did not answer, once, and never over the teacher’s own mark', async () => {
    const { school, a, b, teacher } = await setUp();
    const c = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Cyril');
    // To one student only, then to the class.
    const one = await teacher.post(`${lessonUrl(school.courseId, '2026-11-18')}/materials`, {
      text: 'Pour toi seul',
      studentId: c.studentId,
    });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().materials[0].acks).toHaveLength(1);
    await teacher.post(`${lessonUrl(school.courseId, '2026-11-18')}/materials`, { link: 'https://example.org/x' });
    await ctx.deps.mailer.flush();
    const bToken = await tokenOf(b.familyId);
    // The teacher marks a excused on the sheet; a's "ok" then leaves it so.
    await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'excused', studentIds: [a.studentId] });
    const aOk = await anonymous(ctx).post(`/api/distance-links/${await tokenOf(a.familyId)}/ok`);
    expect(aOk.statusCode, aOk.body).toBe(200);
    expect(await markOf(a.studentId, '2026-11-18')).toEqual({ mark: 'excused', source: 'teacher' });

    // The 23rd is the last day: nothing lapses; the 24th, b and c (twice: two materials) lapse, once.
    ctx.clock.set('2026-11-23T20:00:00.000Z');
    await lapseDistanceAcks(ctx.deps);
    expect(await audits('distance-lapsed', school.courseId)).toEqual([]);
    ctx.clock.set('2026-11-24T08:00:00.000Z');
    const late = await anonymous(ctx).post(`/api/distance-links/${bToken}/ok`);
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('ACK_EXPIRED');
    expect((await anonymous(ctx).get(`/api/distance-links/${bToken}`)).json().state).toBe('expired');
    const [first, second] = await Promise.all([lapseDistanceAcks(ctx.deps), lapseDistanceAcks(ctx.deps)]);
    expect(first.lapsed + second.lapsed).toBeGreaterThanOrEqual(3);
    expect(await lapseDistanceAcks(ctx.deps)).toEqual({ lapsed: 0, marked: 0 });
    expect(await markOf(b.studentId, '2026-11-18')).toEqual({ mark: 'absent', source: 'deadline' });
    expect(await markOf(c.studentId, '2026-11-18')).toEqual({ mark: 'absent', source: 'deadline' });
    expect(await markOf(a.studentId, '2026-11-18')).toEqual({ mark: 'excused', source: 'teacher' });
    expect(await audits('distance-lapsed', school.courseId)).toHaveLength(3);

    // The teacher corrects b on the sheet; a later sweep leaves it.
    const teacher2 = await loginAs(ctx, school.teacherEmail);
    await teacher2.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'present', studentIds: [b.studentId] });
    await lapseDistanceAcks(ctx.deps);
    expect(await markOf(b.studentId, '2026-11-18')).toEqual({ mark: 'present', source: 'teacher' });
  });

  it('exactly once under concurrent sweeps: one mark and one audit entry per unanswered student', async () => {
    const { school, teacher } = await setUp();
    const families = [];
    for (let i = 0; i < 6; i += 1) families.push(await placedFamily(ctx.deps, school.courseId));
    const posted = await teacher.post(`${lessonUrl(school.courseId, '2026-11-18')}/materials`, { text: 'Exercice' });
    expect(posted.statusCode, posted.body).toBe(200);
    ctx.clock.set('2026-11-30T08:00:00.000Z');
    const runs = await Promise.all([1, 2, 3].map(() => lapseDistanceAcks(ctx.deps)));
    expect(runs.reduce((n, r) => n + r.marked, 0)).toBeGreaterThanOrEqual(8);
    const marks = await ctx.deps.db
      .selectFrom('attendance_marks')
      .innerJoin('attendance_lessons', 'attendance_lessons.id', 'attendance_marks.lesson_id')
      .select('attendance_marks.student_id')
      .where('attendance_lessons.course_id', '=', school.courseId)
      .where('attendance_marks.source', '=', 'deadline')
      .execute();
    expect(marks).toHaveLength(8);
    expect(await audits('distance-lapsed', school.courseId)).toHaveLength(8);
  });

  it('refuses another teacher, another school, a family, a lesson not at distance or not held, and empty material', async () => {
    const { school, a, teacher } = await setUp();
    const url = `${lessonUrl(school.courseId, '2026-11-18')}/materials`;
    const other = await attendanceSchool(ctx.deps);
    const stranger = await loginAs(ctx, other.teacherEmail);
    expect((await stranger.post(url, { text: 'x' })).statusCode).toBe(404);
    expect((await stranger.get(`${lessonUrl(school.courseId, '2026-11-18')}/distance`)).statusCode).toBe(404);
    expect((await (await loginAs(ctx, other.secretary.email)).post(url, { text: 'x' })).statusCode).toBe(404);
    expect((await (await loginAs(ctx, a.guardianEmail)).post(url, { text: 'x' })).statusCode).toBe(404);
    expect(
      (await (await loginAs(ctx, a.guardianEmail)).get('/api/attendance/courses/x/lessons/2026-11-18/distance'))
        .statusCode,
    ).toBe(400);
    const early = await teacher.post(`${lessonUrl(school.courseId, '2026-11-25')}/materials`, { text: 'x' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ field: 'date', code: 'NOT_A_DISTANCE_LESSON' });
    const empty = await teacher.post(url, { text: '  ' });
    expect(empty.statusCode).toBe(422);
    const none = await teacher.post(url, {});
    expect(none.json().errors[0]).toMatchObject({ field: 'text', code: 'MATERIAL_EMPTY' });
    const badLink = await teacher.post(url, { link: 'javascript:alert(1)' });
    expect(badLink.statusCode).toBe(400);
    const notExpected = await teacher.post(url, { text: 'x', studentId: other.teacherId });
    expect(notExpected.json().errors[0]).toMatchObject({ field: 'studentId', code: 'STUDENT_NOT_EXPECTED' });
    // A room makes the course's lessons held on site: no material.
    const roomId = newId();
    await ctx.deps.db
      .insertInto('school_rooms')
      .values({ id: roomId, school_id: school.schoolId, name: 'Salle 1', capacity: 10, equipment: '[]', position: 0 })
      .execute();
    await ctx.deps.db.updateTable('courses').set({ room_id: roomId }).where('id', '=', school.courseId).execute();
    const onSite = await teacher.post(url, { text: 'x' });
    expect(onSite.json().errors[0]).toMatchObject({ code: 'NOT_A_DISTANCE_LESSON' });
    expect((await teacher.get(`${lessonUrl(school.courseId, '2026-11-18')}/distance`)).json()).toMatchObject({
      distance: false,
      canPost: false,
    });
    await ctx.deps.db.updateTable('courses').set({ room_id: null }).where('id', '=', school.courseId).execute();
    const materials = await ctx.deps.db
      .selectFrom('distance_materials')
      .innerJoin('attendance_lessons', 'attendance_lessons.id', 'distance_materials.lesson_id')
      .select('distance_materials.id')
      .where('attendance_lessons.course_id', '=', school.courseId)
      .execute();
    expect(materials).toEqual([]);
    // The school's secretariat may post.
    const office = await loginAs(ctx, school.secretary.email);
    expect((await office.post(url, { text: 'Du secrétariat' })).statusCode).toBe(200);
  });
});
