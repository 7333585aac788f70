import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';
import { SYSTEM } from '../apps/api/src/platform/actor.js';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { createSchoolsService } from '../apps/api/src/modules/schools/schools.service.js';
import { createReenrolmentService } from '../apps/api/src/modules/schools/reenrolment.service.js';
import { insertCourse, insertPlace, insertSeason } from '../apps/api/src/modules/schools/reenrolment.fixtures.js';

/**
 * Issue 15, item 2 in the browser: a returning family of the demo opens its re-enrolment pack in the portal inside
 * the priority window and confirms; its seat stays confirmed after the deadline sweep.
 */
let server: E2EServer;
let browser: Browser;
const clock = new TestClock(new Date());
const ids = { course: '', student: '' };

beforeAll(async () => {
  server = await startServer({ clock });
  browser = await launchBrowser();
  // Fixture: the demo family's student had a confirmed place last season; its course continues next season.
  const db = server.deps.db;
  const guardian = await db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select('people.family_id')
    .where('users.email', '=', 'family@demo.example.org')
    .executeTakeFirstOrThrow();
  const student = await db
    .selectFrom('people')
    .select(['id'])
    .where('kind', '=', 'student')
    .where('family_id', '=', guardian.family_id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // A course nobody of the demo has a place in (the demo's own campaign holds seats of others until its deadline).
  const course = await db
    .selectFrom('courses')
    .selectAll()
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('course_enrolments as e').select('e.id').whereRef('e.course_id', '=', 'courses.id')),
      ),
    )
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const next = await insertSeason(db, '2098-2099', '2098-09-01', '2099-07-01');
  await insertPlace(db, course.id, student.id, guardian.family_id!);
  ids.course = await insertCourse(db, {
    seasonId: next,
    schoolId: course.school_id,
    teacherId: course.teacher_id,
    discipline: course.discipline,
    kind: course.kind,
    level: course.level,
  });
  ids.student = student.id;
  const service = createReenrolmentService(server.deps, createSchoolsService(server.deps));
  await service.open(SYSTEM, { fromSeasonId: course.season_id, toSeasonId: next });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('re-enrolment in the family portal', () => {
  it('confirms the pack inside the window, and the seat stays confirmed after the deadline sweep', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'family@demo.example.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Réinscriptions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Réinscriptions' }).waitFor();
    await page.getByText(/Place gardée jusqu’au/).waitFor();
    await expectAccessible(page, 're-enrolment pack');
    await page.getByLabel('Confirmer la réinscription').check();
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await page.getByText('Réinscription confirmée.').waitFor();
    await expectAccessible(page, 're-enrolment answered');
    await page.context().close();

    clock.set(new Date(clock.now().getTime() + 40 * 86_400_000));
    const sweep = await createReenrolmentService(server.deps, createSchoolsService(server.deps)).sweep();
    expect(sweep.seatsReleased).toBe(0);
    const place = await server.deps.db
      .selectFrom('course_enrolments')
      .select('status')
      .where('course_id', '=', ids.course)
      .where('student_id', '=', ids.student)
      .executeTakeFirstOrThrow();
    expect(place.status).toBe('confirmed');
  });
});
