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

const fileOf = (id: string) => {
  const files = server.deps.db.selectFrom('lesson_files').select(['family_id', 'duplicate_family_id']);
  return files.where('id', '=', id).executeTakeFirstOrThrow();
};
const familyName = async (id: string) => {
  const family = server.deps.db.selectFrom('families').select('name').where('id', '=', id);
  return (await family.executeTakeFirstOrThrow()).name;
};

describe('merging a duplicate request in the browser', () => {
  it('names the family, shows what moves, and merges only once staff confirm (phone width)', async () => {
    const db = server.deps.db;
    const files = db.selectFrom('lesson_files').select(['id', 'duplicate_family_id']);
    const flagged = await files.where('duplicate_family_id', 'is not', null).executeTakeFirstOrThrow();
    const targetId = flagged.duplicate_family_id ?? '';
    const target = await familyName(targetId);

    const page = await newPage(browser, { mobile: true });
    await loginThroughUi(page, server.url, 'sales@demo.example.org');
    await page.goto(`${server.url}/office/files/${flagged.id}`);
    await page.getByText(`Même contact qu’une famille connue : ${target}`).waitFor();
    await page.getByRole('button', { name: `Fusionner avec la famille ${target}…` }).click();
    const dialog = page.getByRole('dialog', { name: 'Fusionner la demande avec une famille connue' });
    await dialog.getByText(`Famille : ${target}`, { exact: false }).waitFor();
    await dialog.getByText('Cette famille a été signalée : même e-mail ou même téléphone.').waitFor();
    // In the demo both families pay by direct debit: the page says why it cannot merge, and does not offer it.
    await dialog.getByRole('alert').filter({ hasText: 'Les deux familles ont un mandat SEPA actif' }).waitFor();
    expect(await dialog.getByRole('button', { name: `Fusionner dans la famille ${target}` }).isDisabled()).toBe(true);
    await expectAccessible(page, 'merge dialog (refused: two mandates)');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    // Accounts end the request family's mandate; now the merge goes through, once confirmed.
    const requestFamily = (await fileOf(flagged.id)).family_id;
    await db.updateTable('sepa_mandates').set({ status: 'revoked' }).where('family_id', '=', requestFamily).execute();
    await page.reload();
    await page.getByRole('button', { name: `Fusionner avec la famille ${target}…` }).click();
    await dialog
      .getByText(/rejoint la famille/)
      .first()
      .waitFor();
    await dialog.getByText(/Factures : \d/).waitFor();
    await expectAccessible(page, 'merge dialog (flagged family)');
    expect((await fileOf(flagged.id)).duplicate_family_id).toBe(targetId);
    await dialog.getByRole('button', { name: `Fusionner dans la famille ${target}` }).click();
    await page.getByText(`Demande rattachée à la famille ${target}.`).waitFor();
    expect(await fileOf(flagged.id)).toEqual({ family_id: targetId, duplicate_family_id: null });
    await page.context().close();
  });

  it('lets staff choose another family, and asks them to confirm it since it was not flagged', async () => {
    const db = server.deps.db;
    const requests = db.selectFrom('lesson_files').select(['id', 'family_id']).where('stage', '=', 'new_request');
    const request = await requests.where('duplicate_family_id', 'is', null).executeTakeFirstOrThrow();
    // A family with no mandate or certificate of its own: nothing stands in the way of this merge.
    const other = await db
      .selectFrom('families')
      .select(['id', 'name'])
      .where('id', '!=', request.family_id)
      .where(({ not, exists, selectFrom }) => {
        return not(exists(selectFrom('sepa_mandates').select('id').whereRef('family_id', '=', 'families.id')));
      })
      .where(({ not, exists, selectFrom }) => {
        return not(exists(selectFrom('tax_certificates').select('id').whereRef('family_id', '=', 'families.id')));
      })
      .orderBy('name')
      .executeTakeFirstOrThrow();

    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'sales@demo.example.org');
    await page.goto(`${server.url}/office/files/${request.id}`);
    await page.getByRole('button', { name: 'Rattacher à une autre famille…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fusionner la demande avec une famille connue' });
    await dialog.getByLabel('Rechercher une famille par nom').fill(other.name.slice(0, 4));
    await dialog
      .getByRole('button', { name: `Choisir ${other.name}` })
      .first()
      .click();
    await dialog.getByText('Cette famille n’a pas été signalée comme doublon', { exact: false }).waitFor();
    const confirm = dialog.getByRole('button', { name: `Fusionner dans la famille ${other.name}` });
    expect(await confirm.isDisabled()).toBe(true);
    await expectAccessible(page, 'merge dialog (family chosen by staff)');
    await dialog.getByLabel(`Je confirme que cette demande vient de la famille ${other.name}`).check();
    await confirm.click();
    await page.getByText(`Demande rattachée à la famille ${other.name}.`).waitFor();
    expect((await fileOf(request.id)).family_id).toBe(other.id);
    await page.context().close();
  });
});
