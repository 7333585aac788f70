import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { replacementSchool } from '../apps/api/src/modules/schools/replacements.test-support.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  // Friday 15 November 2030 (ahead of the browser's own time, which the session cookie's expiry is read against).
  server = await startServer({ demo: false, clock: new TestClock('2030-11-15T10:00:00.000Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a replacement in the browser', () => {
  it('lets the secretariat record an absence and assign a proposed substitute, who then sees the lessons', async () => {
    const school = await replacementSchool(server.deps, 2030);

    const office = await newPage(browser);
    await loginThroughUi(office, server.url, school.secretary.email, TEST_PASSWORD);
    await office.goto(`${server.url}/office/replacements`);
    await office.getByRole('heading', { level: 1, name: 'Remplacements' }).waitFor();
    await office.getByLabel('Professeur absent').selectOption(school.teacherId);
    await office.getByLabel('Premier jour').fill('2030-11-18');
    await office.getByLabel('Dernier jour').fill('2030-11-29');
    await office.getByRole('button', { name: 'Enregistrer l’absence' }).click();
    await office.getByText('Absence enregistrée.').first().waitFor();
    await office.getByText(/2 cours pendant l’absence/).waitFor();
    await office.getByRole('button', { name: 'Voir les remplaçants proposés' }).click();
    const proposal = office.getByRole('article', { name: 'Claire Libre' });
    await proposal.getByText('enseigne déjà le niveau « Chœur enfants »', { exact: false }).waitFor();
    await expectAccessible(office, 'the absence and its proposed substitutes');
    await proposal.getByRole('button', { name: 'Confirmer Claire Libre comme remplaçant' }).click();
    await office.getByText(/Remplacé par Claire Libre du 18 novembre 2030 au 29 novembre 2030/).waitFor();

    const substitute = await newPage(browser, { mobile: true });
    await loginThroughUi(substitute, server.url, school.free.email, TEST_PASSWORD);
    // The sheet of the replaced course is among the substitute's, with its lessons and who replaces whom.
    await substitute.goto(`${server.url}/teacher/attendance?period=2030-11`);
    await substitute.getByRole('heading', { level: 1, name: 'Feuilles de présence' }).waitFor();
    await substitute.getByLabel('Feuille', { exact: true }).selectOption(school.courseId);
    await substitute.getByText(/Claire Libre remplace .* du 18 novembre 2030 au 29 novembre 2030/).waitFor();
    await substitute.getByRole('heading', { level: 2, name: /20 novembre 2030/ }).waitFor();
    await expectAccessible(substitute, 'the substitute’s sheet of the replaced course');
    await substitute.context().close();
    await office.context().close();
  });
});
