import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import {
  expectAccessible,
  firstHeading,
  launchBrowser,
  loginThroughUi,
  newPage,
  waitForPage,
} from './support/browser.js';
import { makeProfileTeacher, requestBody } from '../apps/api/src/modules/agency/agency.test-support.js';

/**
 * Issue 13, items 13 and 14: every role walks every entry of its menu and meets no "Accès refusé", no failed
 * API call and no accessibility violation; then the pages of what used to be API-only, clicked through.
 */
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

/** Every /api answer of 400 or more the page sees, but those `allowed` expects. */
function watchFailedCalls(page: Page, allowed: (response: Response) => boolean = () => false): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/') || response.status() < 400 || allowed(response)) return;
    failed.push(
      `${response.request().method()} ${url.pathname}${url.search} → ${response.status()} (on ${page.url()})`,
    );
  });
  return failed;
}

async function menuLinks(page: Page): Promise<{ name: string; href: string }[]> {
  const nav = page.getByRole('navigation', { name: /navigation principale|main navigation/i });
  await nav.waitFor();
  const links = nav.getByRole('link');
  const count = await links.count();
  const found: { name: string; href: string }[] = [];
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    found.push({ name: (await link.innerText()).trim(), href: (await link.getAttribute('href')) ?? '' });
  }
  return found;
}

const CREATE_BUTTON = /^(Nouvelle?|Créer|Ajouter|Inviter|Saisir|Programmer)/;
const ROLES = ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'board', 'secretariat', 'teacher', 'family'];

describe('each role walks its menu', () => {
  for (const role of ROLES) {
    it(`${role}: every entry opens without "Accès refusé", failed calls or accessibility violations`, async () => {
      const page = await newPage(browser);
      await loginThroughUi(page, server.url, `${role}@demo.example.org`);
      const failed = watchFailedCalls(page);
      const links = await menuLinks(page);
      expect(links.length).toBeGreaterThan(0);
      const nav = page.getByRole('navigation', { name: /navigation principale|main navigation/i });
      for (const link of links) {
        // Through the menu, as a person goes: the app stays loaded (a reload per page was most of this walk's time).
        const here = new URL(page.url());
        const previous = `${here.pathname}${here.search}` === link.href ? null : await firstHeading(page);
        await nav.locator(`a[href="${link.href}"]`).first().click();
        await waitForPage(page, link.href, previous);
        await expect(page.getByText(/Accès refusé|Access denied/).count(), `${role} on ${link.href}`).resolves.toBe(0);
        // The board reads: no page of its menu offers to create anything, except its own register, where it records
        // its decisions and the tariffs they adopt (issue 14).
        if (role === 'board' && link.href !== '/office/board')
          expect(await page.getByRole('button', { name: CREATE_BUTTON }).allInnerTexts(), link.href).toEqual([]);
        await expectAccessible(page, `${role} on ${link.name} (${link.href})`);
      }
      expect(failed, `failed API calls seen by ${role}`).toEqual([]);
      await page.context().close();
    }, 300_000); // the admin's menu is long: two minutes is short on a loaded machine
  }
});

const db = () => server.deps.db;

describe('what was API-only, in the browser', () => {
  it('sales take a request on the phone and land on its new file', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'sales@demo.example.org');
    const failed = watchFailedCalls(page);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Demande par téléphone' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle demande par téléphone' }).waitFor();
    await expectAccessible(page, 'phone request form');
    const guardian = page.getByRole('group', { name: 'Le responsable (parent)' });
    await guardian.getByLabel(/^Prénom/).fill('Téléphone');
    await guardian.getByLabel(/^Nom/).fill('Appelant');
    await guardian.getByLabel(/^Téléphone/).fill('06 12 34 56 78');
    const student = page.getByRole('group', { name: 'L’élève' });
    await student.getByLabel(/^Prénom/).fill('Octave');
    await student.getByLabel('Nom', { exact: true }).fill('Appelant');
    await student.getByLabel(/^Date de naissance/).fill('2015-02-03');
    await page.getByLabel('Instrument').selectOption('violin');
    await page.getByLabel(/^Adresse/).fill('3 rue de la Roquette');
    await page.getByLabel('Code postal').fill('75011');
    await page.getByLabel('Commune').fill('Paris');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.waitForURL(/\/office\/files\/[0-9a-f-]+$/);
    await page.getByRole('heading', { level: 1, name: /Octave Appelant/ }).waitFor();
    const file = await db()
      .selectFrom('lesson_files')
      .select(['source', 'instrument', 'stage'])
      .where('id', '=', page.url().split('/').pop() ?? '')
      .executeTakeFirstOrThrow();
    expect(file).toEqual({ source: 'phone', instrument: 'violin', stage: 'new_request' });
    await expectAccessible(page, 'file of a phone request');
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('followup changes the instrument of a file with a teacher: same file, new search', async () => {
    const file = await db()
      .selectFrom('lesson_files')
      .innerJoin('assignments', 'assignments.file_id', 'lesson_files.id')
      .select(['lesson_files.id', 'lesson_files.instrument', 'lesson_files.reference'])
      .where('lesson_files.stage', '=', 'ongoing')
      .where('assignments.ended_on', 'is', null)
      .where('lesson_files.instrument', '!=', 'cello')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'followup@demo.example.org');
    const failed = watchFailedCalls(page);
    await page.goto(`${server.url}/office/files/${file.id}`);
    const section = page.getByRole('region', { name: 'Modifier la demande' });
    await section.getByRole('button', { name: 'Modifier la demande' }).click();
    await section.getByLabel('Instrument').selectOption('cello');
    await expectAccessible(page, 'request change form');
    await section.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page.getByText('Demande modifiée : nouvelle recherche de professeur.').waitFor();
    await expect
      .poll(async () =>
        db()
          .selectFrom('lesson_files')
          .select(['instrument', 'stage', 'reference'])
          .where('id', '=', file.id)
          .executeTakeFirst(),
      )
      .toEqual({ instrument: 'cello', stage: 'matching', reference: file.reference });
    // The same page now offers the new search (followup reads candidates).
    await page.getByRole('heading', { level: 2, name: 'Professeurs proposés' }).waitFor();
    await expectAccessible(page, 'file back in matching');
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('sales invite a guardian to the family portal from the family page', async () => {
    const guardian = await db()
      .selectFrom('people')
      .select(['id', 'first_name', 'last_name', 'email', 'family_id'])
      .where('kind', '=', 'guardian')
      .where('user_id', 'is', null)
      .where('email', 'is not', null)
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'sales@demo.example.org');
    const failed = watchFailedCalls(page);
    await page.goto(`${server.url}/office/families/${guardian.family_id}`);
    const name = `${guardian.first_name} ${guardian.last_name}`;
    await page.getByRole('button', { name: `Inviter ${name} à l’espace famille` }).click();
    await page.getByText(`Invitation envoyée à ${guardian.email}.`).waitFor();
    await page.getByText('A un accès à l’espace famille').first().waitFor();
    const person = await db()
      .selectFrom('people')
      .select('user_id')
      .where('id', '=', guardian.id)
      .executeTakeFirstOrThrow();
    expect(person.user_id).not.toBeNull();
    await expectAccessible(page, 'family page after the invitation');
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('the director changes a setting, and a refused value shows its error on the field', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'admin@demo.example.org');
    const failed = watchFailedCalls(page, (r) => r.url().endsWith('/api/settings') && r.status() === 400);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Paramètres' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    await expectAccessible(page, 'settings page');
    await page.getByLabel('Premier prélèvement après la mise en relation (jours)').fill('12');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    const stored = await db()
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'agency.firstDebitDays')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value)).toBe(12);

    const weights = page.getByRole('group', { name: 'Pondérations du classement des professeurs (points)' });
    await weights.getByLabel('Distance').fill('300');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await weights.getByText('Cette valeur est hors des limites permises.').waitFor();
    expect(await weights.getByLabel('Distance').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'settings page with a field error');
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('the director creates a plan; sales read the plans without the form', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'admin@demo.example.org');
    const failed = watchFailedCalls(page);
    await page.goto(`${server.url}/office/plans`);
    await page.getByRole('heading', { level: 1, name: 'Formules' }).waitFor();
    const form = page.getByRole('region', { name: 'Nouvelle formule' });
    await form.getByLabel('Nom').fill('Quinzaine 30 min');
    await form.getByLabel('Durée d’un cours (minutes)').fill('30');
    await form.getByLabel('Fréquence').selectOption('fortnightly');
    await form.getByLabel('Cours par saison').fill('16');
    await form.getByLabel('Prix (euros)').fill('55');
    await form.getByRole('button', { name: 'Créer la formule' }).click();
    await page.getByRole('cell', { name: 'Quinzaine 30 min', exact: true }).waitFor();
    await expectAccessible(page, 'plans page');
    expect(failed).toEqual([]);
    await page.context().close();

    const sales = await newPage(browser);
    await loginThroughUi(sales, server.url, 'sales@demo.example.org');
    await sales.goto(`${server.url}/office/plans`);
    await sales.getByRole('cell', { name: 'Quinzaine 30 min', exact: true }).waitFor();
    expect(await sales.getByRole('region', { name: 'Nouvelle formule' }).count()).toBe(0);
    await sales.context().close();
  });

  it('recruitment opens the requests waiting near a teacher, and one of them', async () => {
    const teacher = await makeProfileTeacher(server.deps, {
      firstName: 'Viola',
      lastName: 'Proche',
      postalCode: '75011',
      maxTravelKm: 15,
      instruments: [{ instrument: 'violin', levelMin: 1, levelMax: 3, ageMin: 4, ageMax: 99 }],
    });
    // A family asks for violin lessons in Paris 11e on the public form.
    const sent = await server.app.inject({
      method: 'POST',
      url: '/api/public/lesson-requests',
      payload: requestBody({
        instrument: 'violin',
        student: { firstName: 'Ysaÿe', lastName: 'Voisin', birthDate: '2014-06-01' },
      }),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { reference } = sent.json() as { reference: string };
    const waiting = await db()
      .selectFrom('lesson_files')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'recruitment@demo.example.org');
    const failed = watchFailedCalls(page);
    await page.goto(`${server.url}/office/teachers/${teacher}`);
    await page.getByRole('link', { name: 'Demandes ouvertes à proximité' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demandes ouvertes près de Viola Proche' }).waitFor();
    await expectAccessible(page, 'open requests near a teacher');
    await page.getByRole('link', { name: `Ouvrir le dossier ${reference}` }).click();
    await page.waitForURL(`**/office/files/${waiting.id}`);
    expect(failed).toEqual([]);
    await page.context().close();
  });
});
