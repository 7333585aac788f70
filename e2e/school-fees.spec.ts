import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';
import { makeUser, TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { makeFamily, makePlace, makeTeacher } from '../apps/api/src/testing/factories.js';
import { makeMandate } from '../apps/api/src/testing/billing-factories.js';
import { addDays } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { SYSTEM } from '../apps/api/src/platform/actor.js';
import { createFeesService } from '../apps/api/src/modules/schools/fees.service.js';
import { createSchoolsService } from '../apps/api/src/modules/schools/schools.service.js';
import { createBillingServices } from '../apps/api/src/modules/billing/billing.service.js';

let server: E2EServer;
let browser: Browser;
let email: string;

/** A season of three terms around today, its tariffs, a school with two courses, a family with two confirmed places. */
async function fixtures(s: E2EServer) {
  const { db } = s.deps;
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  const seasonId = newId();
  await db
    .insertInto('seasons')
    .values({
      id: seasonId,
      name: 'E2E-frais',
      starts_on: addDays(today, -30),
      ends_on: addDays(today, 215),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  const terms = [
    [-30, 30],
    [60, 120],
    [150, 210],
  ];
  await db
    .insertInto('season_terms')
    .values(
      terms.map(([from, to], i) => ({
        id: newId(),
        season_id: seasonId,
        name: `T${i + 1}`,
        starts_on: addDays(today, from as number),
        ends_on: addDays(today, to as number),
        position: i + 1,
      })),
    )
    .execute();
  const decisionId = newId();
  await db
    .insertInto('board_decisions')
    .values({
      id: decisionId,
      decided_on: addDays(today, -60),
      subject: 'Tarifs E2E',
      body_text: 'Le conseil adopte les tarifs.',
      kind: 'tariffs',
      votes_for: 5,
      votes_against: 0,
      abstentions: 0,
      members_present: 5,
      members_represented: 0,
      season_id: seasonId,
      recorded_by: 'Conseil',
      created_at: now,
    })
    .execute();
  await db
    .insertInto('season_tariffs')
    .values({
      decision_id: decisionId,
      season_id: seasonId,
      decided_on: addDays(today, -60),
      copied_from_season_id: null,
      membership_basis: 'family',
      membership_fee_cents: 3000,
      course_fees: JSON.stringify([
        { discipline: 'piano', durationMinutes: 30, feeCents: 45_000 },
        { discipline: 'music_theory', durationMinutes: 60, feeCents: 18_000 },
      ]),
      family_discounts: '[10]',
      solidarity_rates: '[]',
      created_at: now,
    })
    .execute();
  const schoolId = newId();
  await db
    .insertInto('schools')
    .values({
      id: schoolId,
      name: 'École E2E',
      address: JSON.stringify({ line1: '1 rue du Test', postalCode: '75011', city: 'Paris', country: 'FR' }),
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
  const teacher = (await makeTeacher(s.deps)).id;
  const family = await makeFamily(s.deps, {
    name: 'Frais',
    students: [
      { firstName: 'Léo', birthDate: '2015-04-02' },
      { firstName: 'Zoé', birthDate: '2017-06-12' },
    ],
  });
  for (const [index, [discipline, minutes]] of (
    [
      ['piano', 30],
      ['music_theory', 60],
    ] as const
  ).entries()) {
    const courseId = newId();
    await db
      .insertInto('courses')
      .values({
        id: courseId,
        season_id: seasonId,
        school_id: schoolId,
        discipline,
        kind: 'group',
        level: 'Cycle 1',
        age_min: null,
        age_max: null,
        teacher_id: teacher,
        room_id: null,
        video_link: 'https://visio.example.org/e2e',
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
    await makePlace(db, {
      course_id: courseId,
      student_id: family.students[index]!.id,
      family_id: family.id,
      created_at: now,
    });
  }
  const fees = createFeesService(s.deps, createSchoolsService(s.deps), createBillingServices(s.deps));
  await db.transaction().execute((tx) => fees.issueSeasonFees(tx, SYSTEM, family.id, seasonId));
  await makeMandate(s.deps, family.id);
  const user = await makeUser(s.deps, ['guardian'], { personId: family.guardians[0]!.id });
  return user.email;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  email = await fixtures(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('school fees in the family portal', () => {
  it('picks three SEPA instalments, then cancels a course before the deadline and sees its credit note (fr)', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, email, TEST_PASSWORD);
    await page.goto(`${server.url}/family/school-fees`);
    await page.getByRole('heading', { level: 1, name: 'Frais de scolarité et annulations' }).waitFor();
    await expectAccessible(page, 'school fees page');
    const plan = page.getByRole('form', { name: 'Mode de paiement' });
    await plan.getByLabel('Nombre d’échéances').selectOption('three');
    await plan.getByLabel('Moyen de paiement').selectOption('sepa');
    await plan.getByRole('button', { name: 'Valider ce mode de paiement' }).click();
    await page.getByText(/^Vous avez choisi : en trois fois, par prélèvement SEPA/).waitFor();
    await page
      .getByText(/· par prélèvement SEPA$/)
      .nth(2)
      .waitFor();

    const cancel = page.getByRole('form', { name: 'Annuler un cours' });
    await cancel.getByLabel('Motif').fill('Trop de devoirs cette année');
    await cancel.getByRole('button', { name: 'Envoyer la demande d’annulation' }).click();
    await page.getByRole('heading', { name: 'Nos annulations' }).waitFor();
    await page.getByText(/Trop de devoirs cette année · reste dû .* \(A\d{4}-\d+\)/).waitFor();
    await page.getByText(/^Avoir A\d{4}-\d+/).waitFor();
    await expectAccessible(page, 'school fees after a cancellation');
  });
});
