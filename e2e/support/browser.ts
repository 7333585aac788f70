import { createRequire } from 'node:module';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';

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

/**
 * Serious and critical accessibility violations the automatic checks saw since the last test ended. Every page a
 * spec opens is checked after each navigation settles (see `watchAccessibility`); the test fails on any.
 */
const automaticViolations: string[] = [];

/**
 * Pages the automatic check leaves alone, each with its reason. The interactive API docs are Swagger UI, a
 * third-party page under its own Content-Security-Policy (e2e/security.spec.ts checks that policy, not its markup).
 */
const NOT_CHECKED: { path: RegExp; reason: string }[] = [
  { path: /^\/api\/docs/, reason: 'Swagger UI, a third-party page under its own policy' },
];

/**
 * One queue per page through which every axe run goes, automatic or explicit: axe refuses a second run while one is
 * going ("Axe is already running"). `dirty` is true when the page navigated since its last check.
 */
interface AxeQueue {
  tail: Promise<unknown>;
  dirty: boolean;
  inFlight: number;
  lastNetwork: number;
  /** The last automatic check's findings (every impact) and the exact state it saw, for an explicit check to reuse. */
  last?: { state: string; violations: Violation[] };
}
interface Violation {
  impact: string;
  text: string;
}

/** The page's exact state: its address and how many DOM changes it has seen (counted by an init script). */
function countMutations() {
  const counter = window as unknown as { harmonieMutations: number };
  counter.harmonieMutations = 0;
  new MutationObserver((records) => {
    counter.harmonieMutations += records.length;
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
async function exactState(page: Page): Promise<string> {
  const mutations = await page.evaluate(
    () => (window as unknown as { harmonieMutations?: number }).harmonieMutations ?? -1,
  );
  return mutations < 0 ? '' : `${page.url()}#${mutations}`;
}
const queues = new Map<Page, AxeQueue>();

function enqueue<T>(queue: AxeQueue, job: () => Promise<T>): Promise<T> {
  const next = queue.tail.then(job, job);
  queue.tail = next.catch(() => undefined);
  return next;
}

/** Waits until the page made no request for 0.3 s (at most 8 s): the page a navigation led to has loaded. */
async function settle(page: Page, queue: AxeQueue): Promise<void> {
  const deadline = Date.now() + 8_000;
  while (Date.now() < deadline && !page.isClosed()) {
    if (queue.inFlight === 0 && Date.now() - queue.lastNetwork >= 300) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * What a page looks like to axe, to check each distinct page once per spec file: the route with its ids blanked,
 * the viewport, the language, the menu (who is signed in) and the page's size in steps of 128 elements (a dialog
 * open, a table filled). Returning to a page already checked in the same state costs nothing.
 */
const checkedPages = new Set<string>();
const ID_SEGMENT = /^(?=.*\d)[\w-]{6,}$|^\d+$/;
async function pageSignature(page: Page): Promise<string> {
  const url = new URL(page.url());
  const route = url.pathname
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
  const search = [...url.searchParams.keys()].sort().join('&');
  const looks = await page.evaluate(
    () =>
      `${document.documentElement.lang}|${document.querySelector('nav')?.textContent ?? ''}|${
        document.getElementsByTagName('*').length >> 7
      }|${document.querySelector('[role="dialog"]') ? 'dialog' : ''}`,
  );
  return `${route}?${search}|${page.viewportSize()?.width ?? 0}|${looks}`;
}

/** Off for a second pass over the same pages (the PostgreSQL one): axe reads markup, which no engine changes. */
const axeOn = process.env.E2E_AXE !== '0';
const axeTiming = { checks: 0, skipped: 0, reused: 0, settleMs: 0, axeMs: 0 };
afterAll(() => {
  if (process.env.E2E_AXE_LOG)
    console.log(
      `axe: ${axeTiming.checks} checks (${axeTiming.skipped} pages already checked, ${axeTiming.reused} explicit checks reused), settle ${axeTiming.settleMs} ms, axe ${axeTiming.axeMs} ms`,
    );
});

/** The automatic check of the page as it is now: serious and critical violations only, recorded for the test. */
async function automaticCheck(page: Page, queue: AxeQueue): Promise<void> {
  if (!queue.dirty || page.isClosed()) return;
  const settling = Date.now();
  await settle(page, queue);
  axeTiming.settleMs += Date.now() - settling;
  if (page.isClosed()) return;
  queue.dirty = false;
  const url = page.url();
  const pathname = new URL(url).pathname;
  if (url === 'about:blank' || NOT_CHECKED.some((entry) => entry.path.test(pathname))) return;
  try {
    const signature = await pageSignature(page);
    if (checkedPages.has(signature)) {
      axeTiming.skipped += 1;
      return;
    }
    const checking = Date.now();
    const before = await exactState(page);
    const found = await runAxe(page);
    const after = await exactState(page);
    queue.last = before && before === after ? { state: after, violations: found } : undefined;
    const violations = found.filter((v) => SERIOUS.includes(v.impact)).map((v) => v.text);
    checkedPages.add(signature);
    axeTiming.checks += 1;
    axeTiming.axeMs += Date.now() - checking;
    if (process.env.E2E_AXE_LOG) console.log(`axe checked ${pathname}: ${violations.length}`);
    if (violations.length) automaticViolations.push(...violations.map((v) => `${pathname}: ${v}`));
  } catch {
    // the page navigated or closed while axe ran: the next navigation (if any) is checked in its turn
  }
}

/** Checks the page after each navigation of its main frame (full loads and client-side route changes alike). */
function watchAccessibility(page: Page): void {
  if (!axeOn) return;
  const queue: AxeQueue = { tail: Promise.resolve(), dirty: false, inFlight: 0, lastNetwork: Date.now() };
  queues.set(page, queue);
  page.on('request', () => {
    queue.inFlight += 1;
    queue.lastNetwork = Date.now();
  });
  const done = () => {
    queue.inFlight = Math.max(0, queue.inFlight - 1);
    queue.lastNetwork = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    queue.dirty = true;
    queue.lastNetwork = Date.now();
    void enqueue(queue, () => automaticCheck(page, queue));
  });
  page.on('close', () => queues.delete(page));
  // a test that leaves a page by goto or reload before it settled: that page is checked first
  const goto = page.goto.bind(page);
  page.goto = async (...args: Parameters<typeof goto>) => {
    await enqueue(queue, () => automaticCheck(page, queue));
    return goto(...args);
  };
  const reload = page.reload.bind(page);
  page.reload = async (...args: Parameters<typeof reload>) => {
    await enqueue(queue, () => automaticCheck(page, queue));
    return reload(...args);
  };
  // closing the context waits for the checks still queued (the last navigation is checked before it goes)
  const context = page.context();
  const close = context.close.bind(context);
  context.close = async (...args: Parameters<typeof close>) => {
    await enqueue(queue, () => automaticCheck(page, queue)).catch(() => undefined);
    return close(...args);
  };
}

/** Fails with the serious or critical violations the automatic checks saw (after waiting for those under way). */
export async function expectNoAutomaticViolations(label: string): Promise<void> {
  await Promise.all(
    [...queues].map(([page, queue]) => enqueue(queue, () => automaticCheck(page, queue)).catch(() => undefined)),
  );
  const seen = automaticViolations.splice(0);
  expect(seen, `serious or critical accessibility violations ${label}`).toEqual([]);
}

afterEach(async (test) => expectNoAutomaticViolations(`during "${test.task.name}"`));

export async function newPage(browser: Browser, options: { locale?: string; mobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'fr-FR',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  await context.addInitScript(reportCspViolations);
  await context.addInitScript(countMutations);
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && CSP_MESSAGE.test(text)) cspViolations.push(`${page.url()}: ${text}`);
  });
  page.setDefaultTimeout(15_000);
  watchAccessibility(page);
  return page;
}

const SERIOUS = ['serious', 'critical'];

/** Runs axe-core (WCAG 2 A/AA) on the page as it is now; its violations of every impact. */
async function runAxe(page: Page): Promise<Violation[]> {
  if (!axeOn) return [];
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // evaluated by the browser for the test, not as an inline <script> that the page's own policy refuses
  if (!hasAxe) await page.evaluate(axeSource);
  // a menu or dialog fading in is half transparent: axe would measure its contrast mid-way (at most 2 s)
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 2_000, polling: 50 },
    )
    .catch(() => undefined);
  return page.evaluate(async () => {
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
      // only violations are read: axe then keeps one node of each pass (much faster on long pages)
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      impact: v.impact,
      text: `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}]`)
        .slice(0, 5)
        .join(', ')}`,
    }));
  });
}

/**
 * Runs axe-core (WCAG 2 A/AA) on the page as it is now and fails with the list of violations, and with any
 * Content-Security-Policy violation seen so far. It waits its turn behind the automatic checks of the same page.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expectNoCspViolations(`on ${label}`);
  // The PostgreSQL pass drives the same build through the same states the SQLite pass already checked.
  if (!axeOn) return;
  const queue = queues.get(page);
  // the automatic check of this very state (same address, no DOM change since) already has every impact's findings
  const check = async () => {
    const last = queue?.last;
    if (queue && !queue.dirty && last && last.state === (await exactState(page))) {
      axeTiming.reused += 1;
      return last.violations;
    }
    return runAxe(page);
  };
  const violations = queue ? await enqueue(queue, check) : await check();
  expect(
    violations.map((v) => v.text),
    `accessibility violations on ${label}`,
  ).toEqual([]);
}

/** The text of the page's first heading now (null before the app shows one), for `waitForPage`. */
export async function firstHeading(page: Page): Promise<string | null> {
  return page
    .locator('h1')
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => null);
}

/**
 * Waits for the app to show `path` after a route change: the address, the data, and a first heading other than
 * `previousHeading`. A route change keeps the previous page on screen until the next one's code and data arrive, so
 * a check made as soon as the address changed could read the page before. Two pages with the same heading (rare)
 * cost a few seconds, not a failure.
 */
export async function waitForPage(page: Page, path: string, previousHeading: string | null): Promise<void> {
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (previousHeading !== null)
    await page
      .waitForFunction((before) => document.querySelector('h1')?.textContent !== before, previousHeading, {
        timeout: 3_000,
      })
      .catch(() => undefined);
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
