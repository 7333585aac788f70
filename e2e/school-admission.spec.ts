import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, newPage } from './support/browser.js';
import { fieldError } from './support/forms.js';

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

describe('a new family’s administrative enrolment in the browser', () => {
  it('fills the public form in French, is refused without the data consent, then sees its rank', async () => {
    const school = await server.deps.db
      .selectFrom('schools')
      .select('id')
      .where('name', '=', 'École de musique du Centre')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await page.goto(`${server.url}/inscription/${school.id}`);
    await page.getByRole('heading', { level: 1, name: 'Inscription à École de musique du Centre' }).waitFor();
    await page.getByLabel(/^Nom de la famille/).fill('Lambert');
    await page.getByLabel(/^Adresse de facturation/).fill('8 rue Saint-Maur');
    await page.getByLabel(/^Code postal/).fill('75011');
    await page.getByLabel(/^Ville/).fill('Paris');
    const guardian = page.getByRole('group', { name: 'Responsable 1' });
    await guardian.getByLabel(/^Prénom/).fill('Anne');
    await guardian.getByLabel(/^Nom/).fill('Lambert');
    await guardian.getByLabel(/^E-mail/).fill('anne.lambert@famille.example.org');
    await guardian.getByLabel(/^Téléphone/).fill('06 98 76 54 32');
    const student = page.getByRole('group', { name: 'Élève 1' });
    await student.getByLabel(/^Prénom/).fill('Jules');
    await student.getByLabel(/^Nom/).fill('Lambert');
    await student.getByLabel(/^Date de naissance/).fill('2017-02-14');
    await student.getByLabel('Droit à l’image (élève mineur)').selectOption('class');
    await student.getByLabel(/^Responsable qui donne son accord/).selectOption('0');
    await page.getByLabel('Photo d’identité').check();
    await page.getByRole('button', { name: 'Envoyer l’inscription' }).click();
    const consent = page.getByLabel(/^J’accepte que l’association traite ces données/);
    expect(await fieldError(consent)).toContain('L’accord sur le traitement des données est nécessaire');
    await expectAccessible(page, 'enrolment form with an error');
    await consent.check();
    await page.getByRole('button', { name: 'Envoyer l’inscription' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Votre rang' });
    await done.waitFor();
    const rank = Number(/n° (\d+)/.exec((await done.textContent()) ?? '')?.[1]);
    // The rank counts the school's completed enrolments of the same season (the demo has some for two seasons).
    const mine = await server.deps.db
      .selectFrom('school_registrations as r')
      .innerJoin('families as f', 'f.id', 'r.family_id')
      .select('r.season_id')
      .where('r.school_id', '=', school.id)
      .where('f.name', '=', 'Lambert')
      .executeTakeFirstOrThrow();
    const completed = await server.deps.db
      .selectFrom('school_registrations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('school_id', '=', school.id)
      .where('season_id', '=', mine.season_id)
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    expect(rank).toBe(Number(completed.n));
    await expectAccessible(page, 'enrolment done');
    await page.context().close();
  });
});
