import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { hoursSchool } from '../apps/api/src/modules/schools/teacher-hours.test-support.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  // Tuesday 3 December 2030 (ahead of the browser's own time, which the session cookie's expiry is read against):
  // November's hours are last month's.
  server = await startServer({ demo: false, clock: new TestClock('2030-12-03T10:00:00.000Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('teachers’ hours in the browser', () => {
  it('shows last month’s replaced and unworked hours, logs a check-in call and downloads the CSV', async () => {
    // The replaced lesson is written straight into attendance_lessons with the colleague as its teacher.
    const school = await hoursSchool(server.deps, 2030);
    const now = server.deps.clock.now().toISOString();
    await server.deps.db
      .insertInto('teacher_contracts')
      .values({
        id: newId(),
        teacher_id: school.teacherId,
        school_id: school.schoolId,
        weekly_minutes: 180,
        valid_from: '2030-09-01',
        valid_to: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const page = await newPage(browser);
    await loginThroughUi(page, server.url, school.secretary.email, TEST_PASSWORD);
    await page.goto(`${server.url}/office/teacher-hours?month=2030-11`);
    await page.getByRole('heading', { level: 1, name: 'Heures des professeurs' }).waitFor();
    const own = page.getByRole('row', { name: /Paul Professeur/ });
    const cells = async (row: typeof own) => (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    // School, a week, contract, taught, given, received, by the school, closures, suspended, unworked, by the teacher.
    // November 2030's Mondays but the 11th: three lessons of the suspended course.
    expect(school.suspendedLessons).toBe(3);
    expect((await cells(own)).slice(1, 11)).toEqual([
      '3 h 00',
      '12 h 00',
      '1 h 00',
      '1 h 00',
      '0 h 00',
      '0 h 45',
      '1 h 00',
      '1 h 30',
      '3 h 15',
      '0 h 45',
    ]);
    const colleague = page.getByRole('row', { name: /Rémi Remplaçant/ });
    // Taught, given, received: the colleague held the replaced lesson.
    expect((await cells(colleague)).slice(3, 6)).toEqual(['1 h 00', '0 h 00', '1 h 00']);
    await expectAccessible(page, 'the secretariat’s teachers’ hours');

    await own.getByRole('button', { name: /Noter un appel/ }).click();
    await page.getByLabel(/Ce qui a été dit/).fill('Point mensuel sur les heures non travaillées.');
    await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await page.getByText('Appel noté dans le journal des contacts.').waitFor();
    await own.getByRole('cell', { name: '3 décembre 2030' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le CSV (paie)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('heures-professeurs-2030-11.csv');
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    const line = csv.split('\r\n').find((l) => l.includes(school.teacherId))!;
    expect(line.split(';').slice(4)).toEqual([
      '3,00',
      '12,00',
      '1,00',
      '1,00',
      '0,00',
      '0,75',
      '1,00',
      '1,50',
      '3,25',
      '0,75',
    ]);
    await page.context().close();
  });
});
