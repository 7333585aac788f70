import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../../testing/harness.js';
import { makePlan, makeProfileTeacher, relaxRateLimit, requestBody } from '../agency.test-support.js';
import { runFollowupSweep } from './followup.sweep.js';

let ctx: TestContext;
let planId: string;
const emails: Record<string, string> = {};
async function agent(role: 'sales' | 'recruitment' | 'followup' | 'admin'): Promise<Agent> {
  return loginAs(ctx, emails[role] as string);
}
beforeAll(async () => {
  ctx = await createTestApp();
  await relaxRateLimit(ctx.deps);
  for (const role of ['sales', 'recruitment', 'followup', 'admin'] as const)
    emails[role] = (await makeUser(ctx.deps, [role])).email;
  planId = await makePlan(ctx.deps);
});
afterAll(async () => ctx.close());

/** A file handed over on the current test date. */
async function handedOver() {
  const body = requestBody();
  const sales = await agent('sales');
  const fileId = ((await sales.post('/api/requests', body)).json() as { id: string }).id;
  await sales.post(`/api/files/${fileId}/subscription`, { planId });
  const teacherId = await makeProfileTeacher(ctx.deps, { email: `t-${fileId.slice(0, 8)}@example.org` });
  const res = await (await agent('recruitment')).post(`/api/files/${fileId}/handover`, { teacherId });
  expect(res.statusCode, res.body).toBe(200);
  return { fileId, familyEmail: body.guardian.email, teacherEmail: `t-${fileId.slice(0, 8)}@example.org`, teacherId };
}

const mails = (to: string, template: string) =>
  ctx.deps.db.selectFrom('outbox').select('id').where('to_address', '=', to).where('template', '=', template).execute();
const tasks = (fileId: string, kind: string) =>
  ctx.deps.db.selectFrom('tasks').selectAll().where('file_id', '=', fileId).where('kind', '=', kind).execute();

describe('the follow-up sweep', () => {
  it('reminds both sides on the reminder days, once each even when two sweeps run at the same time', async () => {
    ctx.clock.set('2026-11-02T08:00:00.000Z');
    const f = await handedOver();
    ctx.clock.set('2026-11-03T08:00:00.000Z');
    await runFollowupSweep(ctx.deps);
    expect(await mails(f.familyEmail, 'agency.first-lesson-reminder')).toHaveLength(0);

    ctx.clock.set('2026-11-04T08:00:00.000Z'); // day 2
    await Promise.all([runFollowupSweep(ctx.deps), runFollowupSweep(ctx.deps)]);
    expect(await mails(f.familyEmail, 'agency.first-lesson-reminder')).toHaveLength(1);
    expect(await mails(f.teacherEmail, 'agency.first-lesson-reminder')).toHaveLength(1);
    await runFollowupSweep(ctx.deps);
    expect(await mails(f.familyEmail, 'agency.first-lesson-reminder')).toHaveLength(1);

    ctx.clock.set('2026-11-07T08:00:00.000Z'); // day 5
    await Promise.all([runFollowupSweep(ctx.deps), runFollowupSweep(ctx.deps)]);
    expect(await mails(f.familyEmail, 'agency.first-lesson-reminder')).toHaveLength(2);
  });

  it('alerts followup two days before the first debit when no first-lesson date is known, then flags the charge without lesson', async () => {
    ctx.clock.set('2026-10-01T08:00:00.000Z');
    const f = await handedOver(); // first debit by 2026-10-10
    ctx.clock.set('2026-10-07T08:00:00.000Z');
    await runFollowupSweep(ctx.deps);
    expect(await tasks(f.fileId, 'first-lesson-alert')).toHaveLength(0);
    ctx.clock.set('2026-10-08T08:00:00.000Z');
    await Promise.all([runFollowupSweep(ctx.deps), runFollowupSweep(ctx.deps)]);
    const alerts = await tasks(f.fileId, 'first-lesson-alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ service: 'followup', status: 'open' });
    expect(await tasks(f.fileId, 'no-lesson-while-billable')).toHaveLength(0);

    ctx.clock.set('2026-10-10T08:00:00.000Z');
    await Promise.all([runFollowupSweep(ctx.deps), runFollowupSweep(ctx.deps)]);
    expect(await tasks(f.fileId, 'no-lesson-while-billable')).toHaveLength(1);
    const followup = await agent('followup');
    const list = (await followup.get('/api/files?needsAction=today')).json() as {
      items: { id: string; noLessonWhileBillable: boolean }[];
    };
    expect(list.items.find((i) => i.id === f.fileId)?.noLessonWhileBillable).toBe(true);

    // The teacher records a lesson: the flag and its task go.
    const teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: f.teacherId })).email);
    expect(
      (await teacher.post(`/api/files/${f.fileId}/lessons`, { date: '2026-10-09', minutes: 45, status: 'done' }))
        .statusCode,
    ).toBe(201);
    expect((await tasks(f.fileId, 'no-lesson-while-billable'))[0]?.status).toBe('done');
    const after = (await followup.get(`/api/files/${f.fileId}`)).json() as {
      noLessonWhileBillable: boolean;
      stage: string;
    };
    expect(after).toMatchObject({ noLessonWhileBillable: false, stage: 'ongoing' });

    // Check-ins: a week after the first lesson, then monthly.
    ctx.clock.set('2026-10-16T08:00:00.000Z');
    await runFollowupSweep(ctx.deps);
    ctx.clock.set('2026-11-15T08:00:00.000Z');
    await Promise.all([runFollowupSweep(ctx.deps), runFollowupSweep(ctx.deps)]);
    expect(await tasks(f.fileId, 'check-in')).toHaveLength(2);
  });

  it('runs on demand for followup and admin only', async () => {
    expect((await (await agent('followup')).post('/api/sweeps/run')).statusCode).toBe(200);
    expect((await (await agent('admin')).post('/api/sweeps/run')).statusCode).toBe(200);
    expect((await (await agent('sales')).post('/api/sweeps/run')).statusCode).toBe(403);
  });
});
