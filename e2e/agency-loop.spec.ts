import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';
import { makeUser, TEST_PASSWORD } from '../apps/api/src/testing/harness.js';

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

// The organisation's date (Europe/Paris), which the server checks lesson dates against; the UTC date is a day behind after 23:00 UTC.
const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const GUARDIAN_EMAIL = 'capucine.parent@famille.example.org';

describe('the agency loop in the browser', () => {
  it('takes a public request through subscription, matching, hand-over, first lesson, lessons, a call and a new search', async () => {
    // 1. A family fills the public form, without logging in.
    const family = await newPage(browser);
    await family.goto(`${server.url}/request`);
    await family.getByRole('heading', { level: 1, name: 'Demander des cours de musique' }).waitFor();
    await expectAccessible(family, 'public request form');
    const guardian = family.getByRole('group', { name: 'Le responsable (parent)' });
    await guardian.getByLabel(/^Prénom/).fill('Aurore');
    await guardian.getByLabel(/^Nom/).fill('Testard');
    await guardian.getByLabel('E-mail').fill(GUARDIAN_EMAIL);
    const student = family.getByRole('group', { name: 'L’élève' });
    await student.getByLabel(/^Prénom/).fill('Capucine');
    await student.getByLabel('Nom', { exact: true }).fill('Testard');
    await student.getByLabel('Date de naissance').fill('2016-05-10');
    await family.getByLabel(/^Adresse/).fill('12 rue Oberkampf');
    await family.getByLabel('Code postal').fill('75011');
    await family.getByLabel('Commune').fill('Paris');
    await family.getByRole('button', { name: 'Envoyer la demande' }).click();
    await family.getByRole('status').filter({ hasText: 'référence' }).waitFor();
    const file = await server.deps.db
      .selectFrom('lesson_files')
      .innerJoin('people', 'people.id', 'lesson_files.student_id')
      .select(['lesson_files.id'])
      .where('people.first_name', '=', 'Capucine')
      .executeTakeFirstOrThrow();

    // 2. Sales finds it in the pipeline and subscribes it to a plan.
    const sales = await newPage(browser);
    await loginThroughUi(sales, server.url, 'sales@demo.example.org');
    await sales.goto(`${server.url}/office/files`);
    await sales.getByLabel('Nom ou référence').fill('Capucine Testard');
    await sales
      .getByRole('region', { name: /^Nouvelle demande \(/ })
      .getByRole('link', { name: 'Capucine Testard' })
      .click();
    await sales.getByRole('heading', { level: 1, name: /Capucine Testard/ }).waitFor();
    await expectAccessible(sales, 'file page (new request)');
    await sales.getByRole('button', { name: 'Abonner à une formule' }).click();
    await sales
      .getByRole('region', { name: 'Professeurs proposés' })
      .or(sales.getByText('Recherche de professeur'))
      .first()
      .waitFor();
    await sales.context().close();

    // 3. Recruitment sees ranked candidates with their reasons and hands the contact over.
    const recruitment = await newPage(browser);
    await loginThroughUi(recruitment, server.url, 'recruitment@demo.example.org');
    await recruitment.goto(`${server.url}/office/files/${file.id}`);
    const candidates = recruitment.getByRole('region', { name: 'Professeurs proposés' });
    const first = candidates.getByRole('article').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toMatch(/créneau/);
    await expect(first.textContent()).resolves.toMatch(/enseigne le piano/);
    await expectAccessible(recruitment, 'file page with candidates');
    const firstName = (await first.getAttribute('aria-label')) ?? '';
    await first.getByRole('button', { name: /Transmettre le contact/ }).click();
    // The hand-over asks first: it e-mails both sides and starts billing.
    await recruitment
      .getByRole('dialog', { name: /Transmettre le contact/ })
      .getByRole('button', { name: 'Transmettre et démarrer la facturation' })
      .click();
    await recruitment.getByText('Contact transmis', { exact: false }).first().waitFor();
    await recruitment.context().close();

    // Both e-mails are in the outbox, and both sides received theirs.
    const assignment = await server.deps.db
      .selectFrom('assignments')
      .select(['teacher_id'])
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    const teacherPerson = await server.deps.db
      .selectFrom('people')
      .select(['email', 'first_name', 'last_name'])
      .where('id', '=', assignment.teacher_id)
      .executeTakeFirstOrThrow();
    expect(`${teacherPerson.first_name} ${teacherPerson.last_name}`).toBe(firstName);
    const familyMail = await server.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', GUARDIAN_EMAIL)
      .where('template', '=', 'agency.handover-family')
      .executeTakeFirstOrThrow();
    const teacherMail = await server.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', teacherPerson.email ?? '')
      .where('template', '=', 'agency.handover-teacher')
      .executeTakeFirstOrThrow();
    expect(teacherMail.text_body).toContain(GUARDIAN_EMAIL);

    // 4. The family opens the e-mailed link and records the first-lesson date without logging in.
    expect(familyMail.text_body).toContain('[lien personnel masqué]');
    const link = server.mailbox.linkTo(GUARDIAN_EMAIL, '/l/');
    await family.goto(link);
    await family.getByRole('heading', { level: 1, name: /Capucine/ }).waitFor();
    await expectAccessible(family, 'signed link page');
    await family.getByLabel('Date du premier cours').fill(today());
    await family.getByRole('button', { name: 'Enregistrer la date' }).click();
    await family.getByRole('status').filter({ hasText: 'Merci' }).waitFor();
    await family.context().close();

    // 5. The teacher records two lessons from their portal.
    const teacherUser = await makeUser(server.deps, ['teacher'], {
      personId: assignment.teacher_id,
      email: 'e2e-teacher@demo.example.org',
    });
    const teacher = await newPage(browser, { mobile: true });
    await loginThroughUi(teacher, server.url, teacherUser.email, TEST_PASSWORD);
    await teacher.goto(`${server.url}/teacher/students`);
    const section = teacher.getByRole('region', { name: /Capucine Testard/ });
    await section.waitFor();
    await expectAccessible(teacher, 'teacher students (phone)');
    const lessonsRecorded = async () =>
      (await server.deps.db.selectFrom('lessons').select('id').where('file_id', '=', file.id).execute()).length;
    for (let n = 0; n < 2; n += 1) {
      const form = section.getByRole('form', { name: 'Enregistrer un cours' });
      await form.getByLabel(/^Date/).fill(today());
      await form.getByRole('button', { name: 'Enregistrer un cours' }).click();
      // Saved, and the form emptied by its success handler: typing the next date before that (a slower engine
      // answers later) would see it wiped and the next click refused for a missing date.
      await expect.poll(lessonsRecorded).toBe(n + 1);
      await expect.poll(() => form.getByLabel(/^Date/).inputValue()).toBe('');
    }
    // The month of lessons, from the portal's menu: the two lessons just recorded.
    await teacher.goto(`${server.url}/teacher/lessons`);
    await teacher.getByRole('heading', { level: 1, name: 'Mes cours du mois' }).waitFor();
    await teacher.getByText(/\d+ cours affichés, \d+ minutes données/).waitFor();
    expect(
      await teacher
        .getByRole('region', { name: /Cours du mois de/ })
        .getByRole('row', { name: /Capucine Testard/ })
        .count(),
    ).toBe(2);
    await expectAccessible(teacher, 'teacher lessons of the month (phone)');
    await teacher.context().close();

    // 6. Followup logs a call, then the family asks for another teacher: back to matching, first teacher excluded.
    const followup = await newPage(browser);
    await loginThroughUi(followup, server.url, 'followup@demo.example.org');
    await followup.goto(`${server.url}/office/files/${file.id}`);
    await followup.getByRole('heading', { level: 1, name: /Capucine Testard/ }).waitFor();
    await followup.getByLabel('Résumé').fill('Appel de la famille : souhaite changer de professeur (horaires).');
    await followup.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await followup.getByText('souhaite changer de professeur', { exact: false }).first().waitFor();
    await followup.getByLabel('Motif', { exact: true }).selectOption('mismatch');
    await followup.getByRole('button', { name: 'Changer de professeur' }).click();
    await followup.getByRole('region', { name: 'Professeurs proposés' }).waitFor();
    await expectAccessible(followup, 'file page back in matching');
    const row = await server.deps.db
      .selectFrom('lesson_files')
      .select('stage')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(row.stage).toBe('matching');
    await followup
      .getByRole('region', { name: 'Professeurs proposés' })
      .getByRole('article')
      .first()
      .or(followup.getByText('Aucun professeur ne passe tous les critères.'))
      .first()
      .waitFor();
    expect(await followup.getByRole('article', { name: firstName }).count()).toBe(0);

    // The office's month of lessons links each lesson to its file.
    await followup.goto(`${server.url}/office/lessons`);
    await followup.getByRole('heading', { level: 1, name: 'Cours du mois' }).waitFor();
    // Oldest first, a page at a time: today's lessons may sit behind "Afficher plus" when the demo fills the month.
    const capucine = followup.getByRole('link', { name: 'Capucine Testard' }).first();
    const loadMore = followup.getByRole('button', { name: 'Afficher plus' });
    await followup.getByText(/\d+ cours affichés/).waitFor();
    while (!(await capucine.isVisible()) && (await loadMore.isVisible())) {
      const shown = await followup.getByRole('row').count();
      await loadMore.click();
      await followup.waitForFunction((before) => document.querySelectorAll('tr').length > before, shown);
    }
    await capucine.waitFor();
    await expectAccessible(followup, 'office lessons of the month');

    // The followup dashboard: today's tasks, the pipeline by stage, lead times.
    await followup.goto(`${server.url}/office/agency-dashboard`);
    await followup.getByRole('region', { name: 'Délais médians (jours)' }).waitFor();
    await expectAccessible(followup, 'agency dashboard');
    await followup.context().close();
  }, 240_000); // a long journey through five portals (and a confirmation dialog since issue 13)
});
