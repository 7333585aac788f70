import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgencyDashboard, FileSummary, TaskList } from '@contracts';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { newId } from '../../platform/ids.js';
import { createTask } from '../../platform/tasks.js';
import { makePlan, makeProfileTeacher, relaxRateLimit, requestBody } from './agency.test-support.js';
import { isBillableWithoutLesson } from './followup/followup.rules.js';
import { servicesOfRoles, taskGroup } from './tasks.rules.js';

/** Issue 13, items 8-11: links and lookups, tasks with an outcome, one definition per figure, family requests. */
let ctx: TestContext;
let sales: Agent;
let recruitment: Agent;
let followup: Agent;
let accounts: Agent;
let board: Agent;
let planId: string;
const emails: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  await relaxRateLimit(ctx.deps);
  for (const role of ['sales', 'recruitment', 'followup', 'accounts', 'board'] as const)
    emails[role] = (await makeUser(ctx.deps, [role])).email;
  planId = await makePlan(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-11-23T09:00:00.000Z');
  sales = await loginAs(ctx, emails.sales as string);
  recruitment = await loginAs(ctx, emails.recruitment as string);
  followup = await loginAs(ctx, emails.followup as string);
  accounts = await loginAs(ctx, emails.accounts as string);
  board = await loginAs(ctx, emails.board as string);
});
afterAll(async () => ctx.close());

async function newFile(overrides: Record<string, unknown> = {}) {
  const body = requestBody(overrides);
  const res = await sales.post('/api/requests', body);
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { id: string }).id, body };
}

/** A file handed over to a new teacher: billable from today, no lesson yet. */
async function handedOver(overrides: Record<string, unknown> = {}) {
  const file = await newFile(overrides);
  expect((await sales.post(`/api/files/${file.id}/subscription`, { planId })).statusCode).toBe(200);
  const teacherId = await makeProfileTeacher(ctx.deps, { lastName: `Prof${newId().slice(0, 6)}` });
  const res = await recruitment.post(`/api/files/${file.id}/handover`, { teacherId });
  expect(res.statusCode, res.body).toBe(200);
  return { ...file, teacherId };
}

async function guardianOf(fileId: string) {
  const file = await ctx.deps.db
    .selectFrom('lesson_files')
    .select(['family_id', 'reference', 'student_id'])
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  const guardian = await ctx.deps.db
    .selectFrom('people')
    .select('id')
    .where('family_id', '=', file.family_id)
    .where('kind', '=', 'guardian')
    .executeTakeFirstOrThrow();
  const user = await makeUser(ctx.deps, ['guardian'], { personId: guardian.id });
  return { agent: await loginAs(ctx, user.email), ...file };
}

async function listed(agent: Agent, query: Record<string, string>) {
  const res = await agent.get(`/api/files?${new URLSearchParams({ limit: '200', ...query }).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: FileSummary[] }).items;
}

describe('billable without lesson: one definition for the dashboard and the pipeline', () => {
  it('the rule', () => {
    const base = { status: 'active', billableFrom: '2026-11-23', hasGivenLesson: false };
    expect(isBillableWithoutLesson(base, '2026-11-23')).toBe(true);
    expect(isBillableWithoutLesson({ ...base, hasGivenLesson: true }, '2026-11-23')).toBe(false);
    expect(isBillableWithoutLesson({ ...base, billableFrom: '2026-11-24' }, '2026-11-23')).toBe(false);
    expect(isBillableWithoutLesson({ ...base, billableFrom: null }, '2026-11-23')).toBe(false);
    expect(isBillableWithoutLesson({ ...base, status: 'pending' }, '2026-11-23')).toBe(false);
  });

  it('lists a file handed over today on both (the dashboard used to wait for the sweep’s task at the first debit)', async () => {
    const file = await handedOver();
    const pipeline = (await listed(followup, { needsAction: 'today' })).filter((f) => f.noLessonWhileBillable);
    const dashboard = (await followup.get('/api/dashboards/agency?service=followup')).json() as AgencyDashboard;
    expect(pipeline.map((f) => f.id)).toContain(file.id);
    expect(dashboard.billableWithoutLesson.map((f) => f.fileId)).toContain(file.id);
    // Whatever the files, both say the same.
    expect(new Set(dashboard.billableWithoutLesson.map((f) => f.fileId))).toEqual(new Set(pipeline.map((f) => f.id)));

    // A lesson given clears it on both.
    const teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: file.teacherId })).email);
    expect(
      (await teacher.post(`/api/files/${file.id}/lessons`, { date: '2026-11-23', minutes: 45, status: 'done' }))
        .statusCode,
    ).toBe(201);
    const after = (await followup.get('/api/dashboards/agency?service=followup')).json() as AgencyDashboard;
    expect(after.billableWithoutLesson.map((f) => f.fileId)).not.toContain(file.id);
    expect((await listed(followup, {})).find((f) => f.id === file.id)?.noLessonWhileBillable).toBe(false);
  });
});

describe('few lessons: the dashboard uses the low-activity rule', () => {
  it('counts given lessons only over the low-activity period, like the low-activity page', async () => {
    const file = await handedOver();
    const assignment = await ctx.deps.db
      .selectFrom('assignments')
      .select(['id', 'student_id', 'family_id'])
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now().toISOString();
    // Five cancelled lessons: the old dashboard counted them (not "few"); the low-activity page never did.
    for (let day = 10; day < 15; day += 1)
      await ctx.deps.db
        .insertInto('lessons')
        .values({
          id: newId(),
          assignment_id: assignment.id,
          file_id: file.id,
          teacher_id: file.teacherId,
          student_id: assignment.student_id as string,
          family_id: assignment.family_id as string,
          lesson_date: `2026-11-${day}`,
          minutes: 45,
          status: 'cancelled_by_family',
          place: 'home',
          family_response: null,
          dispute_reason: null,
          recorded_by: null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
    const dashboard = (await followup.get('/api/dashboards/agency?service=followup')).json() as AgencyDashboard;
    const page = (await followup.get('/api/teachers/low-activity?limit=200')).json() as {
      since: string;
      minLessons: number;
      items: { teacherId: string; lessons: number }[];
    };
    expect(dashboard.fewLessons).toEqual({ since: page.since, minLessons: page.minLessons });
    expect(dashboard.teachersWithFewLessons.map((t) => t.teacherId)).toContain(file.teacherId);
    expect(page.items.map((t) => t.teacherId)).toContain(file.teacherId);
    const onPage = new Map(page.items.map((t) => [t.teacherId, t.lessons]));
    for (const t of dashboard.teachersWithFewLessons) expect(onPage.get(t.teacherId)).toBe(t.lessons);
  });
});

describe('tasks', () => {
  it('groups overdue apart from today, and maps roles to their services', () => {
    expect(taskGroup('2026-11-22', '2026-11-23')).toBe('overdue');
    expect(taskGroup('2026-11-23', '2026-11-23')).toBe('today');
    expect(taskGroup('2026-11-24', '2026-11-23')).toBe('later');
    expect(servicesOfRoles(['followup', 'board'])).toEqual(['followup']);
    expect(servicesOfRoles(['admin'])).toHaveLength(5);
    expect(servicesOfRoles(['board'])).toEqual([]);
  });

  it('shows each service its own tasks today, naming the student, and completes one with an audited outcome', async () => {
    const file = await handedOver();
    const student = await ctx.deps.db
      .selectFrom('people')
      .select(['id', 'first_name', 'last_name'])
      .where('id', '=', (await guardianOf(file.id)).student_id)
      .executeTakeFirstOrThrow();
    const teacherName = await ctx.deps.db
      .selectFrom('people')
      .select(['first_name', 'last_name'])
      .where('id', '=', file.teacherId)
      .executeTakeFirstOrThrow();
    await ctx.deps.db.transaction().execute(async (tx) => {
      await createTask(tx, ctx.clock, {
        kind: 'check-in',
        service: 'followup',
        title: 'Check in',
        dueOn: '2026-11-20',
        fileId: file.id,
      });
      await createTask(tx, ctx.clock, {
        kind: 'call-teacher',
        service: 'followup',
        title: 'Call',
        dueOn: '2026-11-23',
        teacherId: file.teacherId,
      });
      await createTask(tx, ctx.clock, { kind: 'later', service: 'followup', title: 'Later', dueOn: '2026-11-30' });
      await createTask(tx, ctx.clock, { kind: 'debit-hold', service: 'accounts', title: 'Hold', dueOn: '2026-11-23' });
    });

    const mine = (await followup.get('/api/tasks')).json() as TaskList;
    expect(mine.services).toEqual(['followup']);
    expect(mine.items.every((t) => t.service === 'followup' && t.dueOn <= '2026-11-23')).toBe(true);
    const overdue = mine.items.find((t) => t.kind === 'check-in' && t.fileId === file.id);
    expect(overdue).toMatchObject({
      group: 'overdue',
      subject: { kind: 'student', id: student.id, name: `${student.first_name} ${student.last_name}` },
    });
    expect(overdue?.subject?.path).toBe(`/office/people/${student.id}`);
    expect(mine.items.find((t) => t.kind === 'call-teacher')).toMatchObject({
      group: 'today',
      subject: { kind: 'teacher', name: `${teacherName.first_name} ${teacherName.last_name}` },
    });
    expect(mine.items.some((t) => t.kind === 'later')).toBe(false);
    expect(
      ((await followup.get('/api/tasks?when=open')).json() as TaskList).items.some((t) => t.kind === 'later'),
    ).toBe(true);
    const all = (await followup.get('/api/tasks?scope=all')).json() as TaskList;
    expect(all.items.some((t) => t.kind === 'debit-hold')).toBe(true);
    expect(((await accounts.get('/api/tasks')).json() as TaskList).items.every((t) => t.service === 'accounts')).toBe(
      true,
    );
    expect(((await board.get('/api/tasks')).json() as TaskList).items).toEqual([]);

    const task = overdue as NonNullable<typeof overdue>;
    // The board reads, does not complete; a wrong version is stale; an unknown outcome is refused on its field.
    expect(
      (await board.post(`/api/tasks/${task.id}/complete`, { version: task.version, outcome: 'done' })).statusCode,
    ).toBe(403);
    expect((await followup.post(`/api/tasks/${task.id}/complete`, { version: 99, outcome: 'done' })).statusCode).toBe(
      409,
    );
    const bad = await followup.post(`/api/tasks/${task.id}/complete`, { version: task.version, outcome: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('outcome');
    const done = await followup.post(`/api/tasks/${task.id}/complete`, {
      version: task.version,
      outcome: 'unreachable',
      note: 'Messagerie, rappeler lundi',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      outcomeKind: 'unreachable',
      outcome: 'Messagerie, rappeler lundi',
    });
    const row = await ctx.deps.db.selectFrom('tasks').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', outcome_kind: 'unreachable', done_at: '2026-11-23T09:00:00.000Z' });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'task')
      .where('entity_id', '=', task.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['complete']);
    expect(
      (await followup.post(`/api/tasks/${task.id}/complete`, { version: task.version + 1, outcome: 'done' }))
        .statusCode,
    ).toBe(409);
    expect(((await followup.get('/api/tasks')).json() as TaskList).items.some((t) => t.id === task.id)).toBe(false);

    // Families and teachers have no task list.
    const { agent: family } = await guardianOf(file.id);
    expect((await family.get('/api/tasks')).statusCode).toBe(403);
    expect((await family.post(`/api/tasks/${task.id}/complete`, { version: 2, outcome: 'done' })).statusCode).toBe(403);
  });

  it('the service dashboard lists the same tasks with their subject', async () => {
    const dashboard = (await followup.get('/api/dashboards/agency?service=followup')).json() as AgencyDashboard;
    expect(dashboard.myTasksToday.every((t) => t.dueOn <= dashboard.today && t.group !== 'later')).toBe(true);
  });
});

describe('a family asks from its portal', () => {
  it('creates a followup task with its message, for its own child’s file only', async () => {
    const file = await handedOver();
    const other = await handedOver({ guardian: { ...requestBody().guardian, lastName: 'Autre' } });
    const { agent: family } = await guardianOf(file.id);

    const res = await family.post(`/api/files/${file.id}/family-requests`, {
      kind: 'change_teacher',
      message: 'Les horaires ne conviennent plus, pouvons-nous changer de professeur ?',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { taskId } = res.json() as { taskId: string };
    const task = await ctx.deps.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      service: 'followup',
      kind: 'family-change-teacher',
      file_id: file.id,
      status: 'open',
      due_on: '2026-11-23',
      details: 'Les horaires ne conviennent plus, pouvons-nous changer de professeur ?',
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'task')
      .where('entity_id', '=', taskId)
      .execute();
    expect(audit).toEqual([{ action: 'create' }]);
    const tasks = (await followup.get('/api/tasks')).json() as TaskList;
    expect(tasks.items.find((t) => t.id === taskId)?.subject?.kind).toBe('student');

    // Another family's file: refused, nothing created.
    const before = await ctx.deps.db.selectFrom('tasks').select('id').execute();
    expect(
      (await family.post(`/api/files/${other.id}/family-requests`, { kind: 'problem', message: 'Bonjour' })).statusCode,
    ).toBe(403);
    // The teacher, the staff: not this way (they have tickets and the contact log).
    const teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: file.teacherId })).email);
    expect(
      (await teacher.post(`/api/files/${file.id}/family-requests`, { kind: 'problem', message: 'Bonjour' })).statusCode,
    ).toBe(403);
    expect(
      (await followup.post(`/api/files/${file.id}/family-requests`, { kind: 'problem', message: 'Bonjour' }))
        .statusCode,
    ).toBe(403);
    expect((await ctx.deps.db.selectFrom('tasks').select('id').execute()).length).toBe(before.length);
    // An empty message is refused on its field, in the caller's language.
    const empty = await family.post(`/api/files/${file.id}/family-requests`, { kind: 'problem', message: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('message');
  });
});

describe('no dead ends: lookups and filters', () => {
  it('finds a file by its request reference, and filters the pipeline by name, city, family and student', async () => {
    const file = await newFile({
      student: { firstName: 'Zoé', lastName: 'Quintard', birthDate: '2015-01-02' },
      address: { line1: '3 rue de la République', postalCode: '69001', city: 'Lyon' },
    });
    const { reference, family_id, student_id } = await guardianOf(file.id);
    const ref = reference as string;
    const found = await sales.get(`/api/files/lookup?reference=${encodeURIComponent(ref.toLowerCase())}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual({ id: file.id });
    expect((await sales.get('/api/files/lookup?reference=R-NOPE99')).statusCode).toBe(404);
    expect((await board.get(`/api/files/lookup?reference=${ref}`)).statusCode).toBe(200);
    const { agent: family } = await guardianOf(file.id);
    expect((await family.get(`/api/files/lookup?reference=${ref}`)).statusCode).toBe(403);

    expect((await listed(sales, { q: 'quint' })).map((f) => f.id)).toEqual([file.id]);
    expect((await listed(sales, { q: 'zoé quintard' })).map((f) => f.id)).toEqual([file.id]);
    expect((await listed(sales, { q: ref })).map((f) => f.id)).toEqual([file.id]);
    expect((await listed(sales, { q: '100%_' })).length).toBe(0);
    expect((await listed(sales, { city: 'lyo' })).map((f) => f.id)).toContain(file.id);
    expect((await listed(sales, { city: 'paris', q: 'quintard' })).length).toBe(0);
    expect((await listed(sales, { familyId: family_id })).map((f) => f.id)).toEqual([file.id]);
    expect((await listed(sales, { studentId: student_id })).map((f) => f.id)).toEqual([file.id]);
    expect((await listed(sales, { owner: 'sales', q: 'quintard' })).map((f) => f.id)).toEqual([file.id]);
    // A family asking for another family's files still gets its own only.
    const other = await newFile();
    const otherFamily = (await guardianOf(other.id)).family_id;
    expect((await listed(family, { familyId: otherFamily })).every((f) => f.familyId === family_id)).toBe(true);
  });
});
