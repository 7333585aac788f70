import { readFileSync } from 'node:fs';
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

// A season far enough ahead that no demo season can have its name.
const SEASON = '2029-2030';
const HOLIDAYS_CSV = new URL('./fixtures/calendrier-scolaire-zone-c.csv', import.meta.url);

async function loggedIn(email: string, options: { mobile?: boolean } = {}): Promise<Page> {
  const page = await newPage(browser, options);
  await loginThroughUi(page, server.url, email);
  return page;
}

const lastId = (page: Page) => new URL(page.url()).pathname.split('/').at(-1)!;

describe('the school network in the browser', { shuffle: false }, () => {
  let schoolId = '';
  let seasonId = '';

  it('lets the director create a school with rooms and opening hours, and assign its secretariat', async () => {
    const admin = await loggedIn('admin@demo.example.org');
    await admin.getByRole('navigation').getByRole('link', { name: 'Écoles' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Écoles' }).waitFor();
    await expectAccessible(admin, 'schools list');
    await admin.getByRole('link', { name: 'Nouvelle école' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Nouvelle école' }).waitFor();
    await admin.getByLabel(/^Nom/).fill('École des Lilas');
    await admin.getByLabel(/^Adresse/).fill('12 rue des Lilas');
    await admin.getByLabel(/^Code postal/).fill('75011');
    await admin.getByLabel(/^Commune/).fill('Paris');
    await admin.getByLabel('Téléphone').fill('01 43 55 00 00');
    await admin.getByLabel('Zone de vacances').selectOption('C');
    await admin.getByRole('button', { name: 'Ajouter un créneau d’ouverture' }).click();
    await admin.getByLabel('Fermeture').fill('20:00');
    await admin.getByRole('button', { name: 'Ajouter une salle' }).click();
    await admin.getByRole('button', { name: 'Ajouter une salle' }).click();
    const names = admin.getByLabel(/^Nom de la salle/);
    await names.nth(0).fill('Salle Debussy');
    await names.nth(1).fill('Auditorium');
    await admin
      .getByLabel(/^Capacité/)
      .nth(0)
      .fill('2');
    await admin
      .getByLabel(/^Capacité/)
      .nth(1)
      .fill('30');
    await admin.getByRole('group', { name: 'Salle Debussy' }).getByLabel('Piano à queue').check();
    await admin.getByRole('group', { name: 'Auditorium' }).getByLabel('Scène').check();
    await expectAccessible(admin, 'new school form');
    await admin.getByRole('button', { name: 'Enregistrer l’école' }).click();
    await admin.getByRole('heading', { level: 1, name: 'École : École des Lilas' }).waitFor();
    schoolId = lastId(admin);
    expect(await admin.getByRole('group', { name: 'Salle Debussy' }).getByLabel('Piano à queue').isChecked()).toBe(
      true,
    );

    // Its secretariat: Sophie works for this school alone from now on.
    await admin.getByLabel(/Sophie Secrétariat/).check();
    await admin.getByRole('button', { name: 'Enregistrer le secrétariat' }).click();
    await admin.getByText('Secrétariat enregistré.').waitFor();
    await expectAccessible(admin, 'school page');
    await admin.context().close();
  });

  it('creates a season whose terms are refused on their fields until right, then imports the zone’s holidays and sets a bridge and an open day', async () => {
    const admin = await loggedIn('admin@demo.example.org');
    await admin.goto(`${server.url}/office/seasons`);
    await admin.getByRole('heading', { level: 1, name: 'Saisons et calendrier' }).waitFor();
    await admin.getByLabel(/^Saison \(ex/).fill(SEASON);
    await admin
      .getByLabel(/^Début$|^Début \*/)
      .first()
      .fill('2029-09-01');
    await admin
      .getByLabel(/^Fin$|^Fin \*/)
      .first()
      .fill('2030-07-04');
    const term1 = admin.getByRole('group', { name: 'Trimestres 1' });
    await term1.getByLabel(/^Nom/).fill('1er trimestre');
    await term1.getByLabel(/^Début du trimestre/).fill('2029-09-17');
    await term1.getByLabel(/^Fin du trimestre/).fill('2029-09-10');
    await admin.getByRole('button', { name: 'Ajouter un trimestre' }).click();
    const term2 = admin.getByRole('group', { name: 'Trimestres 2' });
    await term2.getByLabel(/^Nom/).fill('2e trimestre');
    await term2.getByLabel(/^Début du trimestre/).fill('2029-09-12');
    await term2.getByLabel(/^Fin du trimestre/).fill('2030-06-27');
    await admin.getByRole('button', { name: 'Créer la saison' }).click();
    await term1.getByText('Le trimestre finit avant de commencer.').waitFor();
    await expectAccessible(admin, 'season form with a term ending before it starts');
    await term1.getByLabel(/^Fin du trimestre/).fill('2029-12-21');
    await admin.getByRole('button', { name: 'Créer la saison' }).click();
    await term2.getByText('Ce trimestre chevauche le précédent.').waitFor();
    await term2.getByLabel(/^Début du trimestre/).fill('2030-01-07');
    await admin.getByRole('button', { name: 'Créer la saison' }).click();
    await admin.getByRole('heading', { level: 1, name: `Saison ${SEASON}` }).waitFor();
    seasonId = lastId(admin);

    // The zone's holidays from the official file (its zone A row is left out).
    await admin.getByLabel('Zone', { exact: true }).selectOption('C');
    await admin.getByLabel('Fichier du calendrier (CSV ou ICS)').setInputFiles({
      name: 'fr-en-calendrier-scolaire.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(HOLIDAYS_CSV),
    });
    await admin.getByRole('button', { name: 'Importer les vacances' }).click();
    await admin.getByText('3 période(s) de vacances importée(s).').waitFor();
    const entries = admin.getByRole('region', { name: 'Vacances, fermetures et ouvertures' });
    await entries.getByRole('cell', { name: 'Vacances de Noël' }).waitFor();
    await entries.getByRole('cell', { name: /Vacances d'Hiver|Vacances d’Hiver/ }).waitFor();

    // A bridge where the schools close, and a solidarity day where classes are held.
    const add = admin.getByRole('region', { name: 'Fermeture ou ouverture exceptionnelle' });
    await add.getByLabel('Type').selectOption('closure');
    await add.getByLabel(/^Début/).fill('2030-05-31');
    await add.getByLabel(/^Fin/).fill('2030-05-31');
    await add.getByLabel(/^Libellé/).fill('Pont de l’Ascension');
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await entries.getByRole('cell', { name: 'Pont de l’Ascension', exact: true }).waitFor();
    await add.getByLabel('Type').selectOption('open_day');
    await add.getByLabel(/^Début/).fill('2030-02-20');
    await add.getByLabel(/^Libellé/).fill('Journée de solidarité');
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await entries.getByRole('cell', { name: 'Journée de solidarité', exact: true }).waitFor();
    await expectAccessible(admin, 'season page');

    // The school's season calendar: printable, with its iCal feed.
    await admin.getByRole('link', { name: `Calendrier ${SEASON} — École des Lilas` }).click();
    await admin.getByRole('heading', { level: 1, name: `Calendrier ${SEASON} — École des Lilas` }).waitFor();
    const closed = admin.getByRole('region', { name: 'Jours sans cours' });
    await closed.getByRole('cell', { name: 'Pont de l’Ascension' }).waitFor();
    await closed.getByRole('cell', { name: 'Vacances de la Toussaint' }).first().waitFor();
    await admin
      .getByRole('region', { name: 'Ouverture exceptionnelle' })
      .getByText(/Journée de solidarité/)
      .waitFor();
    await expectAccessible(admin, 'season calendar');
    const feed = await admin.getByRole('link', { name: 'S’abonner (iCal)' }).getAttribute('href');
    expect(feed).toContain(`/api/calendars/${schoolId}/${seasonId}.ics`);
    const ics = await admin.request.get(feed!);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await admin.emulateMedia({ media: 'print' });
    expect(await admin.getByRole('navigation').isVisible()).toBe(false);
    expect(await admin.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    await admin.emulateMedia({ media: 'screen' });
    await admin.context().close();
  });

  it('lets the secretariat create a group class and an individual lesson, and refuses a teacher in two places', async () => {
    const secretariat = await loggedIn('secretariat@demo.example.org');
    await secretariat.getByRole('navigation').getByRole('link', { name: 'Cours', exact: true }).click();
    await secretariat.getByRole('heading', { level: 1, name: 'Cours' }).waitFor();
    // She works for this school alone: it is the one her pages open on.
    await secretariat.goto(`${server.url}/office/courses?season=${seasonId}`);
    expect(await secretariat.getByLabel('École').inputValue()).toBe(schoolId);
    await secretariat.getByText('Aucun cours pour cette saison.').waitFor();
    await expectAccessible(secretariat, 'courses page');
    const form = secretariat.getByRole('region', { name: 'Nouveau cours' });
    const create = form.getByRole('button', { name: 'Créer le cours' });

    // A group class: music theory, 7 to 9 years old, in the auditorium on Wednesday afternoon.
    await form.getByLabel('Type de cours').selectOption('group');
    await form.getByLabel('Discipline').selectOption({ label: 'Formation musicale (solfège)' });
    await form.getByLabel(/^Niveau/).fill('FM 1');
    await form.getByLabel('Âge minimum').fill('7');
    await form.getByLabel('Âge maximum').fill('9');
    await form.getByLabel(/^Professeur/).selectOption({ label: 'Hélène Marchand' });
    await form.getByLabel('Salle', { exact: true }).selectOption({ label: 'Auditorium (30)' });
    await form.getByLabel('Jour').selectOption({ label: 'Mercredi' });
    await form.getByLabel(/^Heure de début/).fill('14:00');
    await form.getByLabel(/^Durée/).fill('60');
    await form.getByLabel(/^Places/).fill('12');
    await create.click();
    await secretariat.getByText('Cours créé.').waitFor();
    const list = secretariat.getByRole('table');
    await list.getByRole('cell', { name: /FM 1/ }).waitFor();

    // An individual piano lesson after it, in the small room.
    await form.getByLabel('Type de cours').selectOption('individual');
    await form.getByLabel('Discipline').selectOption({ label: 'Piano' });
    await form.getByLabel(/^Niveau/).fill('Cycle 1');
    await form.getByLabel(/^Professeur/).selectOption({ label: 'Hélène Marchand' });
    await form.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Debussy (2)' });
    await form.getByLabel('Jour').selectOption({ label: 'Mercredi' });
    await form.getByLabel(/^Heure de début/).fill('15:00');
    await create.click();
    await list.getByRole('cell', { name: 'Cycle 1' }).waitFor();
    await list.getByRole('cell', { name: 'Cours individuel' }).waitFor();

    // The same teacher at 14:30 is already in the auditorium: refused, saying so.
    await form.getByLabel('Type de cours').selectOption('individual');
    await form.getByLabel('Discipline').selectOption({ label: 'Piano' });
    await form.getByLabel(/^Niveau/).fill('Cycle 2');
    await form.getByLabel(/^Professeur/).selectOption({ label: 'Hélène Marchand' });
    await form.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Debussy (2)' });
    await form.getByLabel('Jour').selectOption({ label: 'Mercredi' });
    await form.getByLabel(/^Heure de début/).fill('14:30');
    await create.click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'Le cours n’a pas été créé : Ce professeur donne déjà un cours à cette heure-là.' })
      .waitFor();
    expect(await form.getByLabel(/^Heure de début/).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(secretariat, 'course form with a conflict');
    expect(await list.getByRole('cell', { name: 'Cycle 2' }).count()).toBe(0);

    // The school's week, printable.
    await secretariat.goto(`${server.url}/office/timetables?season=${seasonId}&school=${schoolId}`);
    await secretariat.getByRole('heading', { level: 1, name: 'Emplois du temps' }).waitFor();
    const grid = secretariat.getByRole('table', { name: /École des Lilas/ });
    await grid.getByText('14:00–15:00 Formation musicale (solfège)').waitFor();
    await grid.getByText('15:00–15:30 Piano').waitFor();
    await expectAccessible(secretariat, 'school timetable');
    await secretariat.getByLabel('Afficher par').selectOption('room');
    await secretariat.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Debussy' });
    await secretariat
      .getByRole('table', { name: /Salle Debussy/ })
      .getByText('15:00–15:30 Piano')
      .waitFor();
    expect(await secretariat.getByText('14:00–15:00 Formation musicale (solfège)').count()).toBe(0);
    await secretariat.context().close();
  });

  it('shows the teacher her timetable in the portal, on a phone', async () => {
    const teacher = await loggedIn('teacher@demo.example.org', { mobile: true });
    await teacher.goto(`${server.url}/teacher/timetable?season=${seasonId}`);
    await teacher.getByRole('heading', { level: 1, name: 'Mon emploi du temps' }).waitFor();
    const grid = teacher.getByRole('table', { name: /Mon emploi du temps/ });
    await grid.getByText('14:00–15:00 Formation musicale (solfège)').waitFor();
    await grid.getByText(/Cycle 1 · École des Lilas · Salle Debussy/).waitFor();
    await expectAccessible(teacher, 'teacher timetable on a phone');
    await teacher.context().close();
  });

  it('shows the board a teacher’s timetable in English, and sales none of the schools’ pages', async () => {
    const sales = await loggedIn('sales@demo.example.org');
    const salesNav = sales.getByRole('navigation', { name: 'Navigation principale' });
    await salesNav.getByRole('link', { name: 'Familles' }).waitFor();
    for (const label of ['Écoles', 'Cours', 'Emplois du temps']) {
      expect(await salesNav.getByRole('link', { name: label, exact: true }).count(), label).toBe(0);
    }
    await sales.context().close();
    const board = await loggedIn('board@demo.example.org');
    await board.getByRole('button', { name: 'Bernard Bureau' }).click();
    await board.getByRole('menuitem', { name: 'English' }).click();
    await board.goto(`${server.url}/office/timetables?season=${seasonId}&by=teacher`);
    await board.getByRole('heading', { level: 1, name: 'Timetables' }).waitFor();
    await board.getByLabel('Teacher').selectOption({ label: 'Hélène Marchand' });
    const grid = board.getByRole('table', { name: /Hélène Marchand/ });
    await grid.getByText('14:00–15:00 Music theory').waitFor();
    await grid.getByRole('columnheader', { name: 'Wednesday' }).waitFor();
    await expectAccessible(board, 'teacher timetable in English');
    await board.context().close();
  });

  it('lets the secretariat open a course, switch a period to distance, refuse a clashing slot, suspend and resume it', async () => {
    const secretariat = await loggedIn('secretariat@demo.example.org');
    await secretariat.goto(`${server.url}/office/courses?season=${seasonId}`);
    await secretariat.getByRole('link', { name: 'Ouvrir le cours FM 1' }).click();
    await secretariat.getByRole('heading', { level: 1, name: 'Formation musicale (solfège) — FM 1' }).waitFor();
    const lessons = secretariat.getByRole('region', { name: 'Séances de la saison' });
    await lessons.getByRole('cell', { name: 'En salle' }).first().waitFor();
    await expectAccessible(secretariat, 'course page');

    // The auditorium is closed for two weeks of October: the lessons go online, the range checked on the field.
    const distance = secretariat.getByRole('region', { name: 'Passer à distance une période' });
    await distance.getByLabel(/^Du/).fill('2029-10-12');
    await distance.getByLabel(/^Au/).fill('2029-10-01');
    await distance.getByLabel(/^Motif/).fill('Auditorium en travaux');
    await distance.getByLabel(/^Lien de visioconférence/).fill('https://visio.example.org/fm1');
    await distance.getByRole('button', { name: 'Passer à distance' }).click();
    await distance.getByText('La fin de la période à distance doit suivre son début.').waitFor();
    expect(await distance.getByLabel(/^Au/).getAttribute('aria-invalid')).toBe('true');
    await distance.getByLabel(/^Du/).fill('2029-10-01');
    await distance.getByLabel(/^Au/).fill('2029-10-12');
    await distance.getByRole('button', { name: 'Passer à distance' }).click();
    await secretariat.getByText('Période à distance enregistrée.').waitFor();
    await lessons.getByText(/Auditorium en travaux/).waitFor();
    expect(await lessons.getByRole('cell', { name: 'À distance · https://visio.example.org/fm1' }).count()).toBe(2);
    await expectAccessible(secretariat, 'course with a distance period');

    // The works end early: the period is cancelled, the lessons are in the room again.
    await lessons.getByRole('button', { name: /^Annuler la période du/ }).click();
    await secretariat.getByText('Période à distance annulée : le professeur est prévenu.').waitFor();
    await lessons.getByText(/Auditorium en travaux/).waitFor({ state: 'detached' });
    expect(await lessons.getByRole('cell', { name: /^À distance/ }).count()).toBe(0);

    // Moving it onto her piano lesson is refused on the field.
    const edit = secretariat.getByRole('region', { name: 'Modifier le cours' });
    await edit.getByLabel(/^Heure de début/).fill('15:00');
    await edit.getByRole('button', { name: 'Enregistrer le cours' }).click();
    await edit
      .getByRole('alert')
      .filter({ hasText: 'Le cours n’a pas été modifié : Ce professeur donne déjà un cours à cette heure-là.' })
      .waitFor();
    expect(await edit.getByLabel(/^Heure de début/).getAttribute('aria-invalid')).toBe('true');

    // The whole course stops, then resumes.
    const suspend = secretariat.getByRole('region', { name: 'Suspendre ou reprendre le cours' });
    await suspend.getByLabel(/^Motif/).fill('Professeure en congé');
    await suspend.getByRole('button', { name: 'Suspendre le cours' }).click();
    await secretariat.getByText('Suspendu : Professeure en congé').waitFor();
    await lessons.getByText('Aucune séance (cours suspendu ou calendrier vide).').waitFor();
    await expectAccessible(secretariat, 'suspended course');
    await suspend.getByRole('button', { name: 'Reprendre le cours' }).click();
    await secretariat.getByText('Cours repris.').waitFor();
    await lessons.getByRole('cell', { name: 'En salle' }).first().waitFor();
    await secretariat.context().close();
  });

  it('shows the board the season’s report with the network’s row, and the school’s secretariat its school alone', async () => {
    // The board reads in English since the timetable step.
    const board = await loggedIn('board@demo.example.org');
    await board.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await board.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await board.getByLabel('Season', { exact: true }).selectOption({ label: SEASON });
    const summary = board.getByRole('table', { name: `Figures of the ${SEASON} season` });
    await summary.getByRole('rowheader', { name: 'Whole network' }).waitFor();
    await summary.getByRole('rowheader', { name: 'École des Lilas' }).waitFor();
    const csv = board.getByRole('link', { name: 'Download the report (CSV)' });
    expect(await csv.getAttribute('href')).toBe(`/api/seasons/${seasonId}/reports.csv`);
    await expectAccessible(board, 'reports');
    await board.context().close();

    // Sophie works for the École des Lilas alone: its row, no other school's, no network's; cards on a phone.
    const secretariat = await loggedIn('secretariat@demo.example.org', { mobile: true });
    await secretariat.goto(`${server.url}/office/reports?season=${seasonId}`);
    await secretariat.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
    const cards = secretariat.getByRole('list', { name: `Chiffres de la saison ${SEASON}` });
    await cards.getByRole('heading', { name: 'École des Lilas' }).waitFor();
    expect(await cards.getByRole('listitem').count()).toBe(1);
    expect(await secretariat.getByText('Tout le réseau', { exact: true }).count()).toBe(0);
    expect(await secretariat.getByText(/Par discipline — Tout le réseau/).count()).toBe(0);
    const width = await secretariat.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectAccessible(secretariat, 'reports on a phone');
    await secretariat.context().close();
  });
});
