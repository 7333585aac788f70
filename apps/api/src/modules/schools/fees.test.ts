import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { addDays, TestClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { makeFamily, makePlace, makeTeacher } from '../../testing/factories.js';
import { configureBilling, makeMandate } from '../../testing/billing-factories.js';
import { createBillingServices } from '../billing/billing.service.js';
import type { Deps } from '../../platform/deps.js';

/*
 * School fees through billing and cancellations with term deadlines (issue 15, items 4 and 5). Each test builds
 * its own app: a season of three terms, the board's tariffs, two schools, and families whose places are confirmed
 * (the enrolment parts confirm them; here the rows are inserted).
 */
const TERMS = [
  ['T1', '2026-09-07', '2026-12-18'],
  ['T2', '2027-01-04', '2027-03-26'],
  ['T3', '2027-04-12', '2027-07-03'],
] as const;
const TARIFFS = {
  course_fees: [
    { discipline: 'piano', durationMinutes: 30, feeCents: 45_000 },
    { discipline: 'music_theory', durationMinutes: 60, feeCents: 18_000 },
  ],
  family_discounts: [10],
  solidarity_rates: [{ criterion: 'Quotient familial inférieur à 600 €', percent: 50 }],
};

let ctx: TestContext;
let seasonId: string;
let schools: { centre: string; nord: string };
let courses: { piano: string; theory: string; nordPiano: string };
const as: Record<string, Agent> = {};
const emails: Record<string, string> = {};

async function insertSchool(deps: Deps, name: string) {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('schools')
    .values({
      id,
      name,
      address: JSON.stringify({ line1: '1 rue de la Musique', postalCode: '75011', city: 'Paris', country: 'FR' }),
      postal_code: '75011',
      departement: '75',
      holiday_zone: 'C',
      phone: null,
      email: null,
      opening_hours: '[]',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

async function insertCourse(deps: Deps, schoolId: string, teacherId: string, discipline: string, minutes: number) {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('courses')
    .values({
      id,
      season_id: seasonId,
      school_id: schoolId,
      discipline,
      kind: 'group',
      level: 'Cycle 1',
      age_min: null,
      age_max: null,
      teacher_id: teacherId,
      room_id: null,
      video_link: 'https://visio.example.org/c',
      weekday: 3,
      start_time: '14:00',
      duration_minutes: minutes,
      capacity: 10,
      status: 'active',
      suspension_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

/** A confirmed place, as the enrolment parts leave it. */
async function confirmPlace(courseId: string, studentId: string, familyId: string, startsOn: string | null = null) {
  return makePlace(ctx.deps.db, {
    course_id: courseId,
    student_id: studentId,
    family_id: familyId,
    starts_on: startsOn,
    created_at: ctx.deps.clock.now().toISOString(),
  });
}

/** A family with two children and a guardian account, its places confirmed. */
async function family(name: string, places: { course: string; child: 0 | 1; startsOn?: string }[]) {
  const f = await makeFamily(ctx.deps, {
    name,
    students: [
      { firstName: 'Léo', birthDate: '2015-04-02' },
      { firstName: 'Zoé', birthDate: '2017-06-12' },
    ],
  });
  const guardian = f.guardians[0]!;
  const user = await makeUser(ctx.deps, ['guardian'], { personId: guardian.id });
  const enrolments = [];
  for (const p of places) enrolments.push(await confirmPlace(p.course, f.students[p.child]!.id, f.id, p.startsOn));
  emails[name] = user.email;
  as[name] = await loginAs(ctx, user.email);
  return {
    id: f.id,
    get agent() {
      return as[name] as Agent;
    },
    email: guardian.email as string,
    enrolments,
  };
}

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}
/** Moves the clock (sessions lapse over weeks: everyone signs in again). */
async function at(date: string) {
  ctx.clock.set(`${date}T08:00:00.000Z`);
  for (const [key, email] of Object.entries(emails)) as[key] = await loginAs(ctx, email);
}
const issue = (familyId: string, agent = as.secretariat!) =>
  status(agent.post(`/api/fees/families/${familyId}/seasons/${seasonId}/issue`, {}), 200);

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-08-20T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now().toISOString();
  seasonId = newId();
  await db
    .insertInto('seasons')
    .values({
      id: seasonId,
      name: '2026-2027',
      starts_on: '2026-09-01',
      ends_on: '2027-07-04',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await db
    .insertInto('season_terms')
    .values(
      TERMS.map(([name, start, end], i) => ({
        id: newId(),
        season_id: seasonId,
        name,
        starts_on: start,
        ends_on: end,
        position: i + 1,
      })),
    )
    .execute();
  const decisionId = newId();
  await db
    .insertInto('board_decisions')
    .values({
      id: decisionId,
      decided_on: '2026-06-20',
      subject: 'Tarifs 2026-2027',
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
      decided_on: '2026-06-20',
      copied_from_season_id: null,
      membership_basis: 'family',
      membership_fee_cents: 3000,
      course_fees: JSON.stringify(TARIFFS.course_fees),
      family_discounts: JSON.stringify(TARIFFS.family_discounts),
      solidarity_rates: JSON.stringify(TARIFFS.solidarity_rates),
      created_at: now,
    })
    .execute();
  schools = { centre: await insertSchool(ctx.deps, 'Centre'), nord: await insertSchool(ctx.deps, 'Nord') };
  const teacher = (await makeTeacher(ctx.deps)).id;
  courses = {
    piano: await insertCourse(ctx.deps, schools.centre, teacher, 'piano', 30),
    theory: await insertCourse(ctx.deps, schools.centre, teacher, 'music_theory', 60),
    nordPiano: await insertCourse(ctx.deps, schools.nord, teacher, 'piano', 30),
  };
  const secretary = await makeUser(ctx.deps, ['secretariat']);
  await db.insertInto('school_staff').values({ school_id: schools.centre, user_id: secretary.id }).execute();
  const nordSecretary = await makeUser(ctx.deps, ['secretariat']);
  await db.insertInto('school_staff').values({ school_id: schools.nord, user_id: nordSecretary.id }).execute();
  for (const key of Object.keys(emails)) delete emails[key];
  emails.secretariat = secretary.email;
  emails.nord = nordSecretary.email;
  emails.accounts = (await makeUser(ctx.deps, ['accounts'])).email;
  emails.board = (await makeUser(ctx.deps, ['board'])).email;
  for (const [key, email] of Object.entries(emails)) as[key] = await loginAs(ctx, email);
}, 60_000);
afterEach(async () => ctx?.close());

describe('school fees', () => {
  it('issues the membership and course fees from the board’s tariffs: discounts, solidarity, late start; once', async () => {
    const f = await family('Lambert', [
      { course: courses.piano, child: 0 },
      { course: courses.theory, child: 1, startsOn: '2027-01-10' },
    ]);
    await status(
      as.secretariat!.put(`/api/fees/families/${f.id}/seasons/${seasonId}/solidarity`, { criterion: 'Autre' }),
      422,
    );
    await status(
      as.secretariat!.put(`/api/fees/families/${f.id}/seasons/${seasonId}/solidarity`, {
        criterion: 'Quotient familial inférieur à 600 €',
      }),
      200,
    );
    const fees = await issue(f.id);
    // Membership 30 €; piano 450 € at 50 % = 225 €; theory 180 € less 10 % (second place) at 50 % = 81 €, 2 of 3 terms.
    const amounts = (kind: string) =>
      fees.items
        .filter((i: { kind: string }) => i.kind === kind)
        .map((i: { amountCents: number }) => i.amountCents)
        .sort((a: number, b: number) => a - b);
    expect(amounts('membership')).toEqual([3000]);
    expect(amounts('course')).toEqual([5400, 22_500]);
    expect(fees.totalCents).toBe(30_900);
    expect(fees.invoices).toHaveLength(1);
    expect(fees.invoices[0]).toMatchObject({ kind: 'invoice', amountCents: 30_900, status: 'open' });
    // Issuing again bills nothing twice.
    const again = await issue(f.id);
    expect(again.invoices).toHaveLength(1);
    const history = await status(as.secretariat!.get(`/api/history/family/${f.id}`), 200);
    expect(
      history.map((e: { action: string }) => e.action),
      JSON.stringify(history.map((e: { action: string }) => e.action)),
    ).toEqual(expect.arrayContaining(['school-fees-issued', 'solidarity-band-set']));
  });

  it('lets each family see only its own fees and a secretariat only its schools’ families', async () => {
    const a = await family('Aubert', [{ course: courses.piano, child: 0 }]);
    const b = await family('Blanc', [{ course: courses.nordPiano, child: 0 }]);
    await issue(a.id);
    expect((await status(a.agent.get('/api/fees/mine'), 200)).familyId).toBe(a.id);
    expect((await b.agent.get(`/api/fees/families/${a.id}/seasons/${seasonId}`)).statusCode).toBe(403);
    const cancel = { enrolmentId: a.enrolments[0], effectiveOn: '2026-09-01', reason: 'Déménagement' };
    expect((await b.agent.post('/api/fees/mine/cancellations', cancel)).statusCode).toBe(404);
    expect((await as.nord!.post(`/api/fees/families/${a.id}/seasons/${seasonId}/issue`, {})).statusCode).toBe(403);
    expect((await as.accounts!.get(`/api/fees/families/${a.id}/seasons/${seasonId}`)).statusCode).toBe(403);
    expect((await as.secretariat!.get('/api/fees/mine')).statusCode).toBe(403);
    // A family of the agency alone, without any place in a school: nothing to show, not an error.
    const agencyOnly = await makeFamily(ctx.deps, { name: 'Agence' });
    const agencyGuardian = await makeUser(ctx.deps, ['guardian'], { personId: agencyOnly.guardians[0]!.id });
    expect(await status((await loginAs(ctx, agencyGuardian.email)).get('/api/fees/mine'), 200)).toBeNull();
    const place = await ctx.deps.db
      .selectFrom('course_enrolments')
      .select('status')
      .where('id', '=', a.enrolments[0]!)
      .executeTakeFirstOrThrow();
    expect(place.status).toBe('confirmed');
  });

  it('puts a family paying by three SEPA instalments into the next batches with their pre-notification', async () => {
    await at('2026-09-20');
    const f = await family('Sepa', [{ course: courses.piano, child: 0 }]);
    await issue(f.id);
    const plan = { plan: 'three', method: 'sepa' };
    const refused = await status(f.agent.post('/api/fees/mine/plan', plan), 422);
    expect(refused.errors[0]).toMatchObject({ field: 'method', code: 'SEPA_MANDATE_REQUIRED' });
    await makeMandate(ctx.deps, f.id, { lastUsedOn: '2026-06-05', signedOn: '2026-06-01' });
    const fees = await status(f.agent.post('/api/fees/mine/plan', plan), 200);
    expect(fees.plan).toEqual({ plan: 'three', method: 'sepa', firstDueOn: '2026-10-05' });
    const instalments = fees.invoices[0].instalments;
    expect(instalments).toEqual([
      { dueOn: '2026-10-05', amountCents: 16_000, method: 'sepa', status: 'due' },
      { dueOn: '2026-11-05', amountCents: 16_000, method: 'sepa', status: 'due' },
      { dueOn: '2026-12-05', amountCents: 16_000, method: 'sepa', status: 'due' },
    ]);
    expect((await f.agent.post('/api/fees/mine/plan', { plan: 'ten', method: 'cheque' })).statusCode).toBe(409);
    const billing = createBillingServices(ctx.deps);
    for (const [due, collection] of [
      ['2026-10-05', '2026-10-05'],
      ['2026-11-05', '2026-11-05'],
      ['2026-12-05', '2026-12-07'],
    ] as const) {
      await at(addDays(due, -16));
      await billing.batches.preNotifyDue();
      const batch = await status(as.accounts!.post('/api/billing/batches', { collectionDate: collection }), 201);
      const mine = batch.included.filter((l: { familyId: string }) => l.familyId === f.id);
      expect(mine, `${collection} ${JSON.stringify(batch.excluded)}`).toHaveLength(1);
      const row = await ctx.deps.db
        .selectFrom('invoice_instalments')
        .select(['prenotified_at', 'prenotified_due_on', 'due_on'])
        .where('id', '=', mine[0].instalmentId)
        .executeTakeFirstOrThrow();
      expect(row.due_on).toBe(due);
      expect(row.prenotified_at).not.toBeNull();
      // Accounts export the batch (the bank takes the first debit), so the next one follows it.
      await status(as.accounts!.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version }), 200);
    }
    const notices = await ctx.deps.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', f.email)
      .where('template', '=', 'billing.pre-notification')
      .execute();
    expect(notices.length).toBeGreaterThanOrEqual(1);
  });
});

describe('cancellations', () => {
  it('credits the terms after the deadline met and frees the seat; past the last deadline it refuses per field', async () => {
    await at('2026-10-01');
    const f = await family('Collin', [
      { course: courses.piano, child: 0 },
      { course: courses.theory, child: 1 },
    ]);
    const fees = await issue(f.id);
    const piano = fees.items.find((i: { enrolmentId: string }) => i.enrolmentId === f.enrolments[0]);
    expect(fees.places[0].nextDeadline).toBe('2026-12-21');
    const done = await status(
      f.agent.post('/api/fees/mine/cancellations', {
        enrolmentId: f.enrolments[0],
        effectiveOn: '2026-12-18',
        reason: 'Trop de devoirs',
      }),
      201,
    );
    // Received before the second term's deadline: the first term stays owed, the two others are credited.
    expect(done.cancellations[0]).toMatchObject({
      owedCents: piano.amountCents / 3,
      creditCents: (piano.amountCents * 2) / 3,
    });
    expect(done.cancellations[0].creditNoteNumber).toMatch(/^A2026-/);
    expect(done.invoices.map((i: { kind: string }) => i.kind)).toEqual(['invoice', 'credit_note']);
    const place = await ctx.deps.db
      .selectFrom('course_enrolments')
      .selectAll()
      .where('id', '=', f.enrolments[0]!)
      .executeTakeFirstOrThrow();
    expect(place).toMatchObject({ status: 'cancelled', cancelled_on: '2026-12-18', cancel_reason: 'Trop de devoirs' });
    // Cancelled once only.
    expect(
      (
        await f.agent.post('/api/fees/mine/cancellations', {
          enrolmentId: f.enrolments[0],
          effectiveOn: '2026-12-18',
          reason: 'Encore',
        })
      ).statusCode,
    ).toBe(409);
    await at('2027-04-01');
    const late = await status(
      f.agent.post('/api/fees/mine/cancellations', {
        enrolmentId: f.enrolments[1],
        effectiveOn: '2027-04-02',
        reason: 'Fin',
      }),
      422,
    );
    expect(late.errors).toEqual([
      expect.objectContaining({ field: 'effectiveOn', code: 'CANCELLATION_DEADLINE_PASSED' }),
    ]);
    expect(late.errors[0].message).toContain('dernier trimestre');
  });

  it('accepts a cancellation under a special rule until its deadline, owing only lessons held, and tells families once', async () => {
    await at('2027-03-25');
    const f = await family('Dupuis', [{ course: courses.piano, child: 0 }]);
    const other = await family('Morel', [
      { course: courses.piano, child: 0 },
      { course: courses.theory, child: 1 },
    ]);
    await family('Nordiste', [{ course: courses.nordPiano, child: 0 }]);
    const fees = await issue(f.id);
    const amount = fees.items.find((i: { kind: string }) => i.kind === 'course').amountCents;
    const rule = {
      schoolId: schools.centre,
      seasonId,
      label: 'Cours non tenus non dus, annulations acceptées jusqu’au 30 avril',
      startsOn: '2027-04-01',
      endsOn: '2027-07-04',
      deadline: '2027-04-30',
    };
    expect((await as.nord!.post('/api/fees/special-rules', rule)).statusCode).toBe(403);
    const bad = await status(as.secretariat!.post('/api/fees/special-rules', { ...rule, deadline: '2027-08-01' }), 422);
    expect(bad.errors[0]).toMatchObject({ field: 'deadline', code: 'SPECIAL_RULE_DATES' });
    const created = await status(as.secretariat!.post('/api/fees/special-rules', rule), 201);
    expect(created.notifiedCount).toBe(2);
    const mails = await ctx.deps.db
      .selectFrom('outbox')
      .select('to_address')
      .where('template', '=', 'schools.cancellation-special-rule')
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([f.email, other.email].sort());
    await at('2027-04-20');
    const done = await status(
      f.agent.post('/api/fees/mine/cancellations', {
        enrolmentId: f.enrolments[0],
        effectiveOn: '2027-04-01',
        reason: 'Confinement',
      }),
      201,
    );
    const owed = Math.round((amount * (Date.parse('2027-04-01') - Date.parse('2026-09-07'))) / 86_400_000 / 300);
    expect(done.cancellations[0]).toMatchObject({
      specialRuleId: created.id,
      owedCents: owed,
      creditCents: amount - owed,
    });
  });

  it('moves the cancellation deadlines and due dates with a board deferral; a school’s policy grants make-up credits', async () => {
    await at('2027-02-01');
    const f = await family('Roux', [{ course: courses.piano, child: 0 }]);
    await issue(f.id);
    const before = await status(f.agent.get('/api/fees/mine'), 200);
    expect(before.places[0]).toMatchObject({ nextDeadline: '2027-03-29', makeUpCredits: 0 });
    await status(
      as.board!.post('/api/billing/deferrals', {
        decisionRef: 'CA 2027-01',
        decidedOn: '2027-01-30',
        reason: 'Fermeture sanitaire',
        fromDueOn: '2027-02-01',
        toDueOn: '2027-04-30',
        newDueOn: '2027-05-15',
      }),
      201,
    );
    await status(
      as.secretariat!.put(`/api/fees/schools/${schools.centre}/policy`, {
        cancellationNoticeDays: 14,
        makeupCredits: 2,
      }),
      200,
    );
    const after = await status(f.agent.get('/api/fees/mine'), 200);
    expect(after.places[0]).toMatchObject({ nextDeadline: '2027-05-15', makeUpCredits: 2 });
    expect(after.invoices[0].instalments[0].dueOn).toBe('2027-05-15');
    expect(
      (
        await as.nord!.put(`/api/fees/schools/${schools.centre}/policy`, {
          cancellationNoticeDays: 3,
          makeupCredits: 9,
        })
      ).statusCode,
    ).toBe(403);
  });
});
