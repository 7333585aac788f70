import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import { replacementSchool } from './replacements.test-support.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

// Friday 20 November 2026. The absence runs from Monday 23 November to Friday 4 December: the course's Wednesdays
// 25 November and 2 December fall in it.
const TODAY = '2026-11-20T10:00:00.000Z';
const ABSENCE = { reason: 'sick', startsOn: '2026-11-23', endsOn: '2026-12-04', note: 'Grippe' };

async function setUp() {
  ctx.clock.set(TODAY);
  const school = await replacementSchool(ctx.deps);
  const office = await loginAs(ctx, school.secretary.email);
  return { school, office };
}

type Part = { key: string; reason: string; points: number };
type Proposal = { teacherId: string; score: number; fit: string; parts: Part[] };

describe('replacements', () => {
  it('proposes free qualified colleagues with their reasons, assigns one, and the sheet follows the substitute', async () => {
    const { school, office } = await setUp();
    const absentTeacher = await loginAs(ctx, school.teacherEmail);
    // Marked ahead by the absent teacher before the substitute is named: the lesson becomes the substitute's.
    const ahead = await absentTeacher.put(`/api/attendance/courses/${school.courseId}/lessons/2026-11-25`, {
      mark: 'cancelled_by_teacher',
    });
    expect(ahead.statusCode, ahead.body).toBe(200);

    const recorded = await office.post('/api/replacements/absences', {
      ...ABSENCE,
      schoolId: school.schoolId,
      teacherId: school.teacherId,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const absence = recorded.json();
    expect(absence.courses).toEqual([
      expect.objectContaining({ courseId: school.courseId, lessons: ['2026-11-25', '2026-12-02'], replacements: [] }),
    ]);

    const proposals = await office.get(`/api/replacements/absences/${absence.id}/proposals`, {
      headers: { 'accept-language': 'en' },
    });
    expect(proposals.statusCode, proposals.body).toBe(200);
    const [course] = proposals.json().courses;
    const ids = course.candidates.map((c: Proposal) => c.teacherId);
    expect(ids).toContain(school.free.id);
    for (const refused of [school.busy.id, school.unqualified.id, school.suspended.id, school.teacherId])
      expect(ids).not.toContain(refused);
    const free: Proposal = course.candidates.find((c: Proposal) => c.teacherId === school.free.id);
    expect(free.fit).toBe('teaches: Choir');
    expect(free.parts.map((p) => [p.key, p.reason])).toEqual([
      ['level', 'already teaches “Chœur enfants”'],
      ['school', 'already teaches in this school'],
      ['availability', 'availability not given'],
      ['load', '1 course a week this season'],
    ]);
    expect(free.score).toBeGreaterThan(80);
    expect(ids[0]).toBe(school.free.id);

    // Refused per field: an unqualified, a busy, a suspended colleague; days out of the absence.
    const assign = (body: Record<string, unknown>) =>
      office.post(`/api/replacements/absences/${absence.id}/substitutes`, { courseId: school.courseId, ...body });
    for (const [who, code] of [
      [school.unqualified.id, 'SUBSTITUTE_NOT_QUALIFIED'],
      [school.busy.id, 'SUBSTITUTE_BUSY'],
      [school.suspended.id, 'SUBSTITUTE_SUSPENDED'],
      [school.teacherId, 'SUBSTITUTE_ABSENT'],
    ] as const) {
      const refused = await assign({ substituteId: who });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().errors[0]).toMatchObject({ field: 'substituteId', code });
    }
    const outside = await assign({ substituteId: school.free.id, startsOn: '2026-11-20', endsOn: '2026-11-25' });
    expect(outside.json().errors[0]).toMatchObject({ field: 'startsOn', code: 'REPLACEMENT_OUTSIDE_ABSENCE' });
    expect(
      await ctx.deps.db.selectFrom('course_replacements').select('id').where('absence_id', '=', absence.id).execute(),
    ).toEqual([]);

    const given = await assign({ substituteId: school.free.id });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().courses[0].replacements).toEqual([
      expect.objectContaining({ substituteId: school.free.id, startsOn: '2026-11-23', endsOn: '2026-12-04' }),
    ]);
    // A second substitute on days already given is refused.
    const again = await assign({ substituteId: school.free.id, startsOn: '2026-12-01', endsOn: '2026-12-04' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ field: 'startsOn', code: 'REPLACEMENT_OVERLAP' });

    const lesson = () =>
      ctx.deps.db
        .selectFrom('attendance_lessons')
        .select('teacher_id')
        .where('course_id', '=', school.courseId)
        .where('lesson_date', '=', '2026-11-25')
        .executeTakeFirstOrThrow();
    expect((await lesson()).teacher_id).toBe(school.free.id);

    // Families and the substitute are told.
    const mails = await ctx.deps.db
      .selectFrom('outbox')
      .select(['template', 'to_address', 'text_body'])
      .where('template', 'in', ['schools.replacement-family', 'schools.replacement-substitute'])
      .where((eb) => eb.or([eb('related_id', '=', school.courseId), eb('related_id', '=', school.free.id)]))
      .execute();
    // The two families' guardians (their people's addresses), once each.
    const told = mails.filter((m) => m.template === 'schools.replacement-family').map((m) => m.to_address);
    expect(new Set(told).size).toBe(2);
    expect(told.every((to) => to.endsWith('@famille.example.org'))).toBe(true);
    expect(mails.find((m) => m.template === 'schools.replacement-family')!.text_body).toContain(
      'Du 23/11/2026 au 04/12/2026',
    );
    expect(mails.filter((m) => m.template === 'schools.replacement-substitute')).toHaveLength(1);

    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'teacher_absence')
      .where('entity_id', '=', absence.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['absence-recorded', 'substitute-assigned']);

    // The substitute's portal: the sheet among theirs, the replacement listed; they mark a replaced day.
    ctx.clock.set('2026-12-02T18:30:00.000Z');
    const substitute = await loginAs(ctx, school.free.email);
    const mine = (await substitute.get('/api/attendance/mine?period=2026-11')).json();
    expect(mine.sheets.map((s: { courseId: string }) => s.courseId)).toEqual(
      expect.arrayContaining([school.courseId, school.free.courseId]),
    );
    const replaced = mine.sheets.find((s: { courseId: string }) => s.courseId === school.courseId);
    expect(replaced.replacements).toEqual([expect.objectContaining({ substituteId: school.free.id })]);
    const listed = await substitute.get('/api/replacements/mine');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().replacements).toEqual([
      expect.objectContaining({ courseId: school.courseId, weekday: 3, start: '17:00', endsOn: '2026-12-04' }),
    ]);
    const marked = await substitute.put(`/api/attendance/courses/${school.courseId}/lessons/2026-12-02`, {
      mark: 'present',
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const held = await ctx.deps.db
      .selectFrom('attendance_lessons')
      .select('teacher_id')
      .where('course_id', '=', school.courseId)
      .where('lesson_date', '=', '2026-12-02')
      .executeTakeFirstOrThrow();
    expect(held.teacher_id).toBe(school.free.id);
    // Not a day they replace.
    const before = await substitute.put(`/api/attendance/courses/${school.courseId}/lessons/2026-11-18`, {
      mark: 'present',
    });
    expect(before.statusCode).toBe(403);
    expect(before.json().errors[0]).toMatchObject({ field: 'date', code: 'NOT_YOUR_REPLACEMENT_DAY' });

    // The absent teacher may no longer mark those days, but still their own others.
    const absentAgain = await loginAs(ctx, school.teacherEmail);
    const denied = await absentAgain.put(`/api/attendance/courses/${school.courseId}/lessons/2026-12-02`, {
      mark: 'absent',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().errors[0]).toMatchObject({ field: 'date', code: 'LESSON_HELD_BY_SUBSTITUTE' });
    const own = await absentAgain.put(`/api/attendance/courses/${school.courseId}/lessons/2026-11-18`, {
      mark: 'present',
    });
    expect(own.statusCode, own.body).toBe(200);

    // A colleague who is not the substitute cannot see the sheet.
    const stranger = await loginAs(ctx, school.busy.email);
    expect((await stranger.get(`/api/attendance/courses/${school.courseId}?period=2026-12`)).statusCode).toBe(404);
    expect((await stranger.get('/api/replacements/mine')).json().replacements).toEqual([]);
  });

  it('keeps absences and substitutes to the secretariat of the school and the director', async () => {
    const { school, office } = await setUp();
    const other = await replacementSchool(ctx.deps);
    const body = { ...ABSENCE, schoolId: school.schoolId, teacherId: school.teacherId };

    const teacher = await loginAs(ctx, school.free.email);
    expect((await teacher.post('/api/replacements/absences', body)).statusCode).toBe(403);
    expect((await teacher.get('/api/replacements')).statusCode).toBe(403);
    const family = await loginAs(ctx, school.a.guardianEmail);
    expect((await family.post('/api/replacements/absences', body)).statusCode).toBe(403);
    const elsewhere = await loginAs(ctx, other.secretary.email);
    const out = await elsewhere.post('/api/replacements/absences', body);
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('SCHOOL_OUT_OF_SCOPE');

    // Field-level refusals: reversed days, a teacher of another school, an overlapping absence.
    const reversed = await office.post('/api/replacements/absences', { ...body, endsOn: '2026-11-22' });
    expect(reversed.json().errors[0]).toMatchObject({ field: 'endsOn', code: 'ABSENCE_DATES_REVERSED' });
    const stranger = await office.post('/api/replacements/absences', { ...body, teacherId: other.teacherId });
    expect(stranger.json().errors[0]).toMatchObject({ field: 'teacherId', code: 'TEACHER_NOT_IN_SCHOOL' });
    const badReason = await office.post('/api/replacements/absences', { ...body, reason: 'holiday' });
    expect(badReason.statusCode).toBe(400);
    const recorded = await office.post('/api/replacements/absences', body);
    expect(recorded.statusCode, recorded.body).toBe(201);
    const twice = await office.post('/api/replacements/absences', {
      ...body,
      startsOn: '2026-12-01',
      endsOn: '2026-12-10',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0]).toMatchObject({ field: 'startsOn', code: 'ABSENCE_OVERLAP' });
    const id = recorded.json().id;

    // Another school's secretariat and a teacher neither see the proposals nor assign.
    expect((await elsewhere.get(`/api/replacements/absences/${id}/proposals`)).statusCode).toBe(404);
    const assign = { courseId: school.courseId, substituteId: school.free.id };
    expect((await elsewhere.post(`/api/replacements/absences/${id}/substitutes`, assign)).statusCode).toBe(404);
    expect((await teacher.post(`/api/replacements/absences/${id}/substitutes`, assign)).statusCode).toBe(403);
    expect((await elsewhere.get(`/api/history/teacher_absence/${id}`)).statusCode).toBe(404);
    const theirs = (await elsewhere.get('/api/replacements')).json();
    expect(theirs.absences.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(
      await ctx.deps.db.selectFrom('course_replacements').select('id').where('absence_id', '=', id).execute(),
    ).toEqual([]);

    // The office's overview lists the absence with the school's teachers; the history reads it.
    const overview = (await office.get(`/api/replacements?schoolId=${school.schoolId}`)).json();
    expect(overview.absences.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(overview.teachers.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([school.teacherId, school.free.id]),
    );
    const history = await office.get(`/api/history/teacher_absence/${id}`);
    expect(history.statusCode, history.body).toBe(200);
  });
});
