import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
const SEASON_ID = '7b0e3c1a-1d2e-4f50-9a6b-0c1d2e3f4a5b';
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A season of its own, far ahead, so that the journey does not depend on the demo's seasons.
  const now = new Date().toISOString();
  const season = { id: SEASON_ID, name: '2040-2041', starts_on: '2040-09-01', ends_on: '2041-07-04', version: 1 };
  await server.deps.db
    .insertInto('seasons')
    .values({ ...season, created_at: now, updated_at: now })
    .execute();
  const term = { id: '7b0e3c1a-1d2e-4f50-9a6b-0c1d2e3f4a5c', season_id: SEASON_ID, name: 'Année', position: 0 };
  await server.deps.db
    .insertInto('season_terms')
    .values({ ...term, starts_on: '2040-09-10', ends_on: '2041-06-30' })
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the board in the browser', () => {
  it('records a tariffs decision (its vote refused on the field first) and the fees appear on the season (fr)', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'board@demo.example.org');
    await page.goto(`${server.url}/office/board`);
    await page.getByRole('heading', { level: 1, name: 'Décisions du conseil et tarifs' }).waitFor();
    await expectAccessible(page, 'board page');

    const form = page.getByRole('form', { name: 'Consigner une décision' });
    await form.getByLabel('Saison').selectOption({ label: '2040-2041' });
    await form.getByLabel('Objet').fill('Tarifs 2040-2041');
    await form.getByLabel('Texte de la décision').fill('Le conseil adopte les tarifs de la saison 2040-2041.');
    await form.getByLabel('Membres présents').fill('9');
    await form.getByLabel('Membres représentés').fill('2');
    await form.getByLabel('Pour', { exact: true }).fill('10');
    await form.getByLabel('Contre').fill('1');
    await form.getByLabel('Abstentions').fill('3');
    await form.getByLabel('Montant de l’adhésion (€)').fill('30');
    await form.getByLabel('Tarif (€)').fill('450');
    await form.getByRole('button', { name: 'Ajouter un tarif de cours' }).click();
    await form.getByLabel('Discipline').nth(1).selectOption({ label: 'Formation musicale (solfège)' });
    await form.getByLabel('Durée hebdomadaire (min)').nth(1).fill('60');
    await form.getByLabel('Tarif (€)').nth(1).fill('180');
    await form.getByLabel('2ᵉ enfant (%)').fill('10');
    await form.getByLabel('3ᵉ enfant et suivants (%)').fill('20');
    await form.getByLabel('Critère fixé par le conseil').fill('Quotient familial inférieur à 600 €');
    await form.getByLabel('Réduction (%)').fill('50');
    await form.getByRole('button', { name: 'Consigner la décision' }).click();
    await form.getByText('Il y a plus de voix que de membres présents et représentés.').waitFor();
    await expectAccessible(page, 'board form with a field error');

    await form.getByLabel('Abstentions').fill('0');
    await form.getByRole('button', { name: 'Consigner la décision' }).click();
    await page.getByText('Décision consignée.').first().waitFor();
    const fees = page.getByRole('region', { name: 'Tarifs de la saison' });
    await fees.getByText(/Adoptés par « Tarifs 2040-2041 »/).waitFor();
    await fees.getByText(/30,00\s€ par famille/).waitFor();
    const table = fees.getByRole('table', { name: 'Tarifs des cours (à l’année)' });
    await table.getByRole('row', { name: /Piano, 30 min 450,00\s€/ }).waitFor();
    await table.getByRole('row', { name: /Formation musicale \(solfège\), 60 min 180,00\s€/ }).waitFor();
    await fees.getByText('3ᵉ enfant et suivants : −20 %').waitFor();
    const register = page.getByRole('table', { name: 'Registre des décisions' });
    await register
      .getByRole('row', { name: /Tarifs 2040-2041/ })
      .getByText('Adoptée')
      .waitFor();
    await expectAccessible(page, 'board page with the season fees');
    const stored = await server.deps.db
      .selectFrom('season_tariffs')
      .select(['membership_fee_cents', 'course_fees'])
      .where('season_id', '=', SEASON_ID)
      .executeTakeFirstOrThrow();
    expect(stored.membership_fee_cents).toBe(3000);
    expect(JSON.parse(stored.course_fees)).toEqual([
      { discipline: 'piano', durationMinutes: 30, feeCents: 45000 },
      { discipline: 'music_theory', durationMinutes: 60, feeCents: 18000 },
    ]);

    // The secretariat reads the register and the fees, without the form.
    const secretariat = await newPage(browser);
    await loginThroughUi(secretariat, server.url, 'secretariat@demo.example.org');
    await secretariat.goto(`${server.url}/office/board`);
    await secretariat.getByRole('table', { name: 'Registre des décisions' }).waitFor();
    await expect(secretariat.getByRole('form', { name: 'Consigner une décision' }).count()).resolves.toBe(0);
  }, 120_000);

  it('walks the course, seasons, reports and board pages in English on a phone: no French, no sideways scroll', async () => {
    // Words of the French interface (demo data, such as room names or decisions' subjects, stays French).
    const french =
      /(Enregistrer|Annuler|Modifier|Aucune? |aujourd’hui|Historique|Séances|Saisons|Par discipline|Période)/;
    const course = await server.deps.db.selectFrom('courses').select('id').orderBy('id').executeTakeFirstOrThrow();
    const page = await newPage(browser, { locale: 'en-GB', mobile: true });
    await page.context().addInitScript(() => window.localStorage.setItem('harmonie.lang', 'en'));
    await loginThroughUi(page, server.url, 'board@demo.example.org');
    const paths = [
      `/office/courses/${course.id}`,
      '/office/seasons',
      `/office/seasons/${SEASON_ID}`,
      `/office/reports?season=${SEASON_ID}`,
      '/office/board',
    ];
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const text = await page.locator('main').innerText();
      expect(french.exec(text)?.[0], path).toBeUndefined();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await expectAccessible(page, `${path} in English on a phone`);
    }
    await page.context().close();
  });
});
