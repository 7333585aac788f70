import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Agent, type TestContext } from '../../testing/harness.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

// Friday 20 November 2026: the Wednesdays of November are the 4th and 18th (held), the 11th (Armistice) and 25th.
const TODAY = '2026-11-20T10:00:00.000Z';

async function setUp() {
  ctx.clock.set(TODAY);
  const school = await attendanceSchool(ctx.deps);
  const a = await placedFamily(ctx.deps, school.courseId);
  // b starts on 10 November: not expected on the 4th.
  const b = await placedFamily(ctx.deps, school.courseId, 'confirmed', '2026-11-10');
  const waiting = await placedFamily(ctx.deps, school.courseId, 'waiting');
  const teacher = await loginAs(ctx, school.teacherEmail);
  return { school, a, b, waiting, teacher };
}

const sheetUrl = (courseId: string) => `/api/attendance/courses/${courseId}?period=2026-11`;
const lessonUrl = (courseId: string, date: string) => `/api/attendance/courses/${courseId}/lessons/${date}`;

describe('attendance sheets', () => {
  it('lets a teacher mark a lesson all present then an exception, and the secretariat sees the sheet filled', async () => {
    const { school, a, b, waiting, teacher } = await setUp();
    const mine = await teacher.get('/api/attendance/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ period: '2026-11', periods: { previous: '2026-10', next: '2026-12' } });
    expect(mine.json().sheets).toEqual([
      expect.objectContaining({
        courseId: school.courseId,
        lessons: 3,
        lessonsDue: 2,
        lessonsMarked: 0,
        filled: false,
      }),
    ]);

    const sheet = (await teacher.get(sheetUrl(school.courseId))).json();
    expect(sheet.sheetLessons.map((l: { date: string }) => l.date)).toEqual(['2026-11-04', '2026-11-18', '2026-11-25']);
    expect(sheet.sheetLessons[0].expected).toEqual([a.studentId]);
    expect([...sheet.sheetLessons[1].expected].sort()).toEqual([a.studentId, b.studentId].sort());
    expect(sheet.students.map((s: { id: string }) => s.id)).not.toContain(waiting.studentId);

    const all = await teacher.put(lessonUrl(school.courseId, '2026-11-04'), { mark: 'present' });
    expect(all.statusCode, all.body).toBe(200);
    await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'present' });
    const one = await teacher.put(lessonUrl(school.courseId, '2026-11-18'), {
      mark: 'absent',
      studentIds: [b.studentId],
    });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().sheetLessons[1].marks).toEqual({ [a.studentId]: 'present', [b.studentId]: 'absent' });
    expect(one.json()).toMatchObject({ filled: true, lessonsDue: 2, lessonsMarked: 2 });
    // A cancellation may be marked ahead; a presence may not.
    const ahead = await teacher.put(lessonUrl(school.courseId, '2026-11-25'), { mark: 'cancelled_by_teacher' });
    expect(ahead.statusCode, ahead.body).toBe(200);

    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_type', '=', 'attendance_sheet')
      .where('action', '=', 'attendance-marked')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);

    const office = await loginAs(ctx, school.secretary.email);
    const sheets = await office.get(`/api/attendance/sheets?period=2026-11&schoolId=${school.schoolId}`);
    expect(sheets.statusCode, sheets.body).toBe(200);
    expect(sheets.json().sheets).toEqual([expect.objectContaining({ courseId: school.courseId, filled: true })]);

    const pdf = await teacher.get(`/api/attendance/courses/${school.courseId}/pdf?period=2026-11`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The family sees its own child's marks only.
    const family = await loginAs(ctx, b.guardianEmail);
    const marks = await family.get('/api/portal/attendance?period=2026-11');
    expect(marks.statusCode, marks.body).toBe(200);
    expect(marks.json().marks.map((m: { studentId: string; date: string; mark: string }) => [m.date, m.mark])).toEqual([
      ['2026-11-18', 'absent'],
      ['2026-11-25', 'cancelled_by_teacher'],
    ]);
    expect(marks.json().marks.every((m: { studentId: string }) => m.studentId === b.studentId)).toBe(true);
    const empty = await (await loginAs(ctx, waiting.guardianEmail)).get('/api/portal/attendance');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().marks).toEqual([]);
  });

  it('keeps a teacher out of another teacher’s sheet and a secretariat out of another school', async () => {
    const { school, a } = await setUp();
    const other = await attendanceSchool(ctx.deps);
    const stranger = await loginAs(ctx, other.teacherEmail);
    expect((await stranger.get(sheetUrl(school.courseId))).statusCode).toBe(404);
    const refused = await stranger.put(lessonUrl(school.courseId, '2026-11-04'), { mark: 'present' });
    expect(refused.statusCode).toBe(404);
    expect((await stranger.get(`/api/attendance/courses/${school.courseId}/pdf`)).statusCode).toBe(404);
    expect(
      (await stranger.get('/api/attendance/mine')).json().sheets.map((s: { courseId: string }) => s.courseId),
    ).toEqual([other.courseId]);
    const marks = await ctx.deps.db
      .selectFrom('attendance_marks')
      .select('lesson_id')
      .where('student_id', '=', a.studentId)
      .execute();
    expect(marks).toEqual([]);

    const elsewhere = await loginAs(ctx, other.secretary.email);
    expect((await elsewhere.get(sheetUrl(school.courseId))).statusCode).toBe(404);
    const out = await elsewhere.get(`/api/attendance/sheets?schoolId=${school.schoolId}`);
    expect(out.json().code).toBe('SCHOOL_OUT_OF_SCOPE');
    const theirs = (await elsewhere.get('/api/attendance/sheets?period=2026-11')).json();
    expect(theirs.sheets.map((s: { courseId: string }) => s.courseId)).toEqual([other.courseId]);
    expect((await elsewhere.post(`/api/attendance/courses/${school.courseId}/reminder`)).statusCode).toBe(403);

    const family = await loginAs(ctx, a.guardianEmail);
    expect((await family.get(sheetUrl(school.courseId))).statusCode).toBe(404);
    expect((await family.get('/api/attendance/mine')).statusCode).toBe(403);
    expect((await family.get('/api/attendance/sheets')).statusCode).toBe(403);
  });

  it('refuses bad marks with field-level messages in the user’s language, and stores nothing', async () => {
    const { school, b, waiting, teacher } = await setUp();
    const en = { headers: { 'accept-language': 'en' } };
    const notADay = await teacher.put(lessonUrl(school.courseId, '2026-11-11'), { mark: 'present' }, en);
    expect(notADay.statusCode).toBe(422);
    expect(notADay.json().errors[0]).toMatchObject({ field: 'date', code: 'NOT_A_LESSON_DAY' });
    expect(notADay.json().errors[0].message).toContain('does not meet');
    const early = await teacher.put(lessonUrl(school.courseId, '2026-11-25'), { mark: 'present' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ field: 'mark', code: 'LESSON_NOT_YET_HELD' });
    expect(early.json().errors[0].message).toContain('pas encore eu lieu');
    const notYet = await teacher.put(lessonUrl(school.courseId, '2026-11-04'), {
      mark: 'absent',
      studentIds: [b.studentId],
    });
    expect(notYet.json().errors[0]).toMatchObject({ field: 'studentIds', code: 'STUDENT_NOT_EXPECTED' });
    const waitingOne = await teacher.put(lessonUrl(school.courseId, '2026-11-18'), {
      mark: 'absent',
      studentIds: [waiting.studentId],
    });
    expect(waitingOne.statusCode).toBe(422);
    const badMark = await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'asleep' }, en);
    expect(badMark.statusCode).toBe(400);
    expect(badMark.json().errors[0].field).toBe('mark');
    const badPeriod = await teacher.get(`/api/attendance/courses/${school.courseId}?period=2027-W53`);
    expect(badPeriod.statusCode).toBe(422);
    expect(badPeriod.json().errors[0]).toMatchObject({ field: 'period' });
    const lessons = await ctx.deps.db
      .selectFrom('attendance_lessons')
      .select('id')
      .where('course_id', '=', school.courseId)
      .execute();
    expect(lessons).toEqual([]);
  });

  it('reminds the teacher of a sheet not filled once a day, by e-mail, and not of a filled one', async () => {
    const { school, teacher } = await setUp();
    const office: Agent = await loginAs(ctx, school.secretary.email);
    const remind = () => office.post(`/api/attendance/courses/${school.courseId}/reminder?period=2026-11`);
    const [first, second] = await Promise.all([remind(), remind()]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect([first.json().code, second.json().code]).toContain('ALREADY_REMINDED_TODAY');
    const mails = () =>
      ctx.deps.db
        .selectFrom('outbox')
        .select(['to_address', 'subject'])
        .where('template', '=', 'schools.attendance-reminder')
        .where('related_id', '=', school.teacherId)
        .execute();
    expect(await mails()).toHaveLength(1);
    expect((await mails())[0]!.subject).toContain('Chœur enfants');
    const listed = (await office.get(`/api/attendance/sheets?period=2026-11&schoolId=${school.schoolId}`)).json();
    expect(listed.sheets[0]).toMatchObject({ remindedOn: '2026-11-20', filled: false });

    ctx.clock.set('2026-11-21T09:00:00.000Z');
    const office2 = await loginAs(ctx, school.secretary.email);
    const teacher2 = await loginAs(ctx, school.teacherEmail);
    void teacher;
    await teacher2.put(lessonUrl(school.courseId, '2026-11-04'), { mark: 'present' });
    await teacher2.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'excused' });
    const filled = await office2.post(`/api/attendance/courses/${school.courseId}/reminder?period=2026-11`);
    expect(filled.statusCode).toBe(409);
    expect(filled.json().code).toBe('SHEET_ALREADY_FILLED');
    expect(await mails()).toHaveLength(1);
  });
});
