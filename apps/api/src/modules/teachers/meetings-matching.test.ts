import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { runSweeps } from '../../platform/jobs.js';
import { makePlan, makeProfileTeacher, requestBody } from '../agency/agency.test-support.js';

/**
 * The two modules together: a teacher suspended for missed pedagogical meetings drops out of the candidates that
 * recruitment sees for a matching request, and comes back once their attendance is recorded.
 */
let ctx: TestContext;
let followupEmail = '';
let recruitmentEmail = '';
// Days pass between steps, longer than a session lives: each step logs in afresh.
const followup = (): Promise<Agent> => loginAs(ctx, followupEmail);
let teacherId = '';
let fileId = '';

beforeAll(async () => {
  ctx = await createTestApp();
  followupEmail = (await makeUser(ctx.deps, ['followup'])).email;
  recruitmentEmail = (await makeUser(ctx.deps, ['recruitment'])).email;
  const sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
  teacherId = await makeProfileTeacher(ctx.deps, { firstName: 'Inès', lastName: 'Absente' });
  const request = await sales.post('/api/requests', requestBody());
  expect(request.statusCode, request.body).toBe(201);
  fileId = (request.json() as { id: string }).id;
  expect((await sales.post(`/api/files/${fileId}/subscription`, { planId: await makePlan(ctx.deps) })).statusCode).toBe(
    200,
  );
});
afterAll(async () => ctx.close());

async function candidateIds(): Promise<string[]> {
  const res = await (await loginAs(ctx, recruitmentEmail)).get(`/api/requests/${fileId}/candidates`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { teacherId: string }[]).map((c) => c.teacherId);
}

async function meetingWith(attended: boolean): Promise<void> {
  const startsAt = new Date(ctx.clock.now().getTime() + 2 * 86_400_000).toISOString();
  const staff = await followup();
  const meeting = await staff.post('/api/meetings', {
    subject: 'Rencontre pédagogique',
    startsAt,
    durationMinutes: 120,
    place: 'Salle Rameau',
    facilitator: 'Fanny Suivi',
    capacity: 20,
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  const id = (meeting.json() as { id: string }).id;
  expect(
    (await staff.post(`/api/meetings/${id}/invitations`, { mode: 'chosen', teacherIds: [teacherId] })).statusCode,
  ).toBe(200);
  ctx.clock.advanceDays(3);
  expect(
    (await (await followup()).put(`/api/meetings/${id}/attendance`, { attendance: [{ teacherId, attended }] }))
      .statusCode,
  ).toBe(200);
}

describe('missed meetings and matching', () => {
  it('drops a teacher absent from three meetings out of the candidates, and brings them back after they attend', async () => {
    expect(await candidateIds()).toContain(teacherId);
    for (let n = 0; n < 3; n += 1) await meetingWith(false);
    await runSweeps(ctx.deps);
    expect(await candidateIds()).not.toContain(teacherId);
    await meetingWith(true);
    expect(await candidateIds()).toContain(teacherId);
  });
});
