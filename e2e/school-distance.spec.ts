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
  // Friday 15 November 2030: the fixture's course has no room, so its Wednesdays are held at distance; the 6th and
  // the 13th are held.
  server = await startServer({ demo: false, clock: new TestClock('2030-11-15T10:00:00.000Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a distance lesson in the browser', () => {
  it('lets the teacher post material, the student say "ok" from the e-mail without logging in, and shows them present', async () => {
    const school = await attendanceSchool(server.deps, 2030);
    const alma = await placedFamily(server.deps, school.courseId, 'confirmed', null, 'Alma');
    await placedFamily(server.deps, school.courseId, 'confirmed', null, 'Basile');

    const teacher = await newPage(browser);
    await loginThroughUi(teacher, server.url, school.teacherEmail, TEST_PASSWORD);
    await teacher.goto(`${server.url}/teacher/attendance`);
    const lesson = teacher.getByRole('region', { name: /6 nov/ });
    await lesson.getByRole('button', { name: 'Envoyer un support' }).click();
    await lesson.getByLabel('Consignes').fill('Jouez la gamme de sol, puis la pièce page 14.');
    await lesson.getByLabel('Lien (vidéo, partition…)').fill('https://video.example.org/cours-6');
    await lesson.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await lesson.getByText('0 « ok » sur 2', { exact: false }).waitFor();

    const guardian = await server.deps.db
      .selectFrom('people')
      .select('email')
      .where('family_id', '=', alma.familyId)
      .where('kind', '=', 'guardian')
      .executeTakeFirstOrThrow();
    let link = '';
    await expect
      .poll(() => {
        try {
          link = server.mailbox.linkTo(guardian.email!, '/ack/');
        } catch {
          link = '';
        }
        return link;
      })
      .not.toBe('');

    const family = await newPage(browser);
    await family.goto(link);
    await family.getByRole('heading', { level: 1, name: 'Cours à distance' }).waitFor();
    await family.getByText('Jouez la gamme de sol').waitFor();
    await expectAccessible(family, 'the distance lesson’s "ok" link');
    await family.getByRole('button', { name: 'Ok, c’est fait' }).click();
    await family.getByRole('status').filter({ hasText: 'Merci' }).waitFor();

    await teacher.reload();
    await lesson.getByText('1 « ok » sur 2', { exact: false }).waitFor();
    await expect.poll(() => lesson.getByRole('combobox', { name: /^Alma/ }).inputValue()).toBe('present');
    await expectAccessible(teacher, 'the teacher’s sheet with a distance lesson');
    await family.context().close();
    await teacher.context().close();
  });
});
