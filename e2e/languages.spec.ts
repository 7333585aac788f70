import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import {
  expectNoAutomaticViolations,
  firstHeading,
  launchBrowser,
  loginThroughUi,
  newPage,
  waitForPage,
} from './support/browser.js';
import { createTask, type NewTask } from '../apps/api/src/platform/tasks.js';
import { openDemoCampaign } from './support/reenrolment.js';

let server: E2EServer;
let browser: Browser;
type Language = 'fr' | 'en';

/**
 * Issue 13 item 16: every page of every role, the detail pages and the portals and public pages, in French and in
 * English, shows no i18n key and no word of the other language. One sign-in per role and language; each page is
 * visited once per language (a page the menu of an earlier role already listed is not walked again, except the
 * home page, which differs by role), and checked for accessibility by the support code as every visited page.
 */

/**
 * Codes left untranslated and English or French sentences the server once stored, looked for in the whole page
 * (data included: demo data is French, so only words no person would type are listed).
 */
const CODES = {
  fr: /\b(pending|cancelled|in_progress|matching|ongoing|overdue|new_request|not_needed|Toggle password|Loading|Save|Cancel|Call both sides|disputed by the family|No first-lesson date|Charged with no lesson|Check in after|sent to recruitment|subscribed to|handed over|first lesson (?:given )?on|new search after|Monthly check-in|paper|portal|released:|undefined|null|NaN|Invalid Date)\b/,
  en: /(Enregistrer|Annuler|Modifier|Aucune? |aujourd’hui|Rechercher|Historique|Déconnexion|Mot de passe|Chargement|Prélèvement|Appeler |Facture non émise|Rembourser |Nouveau professeur|Incidents répétés|Afficher le mot de passe|papier|portail|\bundefined\b|\bnull\b|\bNaN\b|Invalid Date)/,
} as const;

/**
 * Words of the other language in the interface's own chrome (headings, labels, buttons, table headers, tabs,
 * badges, links of the navigation, and the accessible names and placeholders), once the names of the demo's
 * records are taken out.
 */
const CHROME_WORDS = {
  fr: /(?<![\p{L}’'-])(the|and|of|with|without|from|for|this|New|Save|Cancel|Edit|Delete|Remove|Search|Loading|Show|Hide|Open|Close|Back|Download|Send|Add|Create|Status|Name|First name|Last name|Phone|Address|Town|Teacher|Student|Family|Guardian|Invoice|Mandate|Lesson|Course|Season|School|Board|Decision|History|Tasks?|Overdue|Today|Pending|Cancelled|Done|Paid|Signed|Paper|Toggle|Password|Log in|Log out|Settings|Users|Request|Requests|Files?|Yes|Due|Amount|Reason|Outcome|Apply|Submit|Previous|Next|Page|Month|Week|Day)(?![\p{L}’'-])/u,
  en: /(?<![\p{L}’'-])(le|la|les|des|du|une?|et|avec|pour|sans|aucune?|Enregistrer|Annuler|Modifier|Supprimer|Rechercher|Historique|Déconnexion|Mot de passe|Chargement|Nouvelle?|Famille|Élève|Professeurs?|Facture|Prélèvements?|Mandat|Cours|Saison|École|Tâches?|Demandes?|Dossiers?|Statut|Responsable|Signé|Afficher|Masquer|en retard|Aujourd’hui|Oui|Non|Échéance|Montant|Motif|Envoyer|Ajouter|Créer|Retour|Suivant|Précédent|Mois|Semaine|Jour|Adresse|Commune|Prénom|Nom|Téléphone)(?![\p{L}’'-])/iu,
} as const;

/** A raw i18n key on the page: `word.word` (lowercase dotted path, as `agency.tasks.title`) or `ns:key`. */
const RAW_KEY =
  /(?<![\p{L}\d@/.-])[a-z][a-zA-Z]+(?:\.[a-z][a-zA-Z_]+){1,}(?![\p{L}\d@/(-])|\b[a-z]+:[a-z][a-zA-Z]+\.[a-zA-Z.]+/u;

/** The text of the interface's chrome of the page (not its data cells), with accessible names and placeholders. */
async function chromeText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const selector = [
      'h1, h2, h3, h4, h5, label, legend, button, th, dt, [role="tab"], [role="menuitem"], [role="columnheader"]',
      'nav a, .mantine-Badge-label, .mantine-Alert-title, .mantine-InputWrapper-description, .mantine-Pagination-control',
    ].join(', ');
    const parts: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) parts.push(element.innerText);
    for (const element of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      for (const attribute of ['aria-label', 'placeholder', 'title']) {
        const value = element.getAttribute(attribute);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

/** The demo's and this file's own record names (people, families, schools…): data, not words of the interface. */
let dataNames: string[] = [];

function withoutData(text: string): string {
  let rest = text;
  // Badges show their text in capitals (CSS), which innerText reflects.
  for (const name of dataNames) rest = rest.split(name).join(' ').split(name.toLocaleUpperCase('fr')).join(' ');
  return rest;
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 40).replace(/\s+/g, ' ');
}

/** What is wrong with the page as shown now: raw keys, codes and words of the other language. */
async function problemsOf(page: Page, language: Language, path: string): Promise<string[]> {
  const problems: string[] = [];
  const body = withoutData(await page.locator('body').innerText());
  const code = CODES[language].exec(body);
  if (code) problems.push(`${path}: "${code[0]}" in ${language} (…${excerpt(body, code.index)}…)`);
  const key = RAW_KEY.exec(body);
  if (key && !/^[\w.-]+\.(?:fr|org|com|net|pdf|csv|xml|txt|example)$/.test(key[0]))
    problems.push(`${path}: raw key "${key[0]}" (…${excerpt(body, key.index)}…)`);
  const chrome = withoutData(await chromeText(page));
  const word = CHROME_WORDS[language].exec(chrome);
  if (word) problems.push(`${path}: "${word[0]}" in the ${language} interface (…${excerpt(chrome, word.index)}…)`);
  return problems;
}

/** The pages of the signed-in person's menu (their paths), as the main navigation lists them. */
async function menuPaths(page: Page, language: Language): Promise<string[]> {
  const nav = page.getByRole('navigation', {
    name: language === 'fr' ? 'Navigation principale' : 'Main navigation',
  });
  await nav.getByRole('link').first().waitFor();
  const hrefs = await nav
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((href) => href.startsWith('/')))];
}

/** A browser page in `language`, which reports the keys i18next misses into `missing`. */
async function pageIn(language: Language, missing: string[]): Promise<Page> {
  const page = await newPage(browser, { locale: language === 'en' ? 'en-GB' : 'fr-FR' });
  await page.context().addInitScript((lang) => window.localStorage.setItem('harmonie.lang', lang), language);
  page.on('console', (message) => {
    if (message.text().startsWith('i18n missing key'))
      missing.push(`${new URL(page.url()).pathname}: ${message.text()}`);
  });
  return page;
}

/**
 * Opens `path`: by the router when the app is loaded (as a click on a link would, without loading the app again),
 * by the address bar otherwise; then waits for its data.
 */
async function visit(page: Page, language: Language, path: string): Promise<string[]> {
  const here = new URL(page.url());
  let previous: string | null = null;
  if (here.origin !== server.url) await page.goto(`${server.url}${path}`);
  else if (`${here.pathname}${here.search}` !== path) {
    previous = await firstHeading(page);
    await page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }
  await waitForPage(page, path, previous);
  const problems = await problemsOf(page, language, path);
  // the page is checked for accessibility before the next one replaces it (a route change does not wait for it)
  await expectNoAutomaticViolations(`on ${path} in ${language}`);
  return problems;
}

/** Signs `email` in and walks its menu then `extra`, but the pages already walked (`walked`, updated). */
async function walkAs(language: Language, email: string, extra: string[], walked: Set<string>): Promise<string[]> {
  const missing: string[] = [];
  const page = await pageIn(language, missing);
  await loginThroughUi(page, server.url, email);
  const problems: string[] = [];
  const paths = [...(await menuPaths(page, language)), ...extra];
  expect(paths.length, `the pages of ${email}`).toBeGreaterThan(2);
  for (const path of paths) {
    const home = /^\/(office|teacher|family)$/.test(path);
    if (walked.has(path) && !home) continue;
    walked.add(path);
    problems.push(...(await visit(page, language, path)));
  }
  await page.context().close();
  return [...problems, ...new Set(missing)];
}

/** The pages seen without logging in; a school's enrolment page is added once the demo's school is known. */
const PUBLIC_PAGES = [
  '/login',
  '/forgot-password',
  '/reset-password?token=nope',
  '/apply',
  '/request',
  // the re-enrolment e-mail's link, here an unknown one: the page says so under its title
  '/reenrolment/not-a-real-token-but-long-enough',
  // the distance lesson's "ok" link, an unknown one: the page says so under its title
  '/ack/not-a-real-token-but-long-enough',
];

/** The detail pages of the office, one record of each kind (from the demo, or made by this file). */
let details: string[] = [];

/** Tasks of several kinds, due today and overdue, worded as the services word them (the office reads the kind). */
async function addTasks(): Promise<void> {
  const db = server.deps.db;
  const file = await db
    .selectFrom('lesson_files')
    .select(['id', 'family_id'])
    .where('stage', '=', 'ongoing')
    .executeTakeFirstOrThrow();
  const teacher = await db.selectFrom('teachers').select('person_id as id').executeTakeFirstOrThrow();
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const tasks: NewTask[] = [
    {
      kind: 'could-not-reach',
      service: 'followup',
      title: 'Call both sides: they could not reach each other (teacher)',
    },
    { kind: 'lesson-disputed', service: 'followup', title: `Lesson of ${yesterday} disputed by the family` },
    { kind: 'first-lesson-alert', service: 'followup', title: 'No first-lesson date and the first debit is due by x' },
    { kind: 'check-in', service: 'followup', title: 'Monthly check-in with the family and the teacher' },
    {
      kind: 'refund-due',
      service: 'accounts',
      title: 'Rembourser 12,00 € à la famille (avoir A-1 sur la facture F-1)',
    },
    { kind: 'debit-returned', service: 'accounts', title: 'Prélèvement rejeté (AC04) — facture F-1' },
    {
      kind: 'reassign-after-exclusion',
      service: 'sales',
      title: 'Nouveau professeur à trouver (exclusion définitive)',
    },
    { kind: 'family-problem', service: 'followup', title: 'The family reports a problem' },
  ].map((task, index) => ({
    ...(task as Pick<NewTask, 'kind' | 'service' | 'title'>),
    dueOn: index % 2 ? yesterday : today,
    fileId: file.id,
    familyId: file.family_id,
    teacherId: task.kind === 'reassign-after-exclusion' ? teacher.id : null,
    dedupeKey: `languages-spec:${task.kind}`,
  }));
  await db.transaction().execute(async (tx) => {
    for (const task of tasks) await createTask(tx, server.deps.clock, task);
  });
}

async function findDetails(): Promise<void> {
  const db = server.deps.db;
  const first = async (table: string, where?: [string, string]) => {
    let query = db.selectFrom(table as 'families').select('id');
    if (where) query = query.where(where[0] as 'id', '=', where[1]);
    return (await query.executeTakeFirst())?.id;
  };
  const file = await first('lesson_files', ['stage', 'ongoing']);
  const matching = await first('lesson_files', ['stage', 'matching']);
  const family = (
    await db
      .selectFrom('sepa_mandates')
      .innerJoin('families', 'families.id', 'sepa_mandates.family_id')
      .select('families.id')
      .where('sepa_mandates.signature_method', '=', 'portal')
      .executeTakeFirstOrThrow()
  ).id;
  const student = await first('people', ['kind', 'student']);
  const guardian = await first('people', ['kind', 'guardian']);
  const teacher = (await db.selectFrom('teachers').select('person_id').executeTakeFirstOrThrow()).person_id;
  const invoice = await first('invoices');
  const batch = (
    await db
      .selectFrom('collection_batches')
      .innerJoin('batch_exclusions', 'batch_exclusions.batch_id', 'collection_batches.id')
      .select('collection_batches.id')
      .executeTakeFirstOrThrow()
  ).id;
  const school = await first('schools');
  const season = await first('seasons');
  const course = await first('courses');
  // A re-enrolment campaign: the demo's, else one opened on the demo's first course (the family gets a pack).
  const campaign = (await first('reenrolment_campaigns')) ?? (await openDemoCampaign(server)).campaignId;
  const [application, meeting, ticket, deferral, message] = await Promise.all(
    ['teacher_applications', 'meetings', 'tickets', 'payment_deferrals', 'outbox'].map((table) => first(table)),
  );
  const found: Record<string, string | undefined> = {
    [`/office/files/${file}`]: file,
    [`/office/files/${matching}`]: matching,
    [`/office/families/${family}`]: family,
    [`/office/people/${student}`]: student,
    [`/office/people/${guardian}`]: guardian,
    [`/office/teachers/${teacher}`]: teacher,
    [`/office/teachers/${teacher}/open-requests`]: teacher,
    [`/office/billing/plans/${invoice}`]: invoice,
    [`/office/billing/batches/${batch}`]: batch,
    [`/office/schools/${school}`]: school,
    [`/office/schools/${school}/calendar/${season}`]: school && season,
    [`/office/seasons/${season}`]: season,
    [`/office/courses/${course}`]: course,
    [`/office/reenrolment/${campaign}`]: campaign,
    [`/office/school-fees/families/${family}`]: family,
    [`/office/teacher-applications/${application}`]: application,
    [`/office/meetings/${meeting}`]: meeting,
    [`/office/tickets/${ticket}`]: ticket,
    [`/office/billing/deferrals/${deferral}`]: deferral,
    [`/office/outbox/${message}`]: message,
    '/office/requests/new': 'form',
    '/office/schools/new': 'form',
  };
  // The public enrolment page of a school (no login).
  if (school) PUBLIC_PAGES.push(`/inscription/${school}`);
  details = Object.entries(found)
    .filter(([, id]) => id)
    .map(([path]) => path);
  expect(details.length, 'detail pages found').toBeGreaterThanOrEqual(16);
}

/** Names of records in the demo and in this file: data that reads the same in both languages. */
async function findDataNames(): Promise<void> {
  const db = server.deps.db;
  const people = await db.selectFrom('people').select(['first_name', 'last_name']).execute();
  const names = [
    ...people.flatMap((p) => [`${p.first_name} ${p.last_name}`, p.first_name, p.last_name]),
    ...(await db.selectFrom('families').select('name').execute()).map((r) => r.name),
    ...(await db.selectFrom('schools').select('name').execute()).map((r) => r.name),
    ...(await db.selectFrom('school_rooms').select('name').execute()).map((r) => r.name),
    ...(await db.selectFrom('seasons').select('name').execute()).map((r) => r.name),
    ...(await db.selectFrom('plans').select('name').execute()).map((r) => r.name),
    ...(await db.selectFrom('meetings').select(['subject', 'place']).execute()).flatMap((r) => [r.subject, r.place]),
    ...(await db.selectFrom('tickets').select('subject').execute()).map((r) => r.subject),
    ...(await db.selectFrom('board_decisions').select('subject').execute()).map((r) => r.subject),
    ...(
      await db
        .selectFrom('teacher_applications')
        .select(['first_name', 'last_name', 'background', 'approach', 'message', 'interview_notes', 'decision_reason'])
        .execute()
    ).flatMap((r) => [
      `${r.first_name} ${r.last_name}`,
      // what applicants and staff wrote, in their own words ("Aucune disponibilité en semaine…")
      r.background,
      r.approach,
      r.message,
      r.interview_notes,
      r.decision_reason,
    ]),
    ...(await db.selectFrom('outbox').select('subject').execute()).map((r) => r.subject),
    // Styles are the teachers' own words ("musiques du monde"), shown as they wrote them.
    ...(await db.selectFrom('teachers').select('styles').execute()).flatMap(
      (r) => JSON.parse(r.styles ?? '[]') as string[],
    ),
  ];
  dataNames = [...new Set(names.filter((name): name is string => !!name && name.length > 2))].sort(
    (a, b) => b.length - a.length,
  );
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await addTasks();
  await findDetails();
  await findDataNames();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const OFFICE_ROLES = ['sales', 'recruitment', 'followup', 'accounts', 'board', 'secretariat'];

describe('every page in both languages: no key, no word of the other language', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`the office, every role and the detail pages, in ${language}`, async () => {
      const walked = new Set<string>();
      const problems = await walkAs(language, 'admin@demo.example.org', details, walked);
      for (const role of OFFICE_ROLES)
        problems.push(...(await walkAs(language, `${role}@demo.example.org`, [], walked)));
      expect(problems).toEqual([]);
    }, 300_000);

    it(`the teacher's and the family's portals and the public pages, in ${language}`, async () => {
      const walked = new Set<string>();
      const problems = await walkAs(language, 'teacher@demo.example.org', [], walked);
      problems.push(...(await walkAs(language, 'family@demo.example.org', [], walked)));
      const missing: string[] = [];
      const page = await pageIn(language, missing);
      for (const path of PUBLIC_PAGES) problems.push(...(await visit(page, language, path)));
      await page.context().close();
      expect([...problems, ...new Set(missing)]).toEqual([]);
    }, 180_000);
  }
});

describe('the check itself', () => {
  it('sees a key, a code and a word of the other language that a page would show', async () => {
    const missing: string[] = [];
    const page = await pageIn('en', missing);
    expect(await visit(page, 'en', '/login')).toEqual([]);
    await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      main.insertAdjacentHTML('beforeend', '<h2>Mot de passe</h2><p>agency.tasks.kinds.unknown</p><p>papier</p>');
    });
    const problems = await problemsOf(page, 'en', '/login');
    expect(problems).toEqual([
      expect.stringContaining('"Mot de passe" in en'),
      expect.stringContaining('raw key "agency.tasks.kinds.unknown"'),
      expect.stringContaining('"Mot de passe" in the en interface'),
    ]);
    await page.context().close();
  });
});
