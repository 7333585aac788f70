import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonListItem } from '@contracts';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../../testing/harness.js';
import { makeFamily, makeTeacher } from '../../../testing/factories.js';
import { newId } from '../../../platform/ids.js';

/** GET /api/lessons: a month of lessons, for the office, a teacher (their own) and a family (its own). */
let ctx: TestContext;
let mine = { teacherId: '', familyId: '' };
let theirs = { teacherId: '', familyId: '' };
const agents = {} as Record<'followup' | 'teacher' | 'otherTeacher' | 'guardian' | 'secretariat', Agent>;
type Page = { items: LessonListItem[]; nextCursor: string | null };

async function addLessons(teacherId: string, family: Awaited<ReturnType<typeof makeFamily>>, dates: string[]) {
  const now = ctx.clock.now().toISOString();
  const studentId = family.students[0]?.id ?? '';
  const assignmentId = newId();
  await ctx.deps.db
    .insertInto('assignments')
    .values({
      id: assignmentId,
      student_id: studentId,
      teacher_id: teacherId,
      family_id: family.id,
      started_on: '2026-09-01',
      ended_on: null,
      end_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  for (const date of dates) {
    await ctx.deps.db
      .insertInto('lessons')
      .values({
        id: newId(),
        assignment_id: assignmentId,
        file_id: null,
        teacher_id: teacherId,
        student_id: studentId,
        family_id: family.id,
        lesson_date: date,
        minutes: 45,
        status: 'done',
        place: 'home',
        family_response: null,
        dispute_reason: null,
        recorded_by: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }
}

beforeAll(async () => {
  ctx = await createTestApp();
  const teacher = await makeTeacher(ctx.deps, { firstName: 'Hélène', lastName: 'Marchand' });
  const other = await makeTeacher(ctx.deps, { lastName: 'Collègue' });
  const family = await makeFamily(ctx.deps, {
    name: 'Lefèvre',
    students: [{ firstName: 'Léo', birthDate: '2015-03-01' }],
  });
  const otherFamily = await makeFamily(ctx.deps, {
    name: 'Autre',
    students: [{ firstName: 'Zoé', birthDate: '2014-03-01' }],
  });
  mine = { teacherId: teacher.id, familyId: family.id };
  theirs = { teacherId: other.id, familyId: otherFamily.id };
  // Five November lessons and one in October for "mine"; three November lessons for the other pair.
  await addLessons(teacher.id, family, [
    '2026-11-02',
    '2026-11-09',
    '2026-11-16',
    '2026-11-23',
    '2026-11-30',
    '2026-10-26',
  ]);
  await addLessons(other.id, otherFamily, ['2026-11-03', '2026-11-10', '2026-11-17']);
  agents.followup = await loginAs(ctx, (await makeUser(ctx.deps, ['followup'])).email);
  agents.secretariat = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
  agents.teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: teacher.id })).email);
  agents.otherTeacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: other.id })).email);
  agents.guardian = await loginAs(
    ctx,
    (await makeUser(ctx.deps, ['guardian'], { personId: family.guardians[0]?.id ?? null })).email,
  );
});
afterAll(async () => ctx.close());

describe('lessons of a month', () => {
  it('gives the office every lesson of the month, oldest first, page by page', async () => {
    const first = await agents.followup.get('/api/lessons?month=2026-11&limit=5');
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as Page;
    expect(page1.items.map((l) => l.date)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-09',
      '2026-11-10',
      '2026-11-16',
    ]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (
      await agents.followup.get(`/api/lessons?month=2026-11&limit=5&cursor=${page1.nextCursor}`)
    ).json() as Page;
    expect(page2.items.map((l) => l.date)).toEqual(['2026-11-17', '2026-11-23', '2026-11-30']);
    expect(page2.nextCursor).toBeNull();
    const one = page1.items[0] as LessonListItem;
    expect(one).toMatchObject({
      teacherName: 'Hélène Marchand',
      studentName: 'Léo Lefèvre',
      familyName: 'Lefèvre',
      minutes: 45,
      status: 'done',
    });
    const filtered = (
      await agents.followup.get(`/api/lessons?month=2026-11&teacherId=${theirs.teacherId}`)
    ).json() as Page;
    expect(filtered.items).toHaveLength(3);
    expect(filtered.items.every((l) => l.teacherId === theirs.teacherId)).toBe(true);
  });

  it('gives a teacher only their own lessons and refuses someone else’s', async () => {
    const own = (await agents.teacher.get('/api/lessons?month=2026-11')).json() as Page;
    expect(own.items.map((l) => l.date)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(own.items.every((l) => l.teacherId === mine.teacherId)).toBe(true);
    const october = (await agents.teacher.get('/api/lessons?month=2026-10')).json() as Page;
    expect(october.items.map((l) => l.date)).toEqual(['2026-10-26']);
    expect((await agents.teacher.get(`/api/lessons?month=2026-11&teacherId=${theirs.teacherId}`)).statusCode).toBe(403);
    const other = (await agents.otherTeacher.get('/api/lessons?month=2026-11')).json() as Page;
    expect(other.items.map((l) => l.teacherId)).toEqual([theirs.teacherId, theirs.teacherId, theirs.teacherId]);
  });

  it('gives a family only its own lessons and refuses another family’s', async () => {
    const own = (await agents.guardian.get('/api/lessons?month=2026-11')).json() as Page;
    expect(own.items).toHaveLength(5);
    expect(own.items.every((l) => l.familyId === mine.familyId)).toBe(true);
    expect((await agents.guardian.get(`/api/lessons?month=2026-11&familyId=${theirs.familyId}`)).statusCode).toBe(403);
  });

  it('refuses roles without a relation to lessons, and anonymous callers', async () => {
    expect((await agents.secretariat.get('/api/lessons?month=2026-11')).statusCode).toBe(403);
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/lessons?month=2026-11' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('explains a bad month in the caller’s language', async () => {
    const bad = await agents.followup.get('/api/lessons?month=2026-13', { headers: { 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'month', message: 'This month is not valid (YYYY-MM).' }] });
    const missing = await agents.followup.get('/api/lessons');
    expect(missing.statusCode).toBe(400);
  });
});
