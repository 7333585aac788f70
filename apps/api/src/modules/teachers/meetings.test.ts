import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, loginAs, makeUser, type Agent } from '../../testing/harness.js';
import { assignTeacher, makeFamily } from '../../testing/factories.js';
import { runSweeps } from '../../platform/jobs.js';
import { createTeachersTestApp, freshAgent, staff, teacherWithLogin } from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let followup: Agent;

beforeAll(async () => {
  ctx = await createTeachersTestApp();
  followup = freshAgent(ctx, (await staff(ctx, ['followup'], 'Fanny Suivi')).email);
});
// Tests move the clock by days: each starts again on the same date.
beforeEach(() => ctx.clock.set('2026-09-01T08:00:00.000Z'));
afterAll(async () => ctx.close());

/** A meeting `days` from the clock's now, 2 hours long. */
async function scheduleMeeting(days: number, capacity = 20): Promise<string> {
  const startsAt = new Date(ctx.clock.now().getTime() + days * 86_400_000).toISOString();
  const res = await followup.post('/api/meetings', {
    subject: 'Rencontre pédagogique',
    startsAt,
    durationMinutes: 120,
    place: 'Salle Rameau, Lyon',
    facilitator: 'Fanny Suivi',
    capacity,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function invite(meetingId: string, teacherIds: string[]) {
  const res = await followup.post(`/api/meetings/${meetingId}/invitations`, { mode: 'chosen', teacherIds });
  expect(res.statusCode).toBe(200);
  return res.json();
}
async function attendance(meetingId: string, entries: { teacherId: string; attended: boolean }[]) {
  const res = await followup.put(`/api/meetings/${meetingId}/attendance`, { attendance: entries });
  expect(res.statusCode).toBe(200);
  return res.json();
}
const teacherStatus = async (id: string) =>
  ctx.deps.db
    .selectFrom('teachers')
    .select(['status', 'status_reason'])
    .where('person_id', '=', id)
    .executeTakeFirstOrThrow();
const mailsTo = async (teacherId: string, template: string) => {
  const person = await ctx.deps.db
    .selectFrom('people')
    .select('email')
    .where('id', '=', teacherId)
    .executeTakeFirstOrThrow();
  return ctx.deps.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', person.email ?? '')
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();
};

describe('automatic suspension for missed pedagogical meetings', () => {
  it('suspends a teacher invited to three past meetings who never came, and lifts it when they attend the next one', async () => {
    const teacher = await teacherWithLogin(ctx, 'Absente');
    const family = await makeFamily(ctx.deps);
    await assignTeacher(ctx.deps, teacher.id, family.students[0]!.id, family.id);

    // Meetings 1 and 2: invited, absent, attendance recorded.
    for (let n = 0; n < 2; n += 1) {
      const meeting = await scheduleMeeting(2);
      await invite(meeting, [teacher.id]);
      ctx.clock.advanceDays(3);
      await attendance(meeting, [{ teacherId: teacher.id, attended: false }]);
      expect(await teacherStatus(teacher.id)).toMatchObject({ status: 'active' });
    }

    // Meeting 3: nobody fills the sheet. Just after it, the grace period protects the teacher…
    const third = await scheduleMeeting(2);
    await invite(third, [teacher.id]);
    ctx.clock.advanceDays(3);
    await runSweeps(ctx.deps);
    expect(await teacherStatus(teacher.id)).toMatchObject({ status: 'active' });

    // …once it has passed, the sweep suspends them, once, however often it runs.
    ctx.clock.advanceDays(7);
    await Promise.all([runSweeps(ctx.deps), runSweeps(ctx.deps)]);
    await runSweeps(ctx.deps);
    expect(await teacherStatus(teacher.id)).toEqual({ status: 'suspended', status_reason: 'meetings' });
    const suspensions = await ctx.deps.db
      .selectFrom('teacher_suspensions')
      .selectAll()
      .where('teacher_id', '=', teacher.id)
      .execute();
    expect(suspensions).toMatchObject([{ kind: 'temporary', status: 'active', reason_code: 'meetings' }]);
    const suspendedMails = await mailsTo(teacher.id, 'teachers.status-changed');
    expect(suspendedMails).toHaveLength(1);
    expect(suspendedMails[0]!.subject).toMatch(/Suspension temporaire/);

    // No longer 'active': matching never proposes them; their current lessons go on.
    const active = await ctx.deps.db
      .selectFrom('teachers')
      .select('person_id')
      .where('status', '=', 'active')
      .execute();
    expect(active.map((t) => t.person_id)).not.toContain(teacher.id);
    const assignments = await ctx.deps.db
      .selectFrom('assignments')
      .select('ended_on')
      .where('teacher_id', '=', teacher.id)
      .execute();
    expect(assignments).toEqual([{ ended_on: null }]);
    const teacherView = (await teacher.agent.get(`/api/teachers/${teacher.id}/profile`)).json();
    expect(teacherView).toMatchObject({ status: 'suspended', statusReason: 'meetings' });

    // Meeting 4: a suspended teacher is still invited, answers yes from the portal, attends.
    const fourth = await scheduleMeeting(2);
    await invite(fourth, [teacher.id]);
    const invitations = (await teacher.agent.get(`/api/teachers/${teacher.id}/meeting-invitations`)).json();
    const open = invitations.find((i: { meeting: { id: string } }) => i.meeting.id === fourth);
    expect(open).toMatchObject({ response: null, canAnswer: true });
    expect(
      (await teacher.agent.post(`/api/meeting-invitations/${open.invitationId}/answer`, { answer: 'yes' })).json(),
    ).toMatchObject({ response: 'yes' });
    ctx.clock.advanceMinutes(2 * 24 * 60 + 30);
    await attendance(fourth, [{ teacherId: teacher.id, attended: true }]);

    expect(await teacherStatus(teacher.id)).toEqual({ status: 'active', status_reason: null });
    const lifted = await ctx.deps.db
      .selectFrom('teacher_suspensions')
      .selectAll()
      .where('teacher_id', '=', teacher.id)
      .executeTakeFirstOrThrow();
    expect(lifted).toMatchObject({ status: 'lifted', end_reason: 'attended' });
    const mails = await mailsTo(teacher.id, 'teachers.status-changed');
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/Suspension/), 'Votre suspension est levée']);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', teacher.id)
      .where('action', 'in', ['status-change', 'suspension-created', 'suspension-lifted'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'status-change',
      'status-change',
      'suspension-created',
      'suspension-lifted',
    ]);

    // Attending once is enough for good: more missed meetings never suspend again.
    for (let n = 0; n < 3; n += 1) {
      const meeting = await scheduleMeeting(1);
      await invite(meeting, [teacher.id]);
      ctx.clock.advanceDays(2);
      await attendance(meeting, [{ teacherId: teacher.id, attended: false }]);
    }
    await runSweeps(ctx.deps);
    expect(await teacherStatus(teacher.id)).toMatchObject({ status: 'active' });
  });

  it('suspends as soon as attendance is recorded for the third missed meeting (no sweep needed)', async () => {
    const teacher = await teacherWithLogin(ctx, 'Pressée');
    for (let n = 0; n < 3; n += 1) {
      const meeting = await scheduleMeeting(1);
      await invite(meeting, [teacher.id]);
      ctx.clock.advanceDays(2);
      await attendance(meeting, [{ teacherId: teacher.id, attended: false }]);
    }
    expect(await teacherStatus(teacher.id)).toEqual({ status: 'suspended', status_reason: 'meetings' });
  });
});

describe('meeting invitations', () => {
  it('invites every teacher who never attended, skipping those already invited and those excluded', async () => {
    const a = await teacherWithLogin(ctx, 'Nouvelle');
    const meeting = await scheduleMeeting(3);
    const first = await followup.post(`/api/meetings/${meeting}/invitations`, { mode: 'never-attended' });
    const invitedIds = first.json().invitations.map((i: { teacherId: string }) => i.teacherId);
    expect(invitedIds).toContain(a.id);
    const again = await followup.post(`/api/meetings/${meeting}/invitations`, { mode: 'never-attended' });
    expect(again.json().invitations).toHaveLength(invitedIds.length);
    expect(await mailsTo(a.id, 'teachers.meeting-invitation')).toHaveLength(1);
  });

  it('lets the teacher answer once from the e-mail link, without logging in', async () => {
    const t = await teacherWithLogin(ctx, 'Lien');
    const meeting = await scheduleMeeting(3);
    await invite(meeting, [t.id]);
    const person = await ctx.deps.db.selectFrom('people').select('email').where('id', '=', t.id).executeTakeFirst();
    const token = ctx.mailbox.linkTo(person?.email ?? '', '/meeting-answer/').split('/meeting-answer/')[1] ?? '';
    const info = await anonymous(ctx).get(`/api/links/meeting-invitations/${token}`);
    expect(info.json()).toMatchObject({ canAnswer: true, meeting: { id: meeting, facilitator: 'Fanny Suivi' } });
    const answer = await anonymous(ctx).post(`/api/links/meeting-invitations/${token}`, { answer: 'no' });
    expect(answer.json()).toMatchObject({ response: 'no' });
    const reuse = await anonymous(ctx).post(`/api/links/meeting-invitations/${token}`, { answer: 'yes' });
    expect(reuse.statusCode).toBe(410);
    expect(
      (await anonymous(ctx).post('/api/links/meeting-invitations/not-a-real-token-at-all-xxxxxxxx', { answer: 'yes' }))
        .statusCode,
    ).toBe(410);
    // The portal still lets them change their mind.
    const [inv] = (await t.agent.get(`/api/teachers/${t.id}/meeting-invitations`)).json();
    expect(
      (await t.agent.post(`/api/meeting-invitations/${inv.invitationId}/answer`, { answer: 'yes' })).json(),
    ).toMatchObject({ response: 'yes' });
  });

  it('refuses a yes beyond capacity, answers for someone else, and attendance before the meeting', async () => {
    const a = await teacherWithLogin(ctx, 'Rapide');
    const b = await teacherWithLogin(ctx, 'Lente');
    const meeting = await scheduleMeeting(3, 1);
    const detail = await invite(meeting, [a.id, b.id]);
    const invA = detail.invitations.find((i: { teacherId: string }) => i.teacherId === a.id).id;
    const invB = detail.invitations.find((i: { teacherId: string }) => i.teacherId === b.id).id;
    expect((await b.agent.post(`/api/meeting-invitations/${invA}/answer`, { answer: 'no' })).statusCode).toBe(403);
    expect((await b.agent.get(`/api/teachers/${a.id}/meeting-invitations`)).statusCode).toBe(403);
    expect((await a.agent.post(`/api/meeting-invitations/${invA}/answer`, { answer: 'yes' })).statusCode).toBe(200);
    const full = await b.agent.post(`/api/meeting-invitations/${invB}/answer`, { answer: 'yes' });
    expect(full.json()).toMatchObject({ code: 'MEETING_FULL' });
    const early = await followup.put(`/api/meetings/${meeting}/attendance`, {
      attendance: [{ teacherId: a.id, attended: true }],
    });
    expect(early.json()).toMatchObject({ code: 'MEETING_NOT_STARTED' });
  });

  it('is scheduled by followup only and never shown to families', async () => {
    const sales = await staff(ctx, ['sales']);
    const res = await sales.post('/api/meetings', {
      subject: 'X',
      startsAt: '2030-01-01T10:00:00Z',
      durationMinutes: 60,
      place: 'Ici',
      facilitator: 'Moi',
      capacity: 5,
    });
    expect(res.statusCode).toBe(403);
    expect((await sales.get('/api/meetings')).statusCode).toBe(200);
    const family = await makeFamily(ctx.deps);
    const guardian = await makeUser(ctx.deps, ['guardian'], { personId: family.guardians[0]!.id });
    const agent = await loginAs(ctx, guardian.email);
    expect((await agent.get('/api/meetings')).statusCode).toBe(403);
    const noPlace = await followup.post('/api/meetings', {
      subject: 'X',
      startsAt: '2030-01-01T10:00:00Z',
      durationMinutes: 60,
      facilitator: 'Moi',
      capacity: 5,
    });
    expect(noPlace.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'place', code: 'place_or_video' }],
    });
  });
});
