import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { launchBrowser, loginThroughUi, newPage } from './support/browser.js';

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

/**
 * Words the interface writes (or writes from stored codes) that must never show in the other language: codes left
 * untranslated, Mantine's own English, and French sentences stored by the server. Demo data (names, towns, notes
 * people typed) is in French whatever the reader's language, so only words of the interface are listed.
 */
const LEAKS = {
  fr: /\b(pending|cancelled|in_progress|matching|ongoing|overdue|Toggle password|Loading|Save|Cancel|Call both sides|disputed by the family|No first-lesson date|Charged with no lesson|paper|portal)\b/,
  en: /(Enregistrer|Annuler|Modifier|Aucune? |aujourd’hui|Rechercher|Historique|Déconnexion|Mot de passe|Chargement)/,
} as const;

/** The pages of the signed-in person's menu (their paths), as the main navigation lists them. */
async function menuPaths(page: Page, language: 'fr' | 'en'): Promise<string[]> {
  const nav = page.getByRole('navigation', {
    name: language === 'fr' ? 'Navigation principale' : 'Main navigation',
  });
  await nav.getByRole('link').first().waitFor();
  const hrefs = await nav
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((href) => href.startsWith('/')))];
}

async function walk(language: 'fr' | 'en', email: string): Promise<string[]> {
  const page = await newPage(browser, { locale: language === 'en' ? 'en-GB' : 'fr-FR' });
  await page.context().addInitScript((lang) => window.localStorage.setItem('harmonie.lang', lang), language);
  const missing: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('i18n missing key'))
      missing.push(`${new URL(page.url()).pathname}: ${message.text()}`);
  });
  await loginThroughUi(page, server.url, email);
  const problems: string[] = [];
  const paths = await menuPaths(page, language);
  expect(paths.length, 'the pages of the menu').toBeGreaterThan(3);
  for (const path of paths) {
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const text = await page.locator('main').innerText();
    const leak = LEAKS[language].exec(text);
    if (leak)
      problems.push(
        `${path}: "${leak[0]}" in ${language} (…${text.slice(Math.max(0, leak.index - 40), leak.index + 40)}…)`,
      );
  }
  await page.context().close();
  return [...problems, ...new Set(missing)];
}

/** Issue 13 item 16: no English in the French interface, no French in the English one, no missing key. */
describe('every page of the menu in both languages', () => {
  for (const language of ['fr', 'en'] as const) {
    for (const email of ['admin@demo.example.org', 'followup@demo.example.org']) {
      it(`${email} in ${language}: no missing key, no word of the other language`, async () => {
        expect(await walk(language, email)).toEqual([]);
      });
    }
  }
});
