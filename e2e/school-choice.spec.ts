import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { makeUser, TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { makePlace } from '../apps/api/src/testing/factories.js';
import { promoteWaitingLists } from '../apps/api/src/modules/schools/choice.service.js';
import { choiceSchool, registeredFamily } from '../apps/api/src/modules/schools/choice.test-support.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
const clock = new TestClock('2027-06-25T08:00:00.000Z');
beforeAll(async () => {
  // After the priority window (the season's opening date, below): every family's wave is open.
  server = await startServer({ demo: false, clock });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function familyPage(userEmail: string): Promise<Page> {
  const page = await newPage(browser, { mobile: true });
  await loginThroughUi(page, server.url, userEmail, TEST_PASSWORD);
  await page.goto(`${server.url}/family/choice`);
  await page.getByRole('heading', { level: 1, name: 'Choix des horaires' }).waitFor();
  return page;
}

async function pick(page: Page, course: RegExp) {
  const select = page.getByLabel(/^Cours/);
  const value = await select.locator('option', { hasText: course }).getAttribute('value');
  await select.selectOption(value ?? '');
  await page.getByRole('button', { name: 'Choisir ce cours' }).click();
}

describe('timetable choice in the browser', () => {
  it('gives a new family a seat; on a full course’s waiting list the freed seat’s offer expires for one family and goes to the next', async () => {
    const school = await choiceSchool(server.deps, { capacities: [1, 1], opensAt: '2027-06-20T00:00:00.000Z' });
    const holder = await registeredFamily(server.deps, school, '2027-05-01T09:00:00.000Z');
    const first = await registeredFamily(server.deps, school, '2027-05-01T10:00:00.000Z');
    const second = await registeredFamily(server.deps, school, '2027-05-01T11:00:00.000Z');
    const third = await registeredFamily(server.deps, school, '2027-05-01T12:00:00.000Z');
    // The second course's only seat is taken.
    const seatId = await makePlace(server.deps.db, {
      course_id: school.courseIds[1]!,
      student_id: holder.studentId,
      family_id: holder.familyId,
      created_at: '2027-06-24T08:00:00.000Z',
    });

    const one = await familyPage(first.userEmail);
    await one.getByText('Votre vague est ouverte.').waitFor();
    await pick(one, /Cycle 1.*1 place/);
    await one.getByText('place confirmée', { exact: true }).waitFor();
    await expectAccessible(one, 'choice page with a confirmed place');
    await one.context().close();

    // Both join the full course's waiting list, which keeps the order of joining: the third family, then the second.
    const three = await familyPage(third.userEmail);
    await pick(three, /Cycle 2.*complet/);
    await three.getByRole('button', { name: 'Rejoindre la liste d’attente' }).click();
    await three.getByText('position 1 sur la liste').waitFor();
    clock.set('2027-06-25T09:00:00.000Z');
    const two = await familyPage(second.userEmail);
    await pick(two, /Cycle 2.*complet/);
    await two.getByText('Ce cours est complet : vous pouvez vous inscrire sur sa liste d’attente.').waitFor();
    await expectAccessible(two, 'choice page with a full course');
    await two.getByRole('button', { name: 'Rejoindre la liste d’attente' }).click();
    await two.getByText('position 2 sur la liste').waitFor();

    // The holder's place is cancelled elsewhere; the sweep offers the seat to the first waiting.
    await server.deps.db
      .updateTable('course_enrolments')
      .set({ status: 'cancelled' })
      .where('id', '=', seatId)
      .execute();
    expect((await promoteWaitingLists(server.deps)).offered).toBe(1);
    await three.reload();
    await three.getByText('place proposée', { exact: true }).waitFor();
    // The third family lets its offer lapse (3 days by default): the next sweep offers the seat to the second.
    clock.set('2027-06-29T08:00:00.000Z');
    expect(await promoteWaitingLists(server.deps)).toMatchObject({ expired: 1, offered: 1 });
    // Four days on, the sessions opened above have lapsed: each family signs in again.
    await three.context().close();
    const threeLater = await familyPage(third.userEmail);
    await threeLater.getByText('proposition expirée').waitFor();
    await threeLater.context().close();
    // The secretariat sees the open offer and its expiry in the course's waiting list, on a phone.
    const staff = await newPage(browser, { mobile: true });
    await loginThroughUi(staff, server.url, (await makeUser(server.deps, ['secretariat'])).email, TEST_PASSWORD);
    await staff.goto(`${server.url}/office/courses/${school.courseIds[1]}`);
    const waiting = staff.getByRole('region', { name: 'Liste d’attente', exact: true });
    await waiting.getByText(/place proposée jusqu’au/).waitFor();
    await waiting.getByText(/place\(s\) libre\(s\) sur 1\./).waitFor();
    await expectAccessible(staff, 'course page with its waiting list');
    await staff.context().close();
    await two.context().close();
    const twoLater = await familyPage(second.userEmail);
    await twoLater.getByText('place proposée', { exact: true }).waitFor();
    await expectAccessible(twoLater, 'choice page with an offer');
    await twoLater.getByRole('button', { name: 'Accepter la place' }).click();
    await twoLater.getByText('Place acceptée.').waitFor();
    await twoLater.getByText('place confirmée', { exact: true }).waitFor();
    await twoLater.context().close();
  }, 240_000); // people sign in six times, one after the other
});
