import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { launchBrowser, loginThroughUi, newPage } from './support/browser.js';
import { makeUser, TEST_PASSWORD } from '../apps/api/src/testing/harness.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The error message a field shows (Mantine marks it invalid and describes it by its error). */
async function fieldError(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ').trim();
}

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Issue 13 item 15: what the server refuses is said on the field it concerns, in every form. */
describe('server field errors on their fields, in the browser', () => {
  it('the public request form: the slot, the contact and the guardian, on their fields; required fields marked', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/request`);
    await page.getByRole('heading', { level: 1, name: 'Demander des cours de musique' }).waitFor();
    const student = page.getByRole('group', { name: 'L’élève' });
    await student.getByLabel(/^Prénom/).fill('Basile');
    await student.getByLabel('Nom', { exact: true }).fill('Formulaire');
    await student.getByLabel(/^Date de naissance/).fill('2015-04-02');
    await page.getByLabel(/^Adresse/).fill('3 rue de la Paix');
    await page.getByLabel(/^Code postal/).fill('69003');
    await page.getByLabel(/^Commune/).fill('Lyon');
    await page.getByLabel(/^De/).fill('16:00');
    await page.getByLabel(/^À/).fill('15:00');
    // required fields carry Mantine's asterisk
    await expect(page.locator('label:has-text("Adresse") .mantine-InputWrapper-required').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    const guardian = page.getByRole('group', { name: 'Le responsable (parent)' });
    // no guardian named and no contact: the server's errors on the student land on the guardian's fields
    await expect(fieldError(guardian.getByLabel(/^E-mail/))).resolves.toContain('au moins un e-mail ou un téléphone');
    await expect(fieldError(page.getByLabel(/^À/))).resolves.toContain('se terminer après son début');
    await page.context().close();
  });

  it('/apply says every missing field at once', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/apply`);
    await page.getByRole('heading', { level: 1, name: 'Devenir professeur' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    for (const label of [/^Prénom/, /^Nom/, /^E-mail/, /^Votre parcours musical/, /^Votre approche/, /^Votre CV/]) {
      await expect(fieldError(page.getByLabel(label).first()), String(label)).resolves.not.toBe('');
    }
    await page.context().close();
  });

  it('a batch moved to a past date says why on the date field', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await page.goto(`${server.url}/office/billing/batches`);
    await page.getByRole('region', { name: 'Lots de prélèvement' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Changer la date' }).click();
    const form = page.getByRole('form', { name: 'Changer la date' });
    await form.getByLabel(/^Nouvelle date de prélèvement/).fill(isoDaysFromNow(-2));
    await form.locator('button[type=submit]').click();
    await expect(fieldError(form.getByLabel(/^Nouvelle date de prélèvement/))).resolves.toContain(
      'postérieure à aujourd’hui',
    );
    await page.context().close();
  });

  it('a lesson recorded in the future says why on its date', async () => {
    const assignment = await server.deps.db
      .selectFrom('assignments')
      .select(['teacher_id'])
      .where('ended_on', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const user = await makeUser(server.deps, ['teacher'], {
      personId: assignment.teacher_id,
      email: 'e2e-forms-teacher@demo.example.org',
    });
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, user.email, TEST_PASSWORD);
    await page.goto(`${server.url}/teacher/students`);
    const form = page.getByRole('form', { name: 'Enregistrer un cours' }).first();
    await form.getByLabel(/^Date/).fill(isoDaysFromNow(3));
    await form.getByRole('button', { name: 'Enregistrer un cours' }).click();
    await expect(fieldError(form.getByLabel(/^Date/))).resolves.toContain('dans le futur');
    await page.context().close();
  });
});
