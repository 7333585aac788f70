import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

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

describe('matching that explains itself, in the browser', () => {
  it('says why nobody is proposed and offers to widen, then asks before handing a contact over', async () => {
    // A demo file waiting for a teacher, its instrument changed to one nobody in the base teaches.
    const file = await server.deps.db
      .selectFrom('lesson_files as f')
      .innerJoin('subscriptions as s', 's.file_id', 'f.id')
      .select(['f.id', 'f.instrument'])
      .where('f.stage', '=', 'matching')
      .where('s.status', '=', 'pending')
      .where('f.place', '=', 'home')
      .orderBy('f.created_at')
      .executeTakeFirstOrThrow();
    await server.deps.db.updateTable('lesson_files').set({ instrument: 'ukulele' }).where('id', '=', file.id).execute();

    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'recruitment@demo.example.org');
    await page.goto(`${server.url}/office/files/${file.id}`);
    const panel = page.getByRole('region', { name: 'Professeurs proposés' });
    await panel.getByText('Aucun professeur ne passe tous les critères.').waitFor();
    const why = panel.getByRole('region', { name: 'Pourquoi personne ?' });
    await why.getByText(/n’enseignent pas cet instrument/).waitFor();
    await expect(why.textContent()).resolves.toMatch(/professeurs dans la base, 0 passent tous les critères/);
    await why.getByRole('button', { name: 'Ajouter un candidat hors de la base' }).waitFor();
    // The page says what it does with teachers who share no slot with the family.
    await panel.getByText(/aucun créneau en commun avec la famille n’est pas proposé/).waitFor();
    await expectAccessible(page, 'why nobody panel');

    // Back to the file's own instrument: candidates, and a hand-over that asks first.
    await server.deps.db
      .updateTable('lesson_files')
      .set({ instrument: file.instrument })
      .where('id', '=', file.id)
      .execute();
    await page.reload();
    const first = panel.getByRole('article').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toMatch(/points\)/);
    await first.getByRole('button', { name: /Transmettre le contact/ }).click();
    const dialog = page.getByRole('dialog', { name: /Transmettre le contact/ });
    await dialog.getByText(/La facturation démarre aujourd’hui/).waitFor();
    await expectAccessible(page, 'hand-over confirmation');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The file may have had a teacher before: count what the hand-over adds.
    const assignments = () =>
      server.deps.db
        .selectFrom('assignments')
        .select(['choice_reasons'])
        .where('file_id', '=', file.id)
        .where('choice_reasons', 'is not', null)
        .execute();
    expect(await assignments()).toEqual([]);

    await first.getByRole('button', { name: /Transmettre le contact/ }).click();
    await dialog.getByRole('button', { name: 'Transmettre et démarrer la facturation' }).click();
    await page.getByText('Contact transmis', { exact: false }).first().waitFor();
    // The reasons of the choice are kept on the file and shown on its page.
    await page.getByText(/Choisi avec un score de \d+ sur 100/).waitFor();
    const [kept] = await assignments();
    expect(kept?.choice_reasons).toContain('"parts"');
    await page.context().close();
  });
});
