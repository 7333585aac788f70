import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function toEnglish(page: Page, userName: string): Promise<void> {
  await page.getByRole('button', { name: userName }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
}

describe('billing pages in the browser', () => {
  it('reads exclusions as sentences, records a return from one dialog after export, and releases a hold waiving its periods (fr)', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await page.goto(`${server.url}/office/billing/batches`);
    await page.getByRole('heading', { level: 1, name: 'Lots de prélèvement' }).waitFor();
    await page.getByRole('region', { name: 'Lots de prélèvement' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Lots de prélèvement HRM-/ }).waitFor();
    const excluded = page.getByRole('region', { name: /^Exclus/ });
    const sentence = excluded.getByText(/^Aucun cours depuis la mise en relation du \d{1,2} [a-zéû]+ \d{4}/).first();
    await sentence.waitFor();
    await expect(excluded.getByText(/no_lesson_since/).count()).resolves.toBe(0);
    await expect(page.getByRole('form', { name: /Rejet ou remboursement/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Changer la date' }).waitFor();
    await expectAccessible(page, 'batch page with sentences');

    await page.getByRole('button', { name: 'Exporter (pain.008)' }).click();
    await page.getByText('Lot exporté : il ne peut plus être modifié.').waitFor();
    // The debits were collected a few days ago (a return is dated on or after its collection).
    const batchId = page.url().split('/').at(-1) ?? '';
    await server.deps.db
      .updateTable('collection_batches')
      .set({ collection_date: isoDaysAgo(3) })
      .where('id', '=', batchId)
      .execute();
    const line = await server.deps.db
      .selectFrom('debits')
      .innerJoin('invoices', 'invoices.id', 'debits.invoice_id')
      .select(['debits.id', 'invoices.number'])
      .where('debits.batch_id', '=', batchId)
      .orderBy('debits.id')
      .executeTakeFirstOrThrow();
    await page.getByRole('button', { name: 'Enregistrer un retour' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rejet ou remboursement d’un prélèvement' });
    await dialog.waitFor();
    await expectAccessible(page, 'record a return dialog');
    const options = await dialog.getByLabel('Prélèvement concerné').locator('option').allTextContents();
    const option = options.find((o) => o.includes(line.number));
    await dialog.getByLabel('Prélèvement concerné').selectOption({ label: option ?? '' });
    await dialog.getByLabel('Type').selectOption('reject');
    await dialog.getByLabel(/Code motif/).selectOption('AC04');
    await dialog.getByRole('button', { name: 'Enregistrer le retour' }).click();
    await page.getByText('Retour enregistré, la facture est rouverte.').waitFor();
    const debit = await server.deps.db
      .selectFrom('debits')
      .select(['status', 'return_reason'])
      .where('id', '=', line.id)
      .executeTakeFirstOrThrow();
    expect(debit).toEqual({ status: 'returned', return_reason: 'AC04' });

    await page.goto(`${server.url}/office/billing/holds`);
    await page.getByRole('heading', { level: 1, name: 'Prélèvements suspendus' }).waitFor();
    const form = page.getByRole('form', { name: /^Lever la suspension/ }).first();
    await form.getByRole('radio', { name: 'Y renoncer (jamais facturées)' }).check();
    await form.getByLabel('Motif de la levée').fill('Aucun cours pendant la suspension : le bureau y renonce');
    await expectAccessible(page, 'holds page with the choice');
    await form.getByRole('button', { name: 'Lever la suspension' }).click();
    await page.getByText('Suspension levée.').first().waitFor();
    const released = await server.deps.db
      .selectFrom('debit_holds')
      .select(['release_choice'])
      .where('release_reason', '=', 'Aucun cours pendant la suspension : le bureau y renonce')
      .executeTakeFirstOrThrow();
    expect(released.release_choice).toBe('waive');
    await page.context().close();
  });

  it('sets up an instalment plan and reads it back, in English on a 390 px phone', async () => {
    const invoice = await server.deps.db
      .selectFrom('invoices')
      .select(['id', 'number', 'amount_cents'])
      .where('status', '=', 'open')
      .where('kind', '=', 'invoice')
      .where('amount_cents', '>', 200)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('payments').select('payments.id').whereRef('payments.invoice_id', '=', 'invoices.id'),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('debits').select('debits.id').whereRef('debits.invoice_id', '=', 'invoices.id')),
        ),
      )
      .orderBy('issued_on', 'desc')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser, { mobile: true });
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await toEnglish(page, 'Cédric Comptes');
    await page.goto(`${server.url}/office/billing/plans`);
    await page.getByRole('heading', { level: 1, name: 'Instalment plans' }).waitFor();
    await expectAccessible(page, 'instalment plans (en, phone)');
    const form = page.getByRole('form', { name: 'Set up an instalment plan' });
    await form.getByLabel('Invoice number').fill(invoice.number);
    const first = form.getByRole('group', { name: 'Instalment 1' });
    await first.getByLabel('Due on').fill(isoDaysAgo(-20));
    await first.getByLabel('Amount (€)').fill(((invoice.amount_cents - 100) / 100).toFixed(2));
    const second = form.getByRole('group', { name: 'Instalment 2' });
    await second.getByLabel('Due on').fill(isoDaysAgo(-50));
    await second.getByLabel('Amount (€)').fill('1.00');
    await second.getByLabel('Method').selectOption('cheque');
    await form.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByRole('heading', { level: 1, name: `Instalment plan of invoice ${invoice.number}` }).waitFor();
    const rows = page.getByRole('region', { name: 'Instalments' }).getByRole('row');
    await expect(rows.filter({ hasText: 'Cheque' }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: 'Upcoming' }).count()).resolves.toBe(2);
    await expectAccessible(page, 'instalment plan (en, phone)');
    await page.getByRole('link', { name: 'All instalment plans' }).click();
    await page.getByRole('link', { name: invoice.number }).waitFor();

    await page.goto(`${server.url}/office/billing/batches`);
    await page.getByRole('heading', { level: 1, name: 'Debit batches' }).waitFor();
    await page.getByRole('region', { name: 'Debit batches' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Debit batches HRM-/ }).waitFor();
    const excluded = page.getByRole('region', { name: /^Left out/ });
    await excluded
      .getByText(/^No lesson since the hand-over of [A-Z][a-z]+ \d{1,2}, \d{4}/)
      .first()
      .waitFor();
    await expectAccessible(page, 'batch page (en, phone)');
    // The choice is saved on the account: back to French for the other journeys.
    await page.getByRole('button', { name: 'Cédric Comptes' }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: /Lots de prélèvement HRM-/ }).waitFor();
    await page.context().close();
  });

  it('the board records a voted deferral and reads it back; accounts sees it without the form (fr)', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'board@demo.example.org');
    await page.goto(`${server.url}/office/billing/deferrals`);
    await page.getByRole('heading', { level: 1, name: 'Reports de paiement votés' }).waitFor();
    const form = page.getByRole('form', { name: 'Enregistrer un report voté' });
    await form.getByLabel('Délibération').fill('CA-2026-12');
    await form.getByLabel('Votée le').fill(isoDaysAgo(1));
    await form.getByLabel('Motif').fill('Fermeture des écoles en décembre');
    await form.getByLabel('Échéances du').fill(isoDaysAgo(-60));
    await form.getByLabel(/^au/).fill(isoDaysAgo(-70));
    await form.getByLabel('Nouvelle échéance').fill(isoDaysAgo(-90));
    await expectAccessible(page, 'deferrals page (board)');
    await form.getByRole('button', { name: 'Enregistrer le report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report CA-2026-12' }).waitFor();
    await page.getByText('Fermeture des écoles en décembre').waitFor();
    await expectAccessible(page, 'deferral page');
    await page.context().close();

    const accounts = await newPage(browser);
    await loginThroughUi(accounts, server.url, 'accounts@demo.example.org');
    await accounts.goto(`${server.url}/office/billing/deferrals`);
    await accounts.getByRole('link', { name: 'CA-2026-12' }).waitFor();
    await expect(accounts.getByRole('form', { name: 'Enregistrer un report voté' }).count()).resolves.toBe(0);
    await accounts.context().close();
  });

  it('records a payment in prepaid CESU vouchers from the office payment form (fr)', async () => {
    const invoice = await server.deps.db
      .selectFrom('invoices')
      .select(['id', 'number'])
      .where('status', '=', 'open')
      .where('kind', '=', 'invoice')
      .where('amount_cents', '>', 500)
      .orderBy('issued_on')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await page.goto(`${server.url}/office/billing`);
    const form = page.getByRole('form', { name: 'Paiement ou rejet' });
    await form.getByLabel('Numéro de facture').fill(invoice.number);
    await form.getByLabel('Moyen').selectOption({ label: 'CESU préfinancé' });
    await form.getByLabel('Montant (€)').fill('5.00');
    await expectAccessible(page, 'payment form with CESU');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paiement enregistré.').waitFor();
    const payments = await server.deps.db
      .selectFrom('payments')
      .select(['amount_cents', 'method'])
      .where('invoice_id', '=', invoice.id)
      .execute();
    expect(payments).toContainEqual({ amount_cents: 500, method: 'cesu' });
    await page.context().close();
  });
});
