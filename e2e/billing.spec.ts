import fs from 'node:fs';
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

describe('billing in the browser', () => {
  it('accounts opens the prepared batch, sees the held family left out with its reason, and exports the pain.008 file', async () => {
    const held = await server.deps.db
      .selectFrom('debit_holds')
      .innerJoin('subscriptions', 'subscriptions.id', 'debit_holds.subscription_id')
      .innerJoin('families', 'families.id', 'subscriptions.family_id')
      .select('families.name')
      .where('debit_holds.released_at', 'is', null)
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await page.goto(`${server.url}/office/billing/batches`);
    await page.getByRole('heading', { level: 1, name: 'Lots de prélèvement' }).waitFor();
    await expectAccessible(page, 'batches page');
    await page.getByRole('region', { name: 'Lots de prélèvement' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Lots de prélèvement HRM-/ }).waitFor();
    const excluded = page.getByRole('region', { name: /^Exclus/ });
    const heldRow = excluded
      .getByRole('row')
      .filter({ hasText: held.name })
      .filter({ hasText: /Aucun cours depuis/ });
    await expect(heldRow.count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, 'batch page (prepared)');

    await page.getByRole('button', { name: 'Exporter (pain.008)' }).click();
    await page.getByText('Lot exporté : il ne peut plus être modifié.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le fichier' }).click(),
    ]);
    const xml = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.08');
    expect(xml).not.toContain(held.name);
    for (const [path, title] of [
      ['/office/billing', 'Factures'],
      ['/office/billing/holds', 'Prélèvements suspendus'],
      ['/office/billing/mandates', 'Mandats SEPA'],
      ['/office/billing/certificates', 'Attestations fiscales'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expectAccessible(page, path);
    }
    await page.context().close();
  });

  it('accounts records a transfer against an invoice found by its number, and is told plainly when no invoice has that number', async () => {
    // The oldest open invoice: the lookup goes to the server, so it need not be on the list's first page.
    const invoice = await server.deps.db
      .selectFrom('invoices')
      .select(['id', 'number', 'amount_cents'])
      .where('status', '=', 'open')
      .where('kind', '=', 'invoice')
      // An agency subscription's invoice, whole (the demo's school fees include one with a credit note against it).
      .where('subscription_id', 'is not', null)
      .orderBy('issued_on')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await page.goto(`${server.url}/office/billing`);
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    const form = page.getByRole('form', { name: 'Paiement ou rejet' });
    await form.getByLabel('Numéro de facture').fill('F0000-999999');
    await form.getByLabel('Moyen').selectOption('transfer');
    await form.getByLabel('Montant (€)').fill((invoice.amount_cents / 100).toFixed(2));
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText('Aucune facture ne porte ce numéro.').waitFor();
    await expectAccessible(page, 'payment form with an unknown invoice number');
    await form.getByLabel('Numéro de facture').fill(invoice.number);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paiement enregistré.').waitFor();
    const payments = await server.deps.db
      .selectFrom('payments')
      .select(['amount_cents', 'method'])
      .where('invoice_id', '=', invoice.id)
      .execute();
    expect(payments).toContainEqual({ amount_cents: invoice.amount_cents, method: 'transfer' });
    await page.context().close();
  });

  it('accounts issues a credit note on an invoice found by its number, then revokes a mandate found by its reference', async () => {
    const invoice = await server.deps.db
      .selectFrom('invoices')
      .select(['id', 'number', 'amount_cents'])
      .where('status', '=', 'open')
      .where('kind', '=', 'invoice')
      .orderBy('issued_on', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');
    await page.goto(`${server.url}/office/billing`);
    const credit = page.getByRole('form', { name: 'Émettre un avoir' });
    await credit.getByLabel('Numéro de facture').fill(invoice.number);
    await credit.getByLabel('Montant (€)').fill('1.00');
    await credit.getByLabel('Motif').fill('Cours annulé par le professeur');
    await credit.getByRole('button', { name: 'Émettre l’avoir' }).click();
    await page.getByText(/^Avoir .+ émis\.$/).waitFor();
    const note = await server.deps.db
      .selectFrom('invoices')
      .select(['kind', 'amount_cents'])
      .where('credited_invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ kind: 'credit_note', amount_cents: 100 });
    await expectAccessible(page, 'invoices page with the credit note form');

    const mandate = await server.deps.db
      .selectFrom('sepa_mandates')
      .select(['id', 'rum'])
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/office/billing/mandates`);
    const end = page.getByRole('form', { name: 'Mettre fin à un mandat' });
    await end.getByLabel('RUM').fill('NO-SUCH-RUM');
    await end.getByLabel('Motif').fill('Demande de la famille');
    await end.getByRole('button', { name: 'Mettre fin' }).click();
    await end.getByText('Aucun mandat ne porte cette référence.').waitFor();
    await end.getByLabel('RUM').fill(mandate.rum);
    await end.getByLabel('Comment').selectOption('revoke');
    await end.getByRole('button', { name: 'Mettre fin' }).click();
    await page.getByText(`Mandat ${mandate.rum} révoqué.`).waitFor();
    const after = await server.deps.db
      .selectFrom('sepa_mandates')
      .select(['status', 'ended_reason'])
      .where('id', '=', mandate.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'revoked', ended_reason: 'Demande de la famille' });
    await expectAccessible(page, 'mandates page with the end form');
    await page.context().close();
  });

  it('a family downloads its invoice and its tax certificate in the portal, on a phone', async () => {
    const page = await newPage(browser, { mobile: true });
    await loginThroughUi(page, server.url, 'family@demo.example.org');
    await page.goto(`${server.url}/family/billing`);
    await page.getByRole('heading', { level: 1, name: 'Factures et paiements' }).waitFor();
    await page
      .getByRole('link', { name: /^Télécharger F\d{4}-/ })
      .first()
      .waitFor();
    await expectAccessible(page, 'family billing page');
    const [invoice] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /^Télécharger F\d{4}-/ })
        .first()
        .click(),
    ]);
    expect(
      fs
        .readFileSync((await invoice.path()) ?? '')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [certificate] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /Télécharger l’attestation/ })
        .first()
        .click(),
    ]);
    expect(
      fs
        .readFileSync((await certificate.path()) ?? '')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.context().close();
  });
});
