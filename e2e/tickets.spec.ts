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

const SUBJECT = 'Prélèvement de novembre contesté';

describe('tickets in the browser', () => {
  it('followup hands a billing question to accounts from the file; accounts reads it beside the family account and solves it', async () => {
    // A demo file whose family has invoices, so the account overview has something to show.
    const file = await server.deps.db
      .selectFrom('lesson_files')
      .innerJoin('invoices', 'invoices.family_id', 'lesson_files.family_id')
      .select(['lesson_files.id', 'lesson_files.family_id'])
      .where('lesson_files.stage', '!=', 'closed')
      .executeTakeFirstOrThrow();
    const family = await server.deps.db
      .selectFrom('families')
      .select('name')
      .where('id', '=', file.family_id)
      .executeTakeFirstOrThrow();

    // 1. Followup opens a ticket from the file page.
    const followup = await newPage(browser);
    await loginThroughUi(followup, server.url, 'followup@demo.example.org');
    await followup.goto(`${server.url}/office/files/${file.id}`);
    const section = followup.getByRole('region', { name: 'Tickets (relations clients)' });
    await section.waitFor();
    const form = section.getByRole('form', { name: 'Ouvrir un ticket' });
    await form.getByLabel('Objet').fill(SUBJECT);
    await form.getByLabel('Message').fill('La famille dit avoir été prélevée deux fois ce mois-ci.');
    await form.getByRole('button', { name: 'Ouvrir un ticket' }).click();
    await section.getByRole('link', { name: SUBJECT, exact: true }).waitFor();
    await expect(section.getByRole('listitem').filter({ hasText: SUBJECT }).textContent()).resolves.toContain('Ouvert');
    await expectAccessible(followup, 'file page with a ticket');
    const ticket = await server.deps.db
      .selectFrom('tickets')
      .select(['id'])
      .where('subject', '=', SUBJECT)
      .executeTakeFirstOrThrow();

    // 2. Accounts finds it in the queue (open by default), sees the conversation and the family's account.
    const accounts = await newPage(browser);
    await loginThroughUi(accounts, server.url, 'accounts@demo.example.org');
    await accounts.getByRole('link', { name: 'Tickets' }).first().click();
    await accounts.getByRole('heading', { level: 1, name: 'Tickets des relations clients' }).waitFor();
    await expectAccessible(accounts, 'ticket queue');
    await accounts.getByRole('link', { name: SUBJECT, exact: true }).click();
    await accounts.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await accounts.getByText('prélevée deux fois', { exact: false }).waitFor();
    const overview = accounts.getByRole('region', { name: `Situation de la famille ${family.name}` });
    await overview.getByRole('heading', { name: 'Factures' }).waitFor();
    await expect(overview.getByRole('region', { name: 'Factures' }).getByRole('row').count()).resolves.toBeGreaterThan(
      1,
    );
    await expectAccessible(accounts, 'ticket page with the family account');

    // 3. Accounts replies, takes it, then solves it; the file's owner gets it back.
    await accounts
      .getByRole('textbox', { name: 'Répondre' })
      .fill('Un seul prélèvement a été présenté ; je rappelle la famille.');
    await accounts.getByRole('button', { name: 'Envoyer' }).click();
    await accounts.getByText('je rappelle la famille', { exact: false }).waitFor();
    await accounts.getByRole('button', { name: 'Prendre en charge' }).click();
    await accounts.getByRole('button', { name: 'Marquer résolu' }).waitFor();
    await accounts.getByRole('button', { name: 'Marquer résolu' }).click();
    await accounts.getByRole('button', { name: 'Rouvrir' }).waitFor();
    await expect
      .poll(
        async () =>
          (
            await server.deps.db
              .selectFrom('tickets')
              .select('status')
              .where('id', '=', ticket.id)
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('solved');
    await accounts.goto(`${server.url}/office/tickets`);
    await accounts.getByLabel('État').selectOption('solved');
    await accounts.getByRole('link', { name: SUBJECT, exact: true }).waitFor();
    await accounts.context().close();

    // 4. Followup reads the solved ticket but cannot move it.
    await followup.goto(`${server.url}/office/tickets/${ticket.id}`);
    await followup.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await followup.getByText('je rappelle la famille', { exact: false }).waitFor();
    expect(await followup.getByRole('button', { name: 'Rouvrir' }).count()).toBe(0);
    await followup.context().close();
  });

  it('draws the lead times on the agency dashboard as a captioned chart, beside the table', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'followup@demo.example.org');
    await page.goto(`${server.url}/office/agency-dashboard`);
    const region = page.getByRole('region', { name: 'Délais médians (jours)' });
    await region.waitFor();
    const figure = region.getByRole('figure', { name: /Délais médians par mois/ });
    await figure.waitFor();
    await figure.getByRole('img', { name: /Graphique sur \d+ mois/ }).waitFor();
    await figure.locator('svg .recharts-line').first().waitFor();
    await region.getByRole('table').waitFor();
    await expectAccessible(page, 'agency dashboard with the chart');
    await page.context().close();
  });
});
