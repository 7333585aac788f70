import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { configureBilling, makeMandate } from '../../testing/billing-factories.js';
import { makeFamily, makeTeacher } from '../../testing/factories.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { writeSetting } from '../../platform/settings.js';
import { createBillingServices } from '../billing/billing.service.js';
import { promoteWaitingLists } from './choice.service.js';
import { choiceSchool, registeredFamily } from './choice.test-support.js';
import { insertCourse, insertPlace, insertSchool, insertSeason } from './reenrolment.fixtures.js';

/**
 * "Enrolment issues the season's fees" (issue 15, item 4): a place confirmed by a timetable choice, an accepted
 * offer or a re-enrolment pack (portal or no-login link) issues the family's fees in the same transaction; before
 * the tariffs are voted the confirmation stands and the fees wait for the secretariat. Fees issued after the
 * family chose its plan follow the plan's dates; a cancellation's credit keeps the plan's schedule. Both engines;
 * each test has its own school and season.
 */
let ctx: TestContext;
const OPENS = '2027-06-20T00:00:00.000Z';

beforeAll(async () => {
  ctx = await createTestApp();
  await configureBilling(ctx.deps, { noticeDays: 14 });
  const at = ctx.clock.now().toISOString();
  await writeSetting(ctx.deps.db, 'schools.choiceWaveSize', 50, at);
  await writeSetting(ctx.deps.db, 'schools.waitingOfferDays', 3, at);
});
afterAll(async () => ctx?.close());

/** The board's vote of a season's tariffs (piano 30 and 60 minutes), with the season's three terms. */
async function voteTariffs(seasonId: string, year: number) {
  const db = ctx.deps.db;
  const now = ctx.clock.now().toISOString();
  const decisionId = newId();
  await db
    .insertInto('board_decisions')
    .values({
      id: decisionId,
      decided_on: `${year}-06-01`,
      subject: 'Tarifs',
      body_text: 'Le conseil adopte les tarifs.',
      kind: 'tariffs',
      votes_for: 9,
      votes_against: 0,
      abstentions: 0,
      members_present: 9,
      members_represented: 0,
      season_id: seasonId,
      recorded_by: 'Secrétaire du conseil',
      created_at: now,
    })
    .execute();
  await db
    .insertInto('season_tariffs')
    .values({
      decision_id: decisionId,
      season_id: seasonId,
      decided_on: `${year}-06-01`,
      copied_from_season_id: null,
      membership_basis: 'family',
      membership_fee_cents: 3000,
      course_fees: JSON.stringify([
        { discipline: 'piano', durationMinutes: 60, feeCents: 36_000 },
        { discipline: 'piano', durationMinutes: 30, feeCents: 45_000 },
      ]),
      family_discounts: JSON.stringify([]),
      solidarity_rates: JSON.stringify([]),
      created_at: now,
    })
    .execute();
}

async function addTerms(seasonId: string, year: number) {
  const terms = [
    ['T1', `${year}-09-06`, `${year}-12-17`],
    ['T2', `${year + 1}-01-03`, `${year + 1}-03-24`],
    ['T3', `${year + 1}-04-10`, `${year + 1}-07-01`],
  ];
  await ctx.deps.db
    .insertInto('season_terms')
    .values(
      terms.map(([name, start, end], i) => ({
        id: newId(),
        season_id: seasonId,
        name: name!,
        starts_on: start!,
        ends_on: end!,
        position: i + 1,
      })),
    )
    .execute();
}

type Family = Awaited<ReturnType<typeof registeredFamily>> & { agent: Agent };
async function family(school: { schoolId: string; seasonId: string }): Promise<Family> {
  const f = await registeredFamily(ctx.deps, school, '2027-05-01T10:00:00.000Z');
  return { ...f, agent: await loginAs(ctx, f.userEmail) };
}
async function at(time: string, ...families: Family[]) {
  ctx.clock.set(time);
  for (const f of families) f.agent = await loginAs(ctx, f.userEmail);
}
async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return res.body ? JSON.parse(res.body) : null;
}
type Fees = {
  items: { kind: string; amountCents: number; invoiceId: string; enrolmentId: string | null }[];
  invoices: {
    id: string;
    kind: string;
    amountCents: number;
    instalments: { dueOn: string; amountCents: number; method: string; status: string }[];
  }[];
};
const feesOf = async (f: { agent: Agent }, seasonId: string): Promise<Fees> =>
  status(f.agent.get(`/api/fees/mine?seasonId=${seasonId}`), 200);
const due = (invoice: Fees['invoices'][number] | undefined) =>
  (invoice?.instalments ?? []).filter((i) => i.status === 'due').map((i) => [i.dueOn, i.amountCents]);

describe('a confirmed place issues the season’s fees', () => {
  it('issues them on a timetable choice and on an accepted offer, never for a waiting place', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [1], opensAt: OPENS });
    await voteTariffs(school.seasonId, 2027);
    await addTerms(school.seasonId, 2027);
    const first = await family(school);
    const second = await family(school);
    const course = school.courseIds[0]!;
    await at('2027-06-25T08:00:00.000Z', first, second);
    const chosen = await status(
      first.agent.post('/api/portal/choice', { courseId: course, studentId: first.studentId }),
      201,
    );
    expect(chosen.status).toBe('confirmed');
    const fees = await feesOf(first, school.seasonId);
    expect(fees.items.map((i) => [i.kind, i.amountCents]).sort()).toEqual([
      ['course', 36_000],
      ['membership', 3000],
    ]);
    // No plan chosen yet: one transfer on the season's first day.
    expect(fees.invoices[0]).toMatchObject({ kind: 'invoice', amountCents: 39_000 });
    expect(due(fees.invoices[0])).toEqual([['2027-09-01', 39_000]]);

    const waiting = { courseId: course, studentId: second.studentId, joinWaitingList: true };
    expect((await status(second.agent.post('/api/portal/choice', waiting), 201)).status).toBe('waiting');
    expect((await feesOf(second, school.seasonId)).items).toEqual([]);
    // The first family cancels before the first term's deadline: the seat goes to the second as an offer.
    await status(
      first.agent.post('/api/fees/mine/cancellations', {
        enrolmentId: chosen.id,
        effectiveOn: '2027-06-25',
        reason: 'Déménagement',
      }),
      201,
    );
    await promoteWaitingLists(ctx.deps);
    const offer = await ctx.deps.db
      .selectFrom('course_enrolments')
      .select('id')
      .where('student_id', '=', second.studentId)
      .where('status', '=', 'offered')
      .executeTakeFirstOrThrow();
    await status(second.agent.post(`/api/portal/choice/offers/${offer.id}`, { answer: 'accept' }), 200);
    const accepted = await feesOf(second, school.seasonId);
    expect(accepted.items.map((i) => i.enrolmentId)).toContain(offer.id);
    expect(accepted.invoices).toHaveLength(1);
  });

  it('confirms before the tariffs are voted, fees to be issued by the secretariat once voted', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [3], opensAt: OPENS });
    const f = await family(school);
    await at('2027-06-25T08:00:00.000Z', f);
    const chosen = await status(
      f.agent.post('/api/portal/choice', { courseId: school.courseIds[0], studentId: f.studentId }),
      201,
    );
    expect(chosen.status).toBe('confirmed');
    expect((await feesOf(f, school.seasonId)).invoices).toEqual([]);
    await voteTariffs(school.seasonId, 2027);
    await addTerms(school.seasonId, 2027);
    const secretary = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
    const issued = await status(
      secretary.post(`/api/fees/families/${f.familyId}/seasons/${school.seasonId}/issue`, {}),
      200,
    );
    expect(issued.invoices).toHaveLength(1);
    expect(issued.totalCents).toBe(39_000);
  });

  it('confirms for a family without a billing address, with a secretariat task closed once the fees are issued', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [3], opensAt: OPENS });
    await voteTariffs(school.seasonId, 2027);
    await addTerms(school.seasonId, 2027);
    const f = await family(school);
    await ctx.deps.db
      .updateTable('families')
      .set({ billing_line1: null, billing_postal_code: null, billing_city: null })
      .where('id', '=', f.familyId)
      .execute();
    await at('2027-06-25T08:00:00.000Z', f);
    const choose = { courseId: school.courseIds[0], studentId: f.studentId };
    expect((await status(f.agent.post('/api/portal/choice', choose), 201)).status).toBe('confirmed');
    expect((await feesOf(f, school.seasonId)).invoices).toEqual([]);
    const tasksOf = () =>
      ctx.deps.db
        .selectFrom('tasks')
        .select(['status', 'service', 'outcome'])
        .where('kind', '=', 'school-fees-payer')
        .where('family_id', '=', f.familyId)
        .execute();
    expect(await tasksOf()).toEqual([{ status: 'open', service: 'secretariat', outcome: null }]);

    await ctx.deps.db
      .updateTable('families')
      .set({ billing_line1: '3 rue des Lilas', billing_postal_code: '69003', billing_city: 'Lyon' })
      .where('id', '=', f.familyId)
      .execute();
    const secretary = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
    await status(secretary.post(`/api/fees/families/${f.familyId}/seasons/${school.seasonId}/issue`, {}), 200);
    expect(await tasksOf()).toEqual([{ status: 'done', service: 'secretariat', outcome: 'issued' }]);
  });

  it('issues them on a re-enrolment confirmation in the portal and by the link, the membership once', async () => {
    ctx.clock.set('2028-05-02T08:00:00.000Z');
    const db = ctx.deps.db;
    const schoolId = await insertSchool(db, `Est ${newId().slice(0, 6)}`);
    const last = await insertSeason(db, `L-${newId().slice(0, 8)}`, '2027-09-01', '2028-07-02');
    const next = await insertSeason(db, `N-${newId().slice(0, 8)}`, '2028-09-01', '2029-07-01');
    await voteTariffs(next, 2028);
    await addTerms(next, 2028);
    const teacherId = (await makeTeacher(ctx.deps)).id;
    const lastCourse = await insertCourse(db, { seasonId: last, schoolId, teacherId });
    const nextCourse = await insertCourse(db, { seasonId: next, schoolId, teacherId });
    const f = await makeFamily(ctx.deps, {
      name: 'Renard',
      students: [
        { firstName: 'Léa', birthDate: '2015-04-02' },
        { firstName: 'Tom', birthDate: '2016-05-03' },
      ],
    });
    for (const s of f.students) await insertPlace(db, lastCourse, s.id, f.id);
    const agent = await loginAs(ctx, (await makeUser(ctx.deps, ['guardian'], { personId: f.guardians[0]!.id })).email);
    const secretary = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
    await status(secretary.post('/api/reenrolment/campaigns', { fromSeasonId: last, toSeasonId: next }), 201);
    const packs = (await status(agent.get('/api/reenrolment/packs'), 200)) as { id: string; studentName: string }[];
    const lea = packs.find((p) => p.studentName.startsWith('Léa'))!;
    const tom = packs.find((p) => p.studentName.startsWith('Tom'))!;
    await status(agent.post(`/api/reenrolment/packs/${lea.id}/answer`, { answer: 'confirmed' }), 200);
    const afterPortal = await feesOf({ agent }, next);
    expect(afterPortal.items.map((i) => [i.kind, i.amountCents]).sort()).toEqual([
      ['course', 45_000],
      ['membership', 3000],
    ]);
    const token = newSecret();
    await db
      .updateTable('reenrolment_packs')
      .set({ link_token_hash: hashSecret(token) })
      .where('id', '=', tom.id)
      .execute();
    await status(anonymous(ctx).post(`/api/reenrolment-links/${token}/answer`, { answer: 'confirmed' }), 200);
    const afterLink = await feesOf({ agent }, next);
    expect(afterLink.items.filter((i) => i.kind === 'membership')).toHaveLength(1);
    expect(afterLink.items.filter((i) => i.kind === 'course')).toHaveLength(2);
    expect(afterLink.invoices).toHaveLength(2);
    const places = await db
      .selectFrom('course_enrolments')
      .select('status')
      .where('course_id', '=', nextCourse)
      .execute();
    expect(places.map((p) => p.status)).toEqual(['confirmed', 'confirmed']);
  });
});

describe('the family’s payment plan and later changes', () => {
  it('spreads the plan over issued fees, gives a later place the plan’s dates left, and keeps them after a credit', async () => {
    ctx.clock.set('2027-06-01T08:00:00.000Z');
    const school = await choiceSchool(ctx.deps, { capacities: [5, 5], opensAt: OPENS });
    await voteTariffs(school.seasonId, 2027);
    await addTerms(school.seasonId, 2027);
    const f = await family(school);
    await makeMandate(ctx.deps, f.familyId, { signedOn: '2027-05-01', lastUsedOn: '2027-05-05' });
    await at('2027-06-25T08:00:00.000Z', f);
    const choose = (courseId: string) =>
      status(f.agent.post('/api/portal/choice', { courseId, studentId: f.studentId }), 201);
    await choose(school.courseIds[0]!);
    const planned = await status(
      f.agent.post(`/api/fees/mine/plan?seasonId=${school.seasonId}`, { plan: 'three', method: 'sepa' }),
      200,
    );
    expect(due(planned.invoices[0])).toEqual([
      ['2027-09-01', 13_000],
      ['2027-10-01', 13_000],
      ['2027-11-01', 13_000],
    ]);
    // A second course chosen after the first due date: its own invoice, on the plan's dates still ahead.
    await at('2027-09-10T08:00:00.000Z', f);
    const second = await choose(school.courseIds[1]!);
    const fees = await feesOf(f, school.seasonId);
    const later = fees.invoices.find((i) => i.id === fees.items.find((x) => x.enrolmentId === second.id)?.invoiceId);
    expect(later?.amountCents).toBe(36_000);
    expect(later?.instalments.every((i) => i.method === 'sepa')).toBe(true);
    expect(due(later)).toEqual([
      ['2027-10-01', 18_000],
      ['2027-11-01', 18_000],
    ]);
    // The notices go out for October; then the second course is cancelled after the first term's deadline: one
    // term owed (12,000), 24,000 credited, spread over the two instalments left, each notified again.
    await createBillingServices(ctx.deps).batches.preNotifyDue();
    await at('2027-09-20T08:00:00.000Z', f);
    await status(
      f.agent.post('/api/fees/mine/cancellations', {
        enrolmentId: second.id,
        effectiveOn: '2027-09-30',
        reason: 'Trop',
      }),
      201,
    );
    const after = await feesOf(f, school.seasonId);
    const reduced = after.invoices.find((i) => i.id === later?.id);
    expect(due(reduced)).toEqual([
      ['2027-10-01', 6000],
      ['2027-11-01', 6000],
    ]);
    const rows = await ctx.deps.db
      .selectFrom('invoice_instalments')
      .select(['due_on', 'amount_cents', 'status', 'prenotified_at', 'method'])
      .where('invoice_id', '=', later!.id)
      .where('status', '=', 'due')
      .orderBy('due_on')
      .execute();
    expect(rows.map((r) => [r.prenotified_at, r.method])).toEqual([
      [null, 'sepa'],
      [null, 'sepa'],
    ]);
    await createBillingServices(ctx.deps).batches.preNotifyDue();
    const notified = await ctx.deps.db
      .selectFrom('invoice_instalments')
      .select(['due_on', 'prenotified_amount_cents'])
      .where('invoice_id', '=', later!.id)
      .where('status', '=', 'due')
      .where('prenotified_at', 'is not', null)
      .execute();
    expect(notified).toEqual([{ due_on: '2027-10-01', prenotified_amount_cents: 6000 }]);
    // The first invoice kept its plan untouched.
    expect(due(after.invoices.find((i) => i.id === planned.invoices[0].id))).toHaveLength(3);
  });
});
