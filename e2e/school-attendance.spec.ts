import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { attendanceSchool, placedFamily } from '../apps/api/src/modules/schools/attendance.test-support.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  // Friday 15 November 2030 (ahead of the browser's own time, which the session cookie's expiry is read against):
  // the course's Wednesdays 6 and 13 November are held, the 20th and 27th are to come.
  server = await startServer({ demo: false, clock: new TestClock('2030-11-15T10:00:00.000Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('attendance sheets in the browser', () => {
  it('lets a teacher mark a sheet on a phone (all present, then one absent); the secretariat sees it filled, the family its child’s marks', async () => {
    const school = await attendanceSchool(server.deps, 2030);
    await placedFamily(server.deps, school.courseId, 'confirmed', null, 'Alma');
    const basileFamily = await placedFamily(server.deps, school.courseId, 'confirmed', null, 'Basile');

    const office = await newPage(browser);
    await loginThroughUi(office, server.url, school.secretary.email, TEST_PASSWORD);
    await office.goto(`${server.url}/office/attendance`);
    await office.getByRole('heading', { level: 1, name: 'Feuilles de présence de la période' }).waitFor();
    await office.getByText('1 feuille(s) à remplir sur 1.').waitFor();
    await expectAccessible(office, 'the secretariat’s sheets, one to fill');

    const phone = await newPage(browser, { mobile: true });
    await loginThroughUi(phone, server.url, school.teacherEmail, TEST_PASSWORD);
    await phone.goto(`${server.url}/teacher/attendance`);
    await phone.getByRole('heading', { level: 1, name: 'Feuilles de présence' }).waitFor();
    const allPresent = phone.getByRole('button', { name: 'Tous présents' });
    await allPresent.first().click();
    await phone.getByText('1 cours notés sur 2').waitFor();
    await allPresent.nth(1).click();
    await phone.getByText('2 cours notés sur 2').waitFor();
    const basile = phone.getByRole('combobox', { name: /^Basile/ }).nth(1);
    await basile.selectOption('absent');
    await phone.getByText('Présences enregistrées.').first().waitFor();
    await expectAccessible(phone, 'the teacher’s sheet on a phone');

    await office.reload();
    await office.getByText('0 feuille(s) à remplir sur 1.').waitFor();
    await office.getByLabel('Afficher aussi les feuilles remplies').check();
    await office.getByText('Remplie', { exact: true }).waitFor();
    await phone.context().close();
    await office.context().close();

    // Basile's guardian sees Basile's two marks, and nothing of Alma's.
    const guardian = await newPage(browser, { mobile: true });
    await loginThroughUi(guardian, server.url, basileFamily.guardianEmail, TEST_PASSWORD);
    await guardian.goto(`${server.url}/family/attendance`);
    await guardian.getByRole('heading', { level: 1, name: 'Présences de mes enfants' }).waitFor();
    const basileMarks = guardian.getByRole('region', { name: /^Basile/ });
    await basileMarks.getByRole('cell', { name: 'Absent', exact: true }).waitFor();
    await basileMarks.getByRole('cell', { name: 'Présent', exact: true }).waitFor();
    expect(await guardian.getByRole('region', { name: /^Alma/ }).count()).toBe(0);
    await expectAccessible(guardian, 'a family’s attendance on a phone');
    await guardian.context().close();
  });
});
