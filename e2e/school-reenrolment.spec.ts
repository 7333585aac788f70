import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { createSchoolsService } from '../apps/api/src/modules/schools/schools.service.js';
import { createReenrolmentService } from '../apps/api/src/modules/schools/reenrolment.service.js';
import { insertSeasonWithTerm, openDemoCampaign } from './support/reenrolment.js';

/**
 * Issue 15, item 2 in the browser: a returning family of the demo opens its re-enrolment pack in the portal inside
 * the priority window and confirms; its seat stays confirmed after the deadline sweep. The secretariat opens the
 * next campaign and follows who has not answered.
 */
let server: E2EServer;
let browser: Browser;
const clock = new TestClock(new Date());
let fixture: Awaited<ReturnType<typeof openDemoCampaign>>;

beforeAll(async () => {
  server = await startServer({ clock });
  browser = await launchBrowser();
  // The campaign from 2097-2098 to 2098-2099 (opened through the service); 2099-2100 is opened in the page.
  fixture = await openDemoCampaign(server);
  await insertSeasonWithTerm(server, '2099-2100', '2099-09-01', '2100-07-01');
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
    const placeOf = async (studentId: string) =>
      (
        await server.deps.db
          .selectFrom('course_enrolments')
          .select('status')
          .where('course_id', '=', fixture.nextCourseId)
          .where('student_id', '=', studentId)
          .executeTakeFirstOrThrow()
      ).status;
    // The other family never answered: its seat only is released.
    expect(sweep.seatsReleased).toBeGreaterThanOrEqual(1);
    expect(await placeOf(fixture.studentId)).toBe('confirmed');
    expect(await placeOf(fixture.other.id)).toBe('released');
  });

  it('the secretariat opens the next campaign in the page and sees who has not answered, on a phone', async () => {
    const page = await newPage(browser, { mobile: true });
    await loginThroughUi(page, server.url, 'secretariat@demo.example.org');
    await page.goto(`${server.url}/office/reenrolment`);
    await page.getByRole('heading', { level: 1, name: 'Campagnes de réinscription' }).waitFor();
    const form = page.getByRole('form', { name: 'Ouvrir une campagne' });
    await form.getByLabel('Saison en cours').selectOption({ label: '2098-2099' });
    await form.getByLabel('Saison suivante').selectOption({ label: '2099-2100' });
    const day = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    // A deadline already past is refused on its field, in French.
    await form.getByLabel(/^Date limite prioritaire/).fill(day(-1));
    await form.getByLabel(/^Relances/).fill('10, 3');
    await form.getByRole('button', { name: 'Ouvrir la campagne' }).click();
    await form.getByText('La date limite prioritaire doit être postérieure à aujourd’hui.').waitFor();
    await expectAccessible(page, 'campaign form with a field error');
    await form.getByLabel(/^Date limite prioritaire/).fill(day(20));
    await form.getByRole('button', { name: 'Ouvrir la campagne' }).click();
    await page.getByText(/Campagne ouverte : \d+ dossier\(s\) créé\(s\)\./).waitFor();
    await page.getByRole('link', { name: 'Suivi de la campagne 2098-2099 → 2099-2100' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '2098-2099 → 2099-2100' });
    await row.getByText('10, 3 jour(s) avant').waitFor();
    await expectAccessible(page, 'campaigns');

    // The demo's campaign: the other family has not answered; its guardian's contact is beside its name.
    await page.getByRole('link', { name: /^Suivi de la campagne .* → 2098-2099$/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Réinscriptions .* → 2098-2099$/ }).waitFor();
    const waiting = page.getByRole('region', { name: /^Élèves dont la famille n’a pas répondu/ }).first();
    const other = waiting.getByRole('row').filter({ hasText: fixture.other.name });
    await other.locator('a[href^="mailto:"], a[href^="tel:"]').first().waitFor();
    await expectAccessible(page, 'campaign progress');
    // The school filter keeps the address and shows that school only.
    await page.getByLabel('École', { exact: true }).selectOption(fixture.schoolId);
    await page.waitForURL((url) => url.searchParams.get('school') === fixture.schoolId);
    await waiting.getByRole('row').filter({ hasText: fixture.other.name }).waitFor();
    await page.context().close();
  });
});
