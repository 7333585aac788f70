import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserActor } from '../../platform/actor.js';
import { runSweeps } from '../../platform/jobs.js';
import { DomainError } from '../../platform/errors.js';
import { makeUser, type Agent } from '../../testing/harness.js';
import { assignTeacher, makeFamily, makeTeacher } from '../../testing/factories.js';
import { createSuspensionsService } from './suspensions.service.js';
import { createTeachersTestApp, freshAgent, staff } from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let proposer: Agent & { userId: string };
let second: Agent;
let third: Agent;

beforeAll(async () => {
  ctx = await createTeachersTestApp();
  proposer = await staff(ctx, ['followup'], 'Fanny Suivi');
  second = await staff(ctx, ['recruitment'], 'Rachida Recrutement');
  third = await staff(ctx, ['accounts'], 'Cédric Comptes');
});
// A test moves the clock: each starts again on the same date.
beforeEach(() => ctx.clock.set('2026-09-01T08:00:00.000Z'));
afterAll(async () => ctx.close());

const statusOf = async (id: string) =>
  (await ctx.deps.db.selectFrom('teachers').select('status').where('person_id', '=', id).executeTakeFirstOrThrow())
    .status;

async function actorOf(roles: ('followup' | 'sales' | 'recruitment')[], name: string): Promise<UserActor> {
  const u = await makeUser(ctx.deps, roles, { displayName: name });
  return {
    kind: 'user',
    userId: u.id,
    displayName: name,
    email: u.email,
    roles: new Set(roles),
    personId: null,
    locale: 'fr',
  };
}

describe('definitive exclusion, a group decision (service)', () => {
  it('is not effective after one approval, is after two, and never counts the proposer', async () => {
    const service = createSuspensionsService(ctx.deps);
    const teacher = await makeTeacher(ctx.deps);
    const a = await actorOf(['followup'], 'Proposer');
    const b = await actorOf(['sales'], 'B');
    const c = await actorOf(['recruitment'], 'C');
    const proposal = await service.create(a, teacher.id, {
      kind: 'definitive',
      reason: 'Comportement inapproprié répété',
    });
    expect(proposal.status).toBe('proposed');
    await expect(service.approve(a, proposal.id, null)).rejects.toMatchObject({ code: 'PROPOSER_CANNOT_APPROVE' });
    expect((await service.approve(b, proposal.id, 'OK')).status).toBe('proposed');
    expect(await statusOf(teacher.id)).toBe('active');
    const decided = await service.approve(c, proposal.id, null);
    expect(decided.status).toBe('effective');
    expect(await statusOf(teacher.id)).toBe('excluded');
    await expect(service.approve(c, proposal.id, null)).rejects.toBeInstanceOf(DomainError);
  });
});

describe('definitive exclusion (API)', () => {
  it('refuses the proposer’s approval with a clear message, decides on the second approval and lists the students to reassign', async () => {
    const teacher = await makeTeacher(ctx.deps, { firstName: 'Exclu' });
    const family = await makeFamily(ctx.deps, { name: 'Martin' });
    await assignTeacher(ctx.deps, teacher.id, family.students[0]!.id, family.id);
    const created = await proposer.post(`/api/teachers/${teacher.id}/suspensions`, {
      kind: 'definitive',
      reason: 'Absences répétées sans prévenir',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const own = await proposer.post(
      `/api/teacher-suspensions/${id}/approve`,
      {},
      { headers: { 'accept-language': 'en' } },
    );
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({
      code: 'PROPOSER_CANNOT_APPROVE',
      title: expect.stringMatching(/cannot approve/),
    });

    const once = await second.post(`/api/teacher-suspensions/${id}/approve`, { comment: 'D’accord' });
    expect(once.json()).toMatchObject({ status: 'proposed', approvalsRequired: 2 });
    expect(await statusOf(teacher.id)).toBe('active');

    const twice = await third.post(`/api/teacher-suspensions/${id}/approve`, {});
    expect(twice.json()).toMatchObject({ status: 'effective', studentsToReassign: [{ familyName: 'Martin' }] });
    expect(await statusOf(teacher.id)).toBe('excluded');
    const tasks = await ctx.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('teacher_id', '=', teacher.id)
      .where('kind', '=', 'reassign-after-exclusion')
      .execute();
    expect(tasks).toHaveLength(1);

    // Kept and shown on the teacher's page, with every vote.
    const page = (await second.get(`/api/teachers/${teacher.id}/suspensions`)).json();
    expect(page[0]).toMatchObject({
      kind: 'definitive',
      status: 'effective',
      reason: 'Absences répétées sans prévenir',
      proposedByName: 'Fanny Suivi',
    });
    expect(page[0].votes.map((v: { vote: string }) => v.vote)).toEqual(['approve', 'approve']);
    const mails = await ctx.deps.db
      .selectFrom('outbox')
      .select('template')
      .where('related_id', '=', teacher.id)
      .execute();
    expect(mails.map((m) => m.template)).toEqual(['teachers.status-changed']);
  });

  it('is blocked by an objection until its author withdraws it', async () => {
    const teacher = await makeTeacher(ctx.deps);
    const id = (
      await proposer.post(`/api/teachers/${teacher.id}/suspensions`, { kind: 'definitive', reason: 'Retards répétés' })
    ).json().id as string;
    const objector = await staff(ctx, ['sales'], 'Samuel Ventes');
    expect(
      (await objector.post(`/api/teacher-suspensions/${id}/object`, { comment: 'Entendons d’abord le professeur' }))
        .statusCode,
    ).toBe(200);
    await second.post(`/api/teacher-suspensions/${id}/approve`, {});
    const blocked = await third.post(`/api/teacher-suspensions/${id}/approve`, {});
    expect(blocked.json()).toMatchObject({ status: 'proposed' });
    expect(await statusOf(teacher.id)).toBe('active');
    expect((await second.post(`/api/teacher-suspensions/${id}/withdraw-objection`, {})).json()).toMatchObject({
      code: 'NO_OBJECTION',
    });
    const decided = await objector.post(`/api/teacher-suspensions/${id}/withdraw-objection`, {});
    expect(decided.json()).toMatchObject({ status: 'effective' });
    expect(decided.json().votes.find((v: { voterName: string }) => v.voterName === 'Samuel Ventes')).toMatchObject({
      vote: 'withdrawn',
      comment: 'Entendons d’abord le professeur',
    });
  });

  it('is proposed by followup only; the board and teachers cannot vote', async () => {
    const teacher = await makeTeacher(ctx.deps);
    const sales = await staff(ctx, ['sales']);
    expect(
      (await sales.post(`/api/teachers/${teacher.id}/suspensions`, { kind: 'definitive', reason: 'x' })).statusCode,
    ).toBe(403);
    const id = (
      await proposer.post(`/api/teachers/${teacher.id}/suspensions`, { kind: 'definitive', reason: 'Raison' })
    ).json().id as string;
    expect(
      (await proposer.post(`/api/teachers/${teacher.id}/suspensions`, { kind: 'definitive', reason: 'Encore' })).json(),
    ).toMatchObject({ code: 'SUSPENSION_ALREADY_PROPOSED' });
    const board = await staff(ctx, ['board']);
    expect((await board.post(`/api/teacher-suspensions/${id}/approve`, {})).statusCode).toBe(403);
    const teacherUser = await makeUser(ctx.deps, ['teacher'], { personId: teacher.id });
    expect(
      (await freshAgent(ctx, teacherUser.email).post(`/api/teacher-suspensions/${id}/approve`, {})).statusCode,
    ).toBe(403);
    expect((await freshAgent(ctx, teacherUser.email).get(`/api/teachers/${teacher.id}/suspensions`)).statusCode).toBe(
      403,
    );
    const pending = (await second.get('/api/teacher-suspensions')).json();
    expect(pending.map((p: { id: string }) => p.id)).toContain(id);
    const withdrawn = await proposer.post(`/api/teacher-suspensions/${id}/withdraw`, {
      version: 1,
      reason: 'Situation réglée',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', endReason: 'Situation réglée' });
  });
});

describe('temporary suspension', () => {
  it('takes effect at once, needs a date or a condition, and ends by itself on its date', async () => {
    const teacher = await makeTeacher(ctx.deps);
    const followup = freshAgent(ctx, (await staff(ctx, ['followup'])).email);
    const missing = await followup.post(`/api/teachers/${teacher.id}/suspensions`, {
      kind: 'temporary',
      reason: 'Déménagement',
    });
    expect(missing.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'untilDate', code: 'until_date_or_condition' }],
    });
    const created = await followup.post(`/api/teachers/${teacher.id}/suspensions`, {
      kind: 'temporary',
      reason: 'Déménagement',
      untilDate: '2026-09-15',
    });
    expect(created.json()).toMatchObject({ status: 'active' });
    expect(
      await ctx.deps.db
        .selectFrom('teachers')
        .select(['status', 'status_until'])
        .where('person_id', '=', teacher.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'suspended', status_until: '2026-09-15' });
    ctx.clock.set('2026-09-14T20:00:00Z');
    await runSweeps(ctx.deps);
    expect(await statusOf(teacher.id)).toBe('suspended');
    ctx.clock.set('2026-09-15T06:00:00Z');
    await runSweeps(ctx.deps);
    expect(await statusOf(teacher.id)).toBe('active');
  });

  it('can be lifted by followup when its condition is met', async () => {
    const teacher = await makeTeacher(ctx.deps);
    const followup = freshAgent(ctx, (await staff(ctx, ['followup'])).email);
    const s = (
      await followup.post(`/api/teachers/${teacher.id}/suspensions`, {
        kind: 'temporary',
        reason: 'Diplôme à fournir',
        untilCondition: 'copie du diplôme reçue',
      })
    ).json();
    expect(
      (await followup.post(`/api/teacher-suspensions/${s.id}/lift`, { version: 99, reason: 'Reçu' })).statusCode,
    ).toBe(409);
    const lifted = await followup.post(`/api/teacher-suspensions/${s.id}/lift`, {
      version: s.version,
      reason: 'Diplôme reçu',
    });
    expect(lifted.json()).toMatchObject({ status: 'lifted', endReason: 'Diplôme reçu' });
    expect(await statusOf(teacher.id)).toBe('active');
  });
});
