import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { attendanceSchool } from '../apps/api/src/modules/schools/attendance.test-support.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  // Friday 15 November 2030: the feed covers 8 November to 10 January; the course's Wednesdays of the term (it ends on
  // 19 December) from the 13th of November.
  server = await startServer({ demo: false, clock: new TestClock('2030-11-15T10:00:00.000Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('calendar subscription in the browser', () => {
  it('lets a teacher make a private calendar link on a phone, which a calendar app then reads, until it is stopped', async () => {
    const school = await attendanceSchool(server.deps, 2030);
    const phone = await newPage(browser, { mobile: true });
    await loginThroughUi(phone, server.url, school.teacherEmail, TEST_PASSWORD);
    await phone.goto(`${server.url}/teacher/calendar`);
    await phone.getByRole('heading', { level: 1, name: 'Abonnement au calendrier' }).waitFor();
    const mine = phone.getByRole('region', { name: 'Mes cours et réunions' });
    await mine.getByText('Aucun lien pour le moment.').waitFor();
    await mine.getByRole('button', { name: 'Créer un lien' }).click();
    const link = mine.getByLabel('Lien à coller dans votre agenda (affiché une seule fois)');
    await link.waitFor();
    await mine.getByText('Votre agenda ne l’a pas encore lu.').waitFor();
    await expectAccessible(phone, 'the calendar subscription with a new link');
    const url = await link.inputValue();

    // What a calendar app gets, without a session.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const starts = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).startDate.toString());
    expect(starts).toEqual(
      ['2030-11-13', '2030-11-20', '2030-11-27', '2030-12-04', '2030-12-11', '2030-12-18'].map((d) => `${d}T17:00:00`),
    );

    // Stopped, the link no longer answers.
    await mine.getByRole('button', { name: 'Arrêter ce lien' }).click();
    await mine.getByText('Aucun lien pour le moment.').waitFor();
    expect((await fetch(url)).status).toBe(404);
    await phone.context().close();
  });
});
