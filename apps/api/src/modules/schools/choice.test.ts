import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { writeSetting } from '../../platform/settings.js';
import { promoteWaitingLists } from './choice.service.js';
import { choiceSchool, registeredFamily } from './choice.test-support.js';

let ctx: TestContext;
let adminEmail = '';

beforeAll(async () => {
  ctx = await createTestApp();
  const at = ctx.clock.now().toISOString();
  await writeSetting(ctx.deps.db, 'schools.choiceWaveSize', 1, at);
  await writeSetting(ctx.deps.db, 'schools.choiceWaveIntervalHours', 24, at);
  await writeSetting(ctx.deps.db, 'schools.waitingOfferDays', 3, at);
  adminEmail = (await makeUser(ctx.deps, ['admin'])).email;
});
afterAll(async () => ctx.close());

const OPENS = '2027-06-20T00:00:00.000Z';
const sweep = () => promoteWaitingLists(ctx.deps);
const mails = (to: string, template: string) =>
  ctx.deps.db.selectFrom('outbox').select('id').where('to_address', '=', to).where('template', '=', template).execute();
const statusOf = async (id: string) =>
  (await ctx.deps.db.selectFrom('course_enrolments').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

type Family = Awaited<ReturnType<typeof registeredFamily>> & { agent: Agent };
async function family(school: { schoolId: string; seasonId: string }, completedAt: string): Promise<Family> {
  const f = await registeredFamily(ctx.deps, school, completedAt);
  return { ...f, agent: await loginAs(ctx, f.userEmail) };
}
/** Moves the clock; sessions opened weeks before have lapsed, so the families log in again. */
async function at(time: string, ...families: Family[]) {
  ctx.clock.set(time);
  for (const f of families) f.agent = await loginAs(ctx, f.userEmail);
}

describe('timetable choice in waves', () => {
  it('opens waves in rank order, refuses before with the opening date, and invites each wave once', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [5], opensAt: OPENS });
    const first = await family(school, '2027-05-01T10:00:00.000Z');
    const second = await family(school, '2027-05-02T10:00:00.000Z');
    const course = school.courseIds[0]!;

    const early = await first.agent.post('/api/portal/choice', { courseId: course, studentId: first.studentId });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CHOICE_WAVE_NOT_OPEN', opensAt: OPENS });
    expect(early.json().errors[0]).toMatchObject({ field: 'courseId' });
    expect(early.json().errors[0].message).toContain('2027');

    await at('2027-06-20T08:00:00.000Z', first, second);
    await Promise.all([sweep(), sweep()]);
    expect(await mails(first.email, 'schools.choice-wave-open')).toHaveLength(1);
    expect(await mails(second.email, 'schools.choice-wave-open')).toHaveLength(0);
    const taken = await first.agent.post('/api/portal/choice', { courseId: course, studentId: first.studentId });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().status).toBe('confirmed');
    const refused = await second.agent.post('/api/portal/choice', { courseId: course, studentId: second.studentId });
    expect(refused.json()).toMatchObject({ code: 'CHOICE_WAVE_NOT_OPEN', opensAt: '2027-06-21T00:00:00.000Z' });

    await at('2027-06-21T00:00:00.000Z', first, second);
    await Promise.all([sweep(), sweep()]);
    await sweep();
    expect(await mails(first.email, 'schools.choice-wave-open')).toHaveLength(1);
    expect(await mails(second.email, 'schools.choice-wave-open')).toHaveLength(1);
    const view = (await second.agent.get('/api/portal/choice')).json();
    expect(view.schools[0]).toMatchObject({ rank: 2, wave: 2, open: true });
    expect(
      (await second.agent.post('/api/portal/choice', { courseId: course, studentId: second.studentId })).statusCode,
    ).toBe(201);
  });

  it('answers a choice in a full course with the clear message, then puts the family on the waiting list', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [1], opensAt: OPENS });
    const a = await family(school, '2027-05-01T10:00:00.000Z');
    const b = await family(school, '2027-05-01T11:00:00.000Z');
    await at('2027-06-25T08:00:00.000Z', a, b);
    const course = school.courseIds[0]!;
    expect((await a.agent.post('/api/portal/choice', { courseId: course, studentId: a.studentId })).statusCode).toBe(
      201,
    );
    const full = await b.agent.post('/api/portal/choice', { courseId: course, studentId: b.studentId });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'COURSE_FULL' });
    expect(full.json().errors[0]).toMatchObject({ field: 'courseId', code: 'COURSE_FULL' });
    expect(full.json().errors[0].message).toMatch(/complet.*liste d’attente/);
    const english = await b.agent.post(
      '/api/portal/choice',
      { courseId: course, studentId: b.studentId },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.json().errors[0].message).toBe('This course is full: you may join its waiting list.');
    const joined = await b.agent.post('/api/portal/choice', {
      courseId: course,
      studentId: b.studentId,
      joinWaitingList: true,
    });
    expect(joined.json().status).toBe('waiting');
    const view = (await b.agent.get('/api/portal/choice')).json();
    expect(view.places).toEqual([expect.objectContaining({ status: 'waiting', position: 1, courseId: course })]);
    expect(view.schools[0].courses[0]).toMatchObject({ seatsLeft: 0, waiting: 1, open: false });
  });

  it('gives the last seat to one of two families choosing at the same time', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [1], opensAt: OPENS });
    const a = await family(school, '2027-05-01T10:00:00.000Z');
    const b = await family(school, '2027-05-01T10:00:00.000Z');
    await at('2027-06-25T08:00:00.000Z', a, b);
    const course = school.courseIds[0]!;
    const results = await Promise.all([
      a.agent.post('/api/portal/choice', { courseId: course, studentId: a.studentId }),
      b.agent.post('/api/portal/choice', { courseId: course, studentId: b.studentId }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const seats = await ctx.deps.db
      .selectFrom('course_enrolments')
      .select('id')
      .where('course_id', '=', course)
      .where('status', '=', 'confirmed')
      .execute();
    expect(seats).toHaveLength(1);
  });
});

describe('waiting lists', () => {
  /** A one-seat course taken by a first family, with two more waiting in turn (the second five minutes first). */
  async function fullCourseWithTwoWaiting() {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [1], opensAt: OPENS });
    const holder = await family(school, '2027-05-01T10:00:00.000Z');
    const second = await family(school, '2027-05-01T11:00:00.000Z');
    const third = await family(school, '2027-05-01T12:00:00.000Z');
    await at('2027-06-25T08:00:00.000Z', holder, second, third);
    const course = school.courseIds[0]!;
    const seat = (
      await holder.agent.post('/api/portal/choice', { courseId: course, studentId: holder.studentId })
    ).json() as { id: string };
    const join = async (f: Family) =>
      (
        await f.agent.post('/api/portal/choice', { courseId: course, studentId: f.studentId, joinWaitingList: true })
      ).json() as { id: string };
    const w2 = await join(second);
    ctx.clock.advanceMinutes(5);
    const w3 = await join(third);
    return { seat, second, third, w2, w3 };
  }

  it('offers a freed seat once even to two sweeps at once, and passes an expired offer to the next', async () => {
    const { seat, second, third, w2, w3 } = await fullCourseWithTwoWaiting();

    // Another part (a cancellation) frees the seat without telling: the sweep finds it.
    await ctx.deps.db.updateTable('course_enrolments').set({ status: 'cancelled' }).where('id', '=', seat.id).execute();
    const [r1, r2] = await Promise.all([sweep(), sweep()]);
    expect(r1.offered + r2.offered).toBe(1);
    expect(await statusOf(w2.id)).toBe('offered');
    expect(await statusOf(w3.id)).toBe('waiting');
    expect(await mails(second.email, 'schools.waiting-offer')).toHaveLength(1);
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', w2.id)
      .where('action', '=', 'offer-made')
      .execute();
    expect(audits).toHaveLength(1);
    const offered = (await second.agent.get('/api/portal/choice')).json();
    expect(offered.places[0]).toMatchObject({ status: 'offered', offerExpiresAt: '2027-06-28T08:05:00.000Z' });

    // Three days later the offer lapses: the next on the list gets it, once.
    await at('2027-06-28T08:05:00.000Z', second, third);
    const late = await second.agent.post(`/api/portal/choice/offers/${w2.id}`, { answer: 'accept' });
    expect(late.json()).toMatchObject({ code: 'OFFER_EXPIRED' });
    await Promise.all([sweep(), sweep()]);
    expect(await statusOf(w2.id)).toBe('expired');
    expect(await statusOf(w3.id)).toBe('offered');
    expect(await mails(third.email, 'schools.waiting-offer')).toHaveLength(1);
    const accepted = await third.agent.post(`/api/portal/choice/offers/${w3.id}`, { answer: 'accept' });
    expect(accepted.json()).toMatchObject({ status: 'confirmed' });
    await sweep();
    expect(await mails(third.email, 'schools.waiting-offer')).toHaveLength(1);
  });

  it('passes a declined offer to the next at once', async () => {
    const { seat, second, w2, w3 } = await fullCourseWithTwoWaiting();
    await ctx.deps.db.updateTable('course_enrolments').set({ status: 'released' }).where('id', '=', seat.id).execute();
    await sweep();
    const declined = await second.agent.post(`/api/portal/choice/offers/${w2.id}`, { answer: 'decline' });
    expect(declined.json()).toMatchObject({ status: 'declined' });
    expect(await statusOf(w3.id)).toBe('offered');
  });
});

describe('who sees what', () => {
  it('keeps each family to its own students and offers, and each secretariat to its own school', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [1], opensAt: OPENS });
    const other = await choiceSchool(ctx.deps, { capacities: [1], opensAt: OPENS });
    const a = await family(school, '2027-05-01T10:00:00.000Z');
    const b = await family(school, '2027-05-01T11:00:00.000Z');
    await at('2027-06-25T08:00:00.000Z', a, b);
    const course = school.courseIds[0]!;
    const forOther = await a.agent.post('/api/portal/choice', { courseId: course, studentId: b.studentId });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().errors[0]).toMatchObject({ field: 'studentId', code: 'NOT_OWN_STUDENT' });
    // Not enrolled at the other school: refused there.
    const elsewhere = await a.agent.post('/api/portal/choice', {
      courseId: other.courseIds[0],
      studentId: a.studentId,
    });
    expect(elsewhere.json().code).toBe('CHOICE_NOT_REGISTERED');

    const seat = (await a.agent.post('/api/portal/choice', { courseId: course, studentId: a.studentId })).json();
    const w = (
      await b.agent.post('/api/portal/choice', { courseId: course, studentId: b.studentId, joinWaitingList: true })
    ).json();
    await ctx.deps.db.updateTable('course_enrolments').set({ status: 'cancelled' }).where('id', '=', seat.id).execute();
    await sweep();
    expect((await a.agent.post(`/api/portal/choice/offers/${w.id}`, { answer: 'accept' })).statusCode).toBe(404);
    expect((await a.agent.get('/api/portal/choice')).json().places.map((p: { id: string }) => p.id)).not.toContain(
      w.id,
    );
    expect((await a.agent.get(`/api/courses/${course}/waiting-list`)).statusCode).toBe(403);
    expect((await (await loginAs(ctx, adminEmail)).get('/api/portal/choice')).statusCode).toBe(403);

    const mine = await makeUser(ctx.deps, ['secretariat']);
    const theirs = await makeUser(ctx.deps, ['secretariat']);
    await ctx.deps.db.insertInto('school_staff').values({ school_id: school.schoolId, user_id: mine.id }).execute();
    await ctx.deps.db.insertInto('school_staff').values({ school_id: other.schoolId, user_id: theirs.id }).execute();
    const list = await (await loginAs(ctx, mine.email)).get(`/api/courses/${course}/waiting-list`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ capacity: 1, seatsLeft: 0 });
    expect(list.json().entries).toEqual([expect.objectContaining({ id: w.id, status: 'offered', position: null })]);
    const denied = await (await loginAs(ctx, theirs.email)).get(`/api/courses/${course}/waiting-list`);
    expect(denied.json().code).toBe('SCHOOL_OUT_OF_SCOPE');
  });

  it('lets the secretariat set when a season without campaign opens', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [1], opensAt: null });
    const a = await family(school, '2027-05-01T10:00:00.000Z');
    const unknown = await a.agent.post('/api/portal/choice', { courseId: school.courseIds[0], studentId: a.studentId });
    expect(unknown.json().code).toBe('CHOICE_WINDOW_UNKNOWN');
    const secretary = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
    const set = await secretary.put(`/api/seasons/${school.seasonId}/choice-opening`, { opensAt: '2027-05-30' });
    expect(set.statusCode, set.body).toBe(200);
    const read = await secretary.get(`/api/seasons/${school.seasonId}/choice-opening`);
    expect(read.json()).toEqual({ seasonId: school.seasonId, opensAt: '2027-05-30', priorityDeadline: null });
    expect(
      (await a.agent.post('/api/portal/choice', { courseId: school.courseIds[0], studentId: a.studentId })).statusCode,
    ).toBe(201);
    expect(
      (await a.agent.put(`/api/seasons/${school.seasonId}/choice-opening`, { opensAt: '2027-05-30' })).statusCode,
    ).toBe(403);
  });
});
