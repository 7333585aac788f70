import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeUser, type Agent } from '../../testing/harness.js';
import { assignTeacher, makeFamily, makeTeacher } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { createTeachersTestApp, staff, teacherWithLogin } from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let followup: Agent;

beforeAll(async () => {
  ctx = await createTeachersTestApp();
  followup = await staff(ctx, ['followup']);
});
afterAll(async () => ctx.close());

async function familyAgent(teacherId?: string) {
  const family = await makeFamily(ctx.deps);
  if (teacherId) await assignTeacher(ctx.deps, teacherId, family.students[0]!.id, family.id);
  const user = await makeUser(ctx.deps, ['guardian'], { personId: family.guardians[0]!.id });
  return { family, agent: await loginAs(ctx, user.email) };
}

async function recordLesson(teacherId: string, date: string) {
  const family = await makeFamily(ctx.deps);
  const now = ctx.clock.now().toISOString();
  const assignmentId = newId();
  await ctx.deps.db
    .insertInto('assignments')
    .values({
      id: assignmentId,
      student_id: family.students[0]!.id,
      teacher_id: teacherId,
      family_id: family.id,
      started_on: '2026-06-01',
      ended_on: null,
      end_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await ctx.deps.db
    .insertInto('lessons')
    .values({
      id: newId(),
      assignment_id: assignmentId,
      file_id: null,
      teacher_id: teacherId,
      student_id: family.students[0]!.id,
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

describe('incidents', () => {
  it('from families and staff; repeated ones give followup one "call both sides" task', async () => {
    const teacher = await makeTeacher(ctx.deps);
    const fam = await familyAgent(teacher.id);
    const first = await fam.agent.post(`/api/teachers/${teacher.id}/incidents`, {
      kind: 'lateness',
      occurredOn: '2026-08-20',
      description: '20 minutes de retard',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ reporterKind: 'family' });
    await followup.post(`/api/teachers/${teacher.id}/incidents`, {
      kind: 'late_cancellation',
      occurredOn: '2026-08-25',
      description: 'Annulé une heure avant',
    });
    expect(
      await ctx.deps.db.selectFrom('tasks').select('id').where('teacher_id', '=', teacher.id).execute(),
    ).toHaveLength(0);
    await fam.agent.post(`/api/teachers/${teacher.id}/incidents`, {
      kind: 'lateness',
      occurredOn: '2026-08-29',
      description: 'Encore en retard',
    });
    await followup.post(`/api/teachers/${teacher.id}/incidents`, {
      kind: 'behaviour',
      occurredOn: '2026-08-30',
      description: 'Ton désagréable',
    });
    const tasks = await ctx.deps.db.selectFrom('tasks').selectAll().where('teacher_id', '=', teacher.id).execute();
    expect(tasks).toMatchObject([{ kind: 'call-both-sides', service: 'followup', status: 'open' }]);
    const history = (await followup.get(`/api/teachers/${teacher.id}/incidents`)).json();
    expect(history.map((i: { occurredOn: string }) => i.occurredOn)).toEqual([
      '2026-08-30',
      '2026-08-29',
      '2026-08-25',
      '2026-08-20',
    ]);
  });

  it('a family reports only about its own teacher, only on its own file, and cannot read the history', async () => {
    const teacher = await makeTeacher(ctx.deps);
    const stranger = await familyAgent();
    expect(
      (
        await stranger.agent.post(`/api/teachers/${teacher.id}/incidents`, {
          kind: 'lateness',
          occurredOn: '2026-08-20',
          description: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const own = await familyAgent(teacher.id);
    const bad = await own.agent.post(`/api/teachers/${teacher.id}/incidents`, {
      kind: 'lateness',
      occurredOn: '2026-08-20',
      description: 'x',
      fileId: newId(),
    });
    expect(bad.statusCode).toBe(404);
    expect((await own.agent.get(`/api/teachers/${teacher.id}/incidents`)).statusCode).toBe(403);
    const t = await teacherWithLogin(ctx);
    expect(
      (
        await t.agent.post(`/api/teachers/${teacher.id}/incidents`, {
          kind: 'behaviour',
          occurredOn: '2026-08-20',
          description: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('low activity', () => {
  it('lists active teachers with few lessons over the period, with zones and capacity; the call goes to the contact log', async () => {
    const quiet = await makeTeacher(ctx.deps, { lastName: 'Calme' });
    const busy = await makeTeacher(ctx.deps, { lastName: 'Occupé' });
    await ctx.deps.db
      .insertInto('teacher_zones')
      .values({ teacher_id: quiet.id, kind: 'postal_code', code: '69003' })
      .execute();
    await ctx.deps.db
      .updateTable('teachers')
      .set({ capacity_new_students: 4 })
      .where('person_id', '=', quiet.id)
      .execute();
    for (const d of ['2026-07-01', '2026-07-08', '2026-07-15', '2026-07-22']) await recordLesson(busy.id, d);
    await recordLesson(quiet.id, '2026-08-01');
    await recordLesson(quiet.id, '2026-03-01'); // before the period: does not count
    const report = (await followup.get('/api/teachers/low-activity')).json();
    expect(report).toMatchObject({ since: '2026-07-03', minLessons: 4 });
    const ids = report.items.map((i: { teacherId: string }) => i.teacherId);
    expect(ids).toContain(quiet.id);
    expect(report.items.find((i: { teacherId: string }) => i.teacherId === quiet.id)).toMatchObject({
      lessons: 1,
      capacityNewStudents: 4,
      zones: [{ kind: 'postal_code', code: '69003' }],
      lastCallAt: null,
    });

    const call = await followup.post(`/api/teachers/${quiet.id}/low-activity-call`, {
      summary: 'Peu d’élèves proposés près de chez lui',
      outcome: 'Élargir la zone à 69007',
    });
    expect(call.statusCode).toBe(201);
    const after = (await followup.get('/api/teachers/low-activity')).json();
    expect(after.items.find((i: { teacherId: string }) => i.teacherId === quiet.id).lastCallAt).not.toBeNull();
    const log = (await followup.get(`/api/contacts?personId=${quiet.id}`)).json();
    expect(log[0]).toMatchObject({ channel: 'call', summary: 'Peu d’élèves proposés près de chez lui' });
    const sales = await staff(ctx, ['sales']);
    expect((await sales.get('/api/teachers/low-activity')).statusCode).toBe(403);
  });

  it('pages through the list by name without repeating anyone', async () => {
    for (const lastName of ['Abel', 'Abel', 'Bernard', 'Zola']) await makeTeacher(ctx.deps, { lastName });
    const seen: { lastName: string; teacherId: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await followup.get(`/api/teachers/low-activity?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { lastName: string; teacherId: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const all = (await followup.get('/api/teachers/low-activity?limit=200')).json() as {
      items: { teacherId: string }[];
    };
    expect(seen.map((i) => i.teacherId)).toEqual(all.items.map((i) => i.teacherId));
    expect(new Set(seen.map((i) => i.teacherId)).size).toBe(seen.length);
    const names = seen.map((i) => i.lastName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names.filter((n) => n === 'Abel')).toHaveLength(2);
  });

  it('does not list a busy teacher nor a suspended one', async () => {
    const busy = await makeTeacher(ctx.deps);
    for (const d of ['2026-08-01', '2026-08-08', '2026-08-15', '2026-08-22']) await recordLesson(busy.id, d);
    const suspended = await makeTeacher(ctx.deps);
    await ctx.deps.db
      .updateTable('teachers')
      .set({ status: 'suspended' })
      .where('person_id', '=', suspended.id)
      .execute();
    const ids = (await followup.get('/api/teachers/low-activity'))
      .json()
      .items.map((i: { teacherId: string }) => i.teacherId);
    expect(ids).not.toContain(busy.id);
    expect(ids).not.toContain(suspended.id);
  });
});
