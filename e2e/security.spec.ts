import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectNoCspViolations, launchBrowser, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Content-Security-Policy in the browser', () => {
  it('lets the interactive API docs run under their own policy', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    const response = await page.goto(`${server.url}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: /Harmonie API/ }).waitFor();
    await page
      .getByRole('button', { name: /POST \/api\/auth\/login/ })
      .first()
      .click();
    await page.getByText('Try it out').first().waitFor();
    await page.waitForLoadState('networkidle');
    expectNoCspViolations('on the API docs');
    await page.context().close();
  });
});
