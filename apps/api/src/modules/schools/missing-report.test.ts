import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import { newId } from '../../platform/ids.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

// Friday 20 November 2026: the course's Wednesdays held so far are the 4th and the 18th.
const FRIDAY = '2026-11-20T10:00:00.000Z';
const lessonUrl = (courseId: string, date: string) => `/api/attendance/courses/${courseId}/lessons/${date}`;

/** A course where Anna came on the 4th then missed the 18th, Basile came both times, Chloé missed both. */
async function setUp() {
  ctx.clock.set(FRIDAY);
  const school = await attendanceSchool(ctx.deps);
  const a = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Anna');
  const b = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Basile');
  const c = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Chloé');
  const teacher = await loginAs(ctx, school.teacherEmail);
  await teacher.put(lessonUrl(school.courseId, '2026-11-04'), { mark: 'present' });
  await teacher.put(lessonUrl(school.courseId, '2026-11-04'), { mark: 'absent', studentIds: [c.studentId] });
  await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'present' });
  await teacher.put(lessonUrl(school.courseId, '2026-11-18'), {
    mark: 'absent',
    studentIds: [a.studentId, c.studentId],
  });
  const office = await loginAs(ctx, school.secretary.email);
  return { school, a, b, c, teacher, office };
}

const ids = (body: { students: { studentId: string }[] }) => body.students.map((s) => s.studentId).sort();

describe('missing students', () => {
  it('lists the students absent since a date (21 days by default) with contacts, and logs a call', async () => {
    const { school, a, c, office } = await setUp();
    const since = await office.get(`/api/missing-students?since=2026-11-10&schoolId=${school.schoolId}`);
    expect(since.statusCode, since.body).toBe(200);
    expect(since.json().since).toBe('2026-11-10');
    expect(ids(since.json())).toEqual([a.studentId, c.studentId].sort());
    const anna = since.json().students.find((s: { studentId: string }) => s.studentId === a.studentId);
    expect(anna).toMatchObject({ reason: 'absent', absences: 1, lastPresent: '2026-11-04', lastCall: null });
    expect(anna.contacts[0].email).toMatch(/@famille\.example\.org$/);

    // By default: 21 days back (30 October), when Anna still came on the 4th.
    const byDefault = await office.get(`/api/missing-students?schoolId=${school.schoolId}`);
    expect(byDefault.json().since).toBe('2026-10-30');
    expect(ids(byDefault.json())).toEqual([c.studentId]);
    expect(byDefault.json().students[0]).toMatchObject({ absences: 2, lastPresent: null });

    const call = await office.post(`/api/missing-students/${c.studentId}/calls`, { summary: 'Message laissé' });
    expect(call.statusCode, call.body).toBe(201);
    const log = await office.get(`/api/contacts?personId=${c.studentId}`);
    expect(log.json()).toEqual([expect.objectContaining({ channel: 'call', summary: 'Message laissé' })]);
    const after = await office.get(`/api/missing-students?schoolId=${school.schoolId}`);
    expect(after.json().students[0].lastCall).toMatchObject({ summary: 'Message laissé' });
  });

  it('shows a teacher their own students only; families and other schools are refused', async () => {
    const { school, a, c, teacher } = await setUp();
    const mine = await teacher.get('/api/missing-students?since=2026-11-10');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(ids(mine.json())).toEqual([a.studentId, c.studentId].sort());
    expect((await teacher.get(`/api/missing-students?teacherId=${newId()}`)).statusCode).toBe(404);
    expect((await teacher.post(`/api/missing-students/${c.studentId}/calls`, { summary: 'x' })).statusCode).toBe(403);

    const elsewhere = await attendanceSchool(ctx.deps);
    const otherTeacher = await loginAs(ctx, elsewhere.teacherEmail);
    const theirs = await otherTeacher.get('/api/missing-students?since=2026-11-10');
    expect(theirs.json().students).toEqual([]);
    const otherOffice = await loginAs(ctx, elsewhere.secretary.email);
    expect((await otherOffice.get(`/api/missing-students?schoolId=${school.schoolId}`)).statusCode).toBe(403);
    expect((await otherOffice.post(`/api/missing-students/${c.studentId}/calls`, { summary: 'x' })).statusCode).toBe(
      404,
    );
    const family = await loginAs(ctx, a.guardianEmail);
    expect((await family.get('/api/missing-students')).statusCode).toBe(403);
    expect((await family.get('/api/contact-issues')).statusCode).toBe(403);
  });
});

describe('contacts to correct', () => {
  it('lists missing phones, bounced e-mails and teachers’ flags; a flag clears when the contact is corrected', async () => {
    const { school, a, c, teacher, office } = await setUp();
    const guardianOf = (familyId: string) =>
      ctx.deps.db
        .selectFrom('people')
        .select(['id', 'email', 'version'])
        .where('family_id', '=', familyId)
        .where('kind', '=', 'guardian')
        .executeTakeFirstOrThrow();
    const annaGuardian = await guardianOf(a.familyId);
    await ctx.deps.db
      .insertInto('outbox')
      .values({
        id: newId(),
        created_at: '2026-11-19T08:00:00.000Z',
        to_address: annaGuardian.email!,
        subject: 'Absence',
        text_body: '…',
        html_body: null,
        locale: 'fr',
        template: 'schools.absence-notice',
        status: 'failed',
        sent_at: null,
        error: '550 no such user',
        related_type: 'family',
        related_id: a.familyId,
        delivery_text: null,
        delivery_html: null,
      })
      .execute();

    const flag = await teacher.post(`/api/attendance/students/${c.studentId}/contact-flags`, {
      field: 'email',
      note: 'Adresse inconnue',
    });
    expect(flag.statusCode, flag.body).toBe(201);
    const elsewhere = await attendanceSchool(ctx.deps);
    const otherTeacher = await loginAs(ctx, elsewhere.teacherEmail);
    expect(
      (await otherTeacher.post(`/api/attendance/students/${c.studentId}/contact-flags`, { field: 'phone' })).statusCode,
    ).toBe(404);
    const family = await loginAs(ctx, c.guardianEmail);
    expect(
      (await family.post(`/api/attendance/students/${c.studentId}/contact-flags`, { field: 'phone' })).statusCode,
    ).toBe(403);
    expect((await teacher.get('/api/contact-issues')).statusCode).toBe(403);

    const issues = await office.get(`/api/contact-issues?schoolId=${school.schoolId}`);
    expect(issues.statusCode, issues.body).toBe(200);
    const of = (familyId: string, body = issues.json()) =>
      body.issues.filter((i: { familyId: string }) => i.familyId === familyId).map((i: { issue: string }) => i.issue);
    expect(of(a.familyId).sort()).toEqual(['bounced', 'no-phone']);
    expect(of(c.familyId).sort()).toEqual(['flagged-email', 'no-phone']);

    const chloeGuardian = await guardianOf(c.familyId);
    const fixed = await office.patch(`/api/people/${chloeGuardian.id}`, {
      version: chloeGuardian.version,
      email: 'corrigee@famille.example.org',
      phone: '+33612345678',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const after = await office.get(`/api/contact-issues?schoolId=${school.schoolId}`);
    expect(of(c.familyId, after.json())).toEqual([]);
  });
});
