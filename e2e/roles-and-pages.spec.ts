import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

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
    failed.push(`${response.request().method()} ${url.pathname}${url.search} → ${response.status()} (on ${page.url()})`);
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

const ROLES = ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'board', 'secretariat', 'teacher', 'family'];

describe('each role walks its menu', () => {
  for (const role of ROLES) {
    it(`${role}: every entry opens without "Accès refusé", failed calls or accessibility violations`, async () => {
      const page = await newPage(browser);
      const failed = watchFailedCalls(page);
      await loginThroughUi(page, server.url, `${role}@demo.example.org`);
      const links = await menuLinks(page);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        await page.goto(`${server.url}${link.href}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await expect(page.getByText(/Accès refusé|Access denied/).count(), `${role} on ${link.href}`).resolves.toBe(0);
        await expectAccessible(page, `${role} on ${link.name} (${link.href})`);
      }
      expect(failed, `failed API calls seen by ${role}`).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});
