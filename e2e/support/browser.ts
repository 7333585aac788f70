import { createRequire } from 'node:module';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with no background network (this machine has no network but loopback). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Content-Security-Policy violations seen on any page since the last check. The browser reports each one as a
 * console error ("Refused to … because it violates the following Content Security Policy directive") and as a
 * securitypolicyviolation event, which an init script (run by the browser itself, outside the page's policy)
 * turns into a console message too.
 */
const cspViolations: string[] = [];
const CSP_MESSAGE = /Content Security Policy|CSP violation/i;

function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${where})`);
  });
}

/** Fails with every CSP violation seen since the last call, then forgets them. */
export function expectNoCspViolations(label: string): void {
  const seen = cspViolations.splice(0);
  expect(seen, `Content-Security-Policy violations ${label}`).toEqual([]);
}

// Every spec imports this file: after each test, any violation on any of its pages fails it.
afterEach((test) => expectNoCspViolations(`during "${test.task.name}"`));

export async function newPage(browser: Browser, options: { locale?: string; mobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'fr-FR',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  await context.addInitScript(reportCspViolations);
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && CSP_MESSAGE.test(text)) cspViolations.push(`${page.url()}: ${text}`);
  });
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Runs axe-core (WCAG 2 A/AA) on the page as it is now and fails with the list of violations, and with any
 * Content-Security-Policy violation seen so far.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expectNoCspViolations(`on ${label}`);
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // evaluated by the browser for the test, not as an inline <script> that the page's own policy refuses
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}]`)
          .slice(0, 5)
          .join(', ')}`,
    );
  });
  expect(violations, `accessibility violations on ${label}`).toEqual([]);
}

/** Logs in through the real login page. */
export async function loginThroughUi(
  page: Page,
  baseUrl: string,
  email: string,
  password = 'harmonie-demo',
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page
    .getByLabel(/mot de passe|password/i)
    .first()
    .fill(password);
  await page.getByRole('button', { name: /se connecter|log in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
