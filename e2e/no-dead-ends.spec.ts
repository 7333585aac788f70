import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTask } from '../apps/api/src/platform/tasks.js';
import { organisationToday } from '../apps/api/src/platform/settings.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

/** Issue 13, "no dead ends": the file page's links, tasks completed from the home page, the family's request, the board. */
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

describe('no dead ends in the browser', () => {
  it('the file page leads to the family, the student, the guardians and the teacher, with numbers to call', async () => {
    const file = await server.deps.db
      .selectFrom('lesson_files')
      .innerJoin('assignments', 'assignments.file_id', 'lesson_files.id')
      .innerJoin('families', 'families.id', 'lesson_files.family_id')
      .innerJoin('people as student', 'student.id', 'lesson_files.student_id')
      .innerJoin('people as teacher', 'teacher.id', 'assignments.teacher_id')
      .select([
        'lesson_files.id',
        'families.name as family_name',
        'student.first_name',
        'student.last_name',
        'teacher.first_name as teacher_first_name',
        'teacher.last_name as teacher_last_name',
      ])
      .where('lesson_files.stage', '=', 'ongoing')
      .where('assignments.ended_on', 'is', null)
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'followup@demo.example.org');
    await page.goto(`${server.url}/office/files/${file.id}`);
    const links = page.getByRole('navigation', { name: 'Liens' });
    await links.waitFor();
    await links.getByRole('link', { name: `Élève : ${file.first_name} ${file.last_name}` }).waitFor();
    await links
      .getByRole('link', { name: `Professeur : ${file.teacher_first_name} ${file.teacher_last_name}` })
      .waitFor();
    await links
      .getByRole('link', { name: /^Responsable : / })
      .first()
      .waitFor();
    await links.getByRole('link', { name: /^Tickets du dossier/ }).waitFor();
    const tel = await links.locator('a[href^="tel:"]').first().getAttribute('href');
    expect(tel).toMatch(/^tel:\+\d+$/);
    await expectAccessible(page, 'file page with its links');
    await links.getByRole('link', { name: `Famille ${file.family_name}` }).click();
    await page.getByRole('heading', { level: 1, name: file.family_name }).waitFor();
    // The family page lists its files, back to this one.
    await page.getByRole('region', { name: 'Dossiers' }).locator(`a[href="/office/files/${file.id}"]`).waitFor();
    await expectAccessible(page, 'family page with its files');
  });

  it('followup completes a task of the day from the home page, with an outcome', async () => {
    const file = await server.deps.db
      .selectFrom('lesson_files')
      .innerJoin('people', 'people.id', 'lesson_files.student_id')
      .select(['lesson_files.id', 'people.first_name', 'people.last_name'])
      .where('lesson_files.stage', '=', 'ongoing')
      .executeTakeFirstOrThrow();
    const today = await organisationToday(server.deps.db, server.deps.clock);
    await server.deps.db.transaction().execute((tx) =>
      createTask(tx, server.deps.clock, {
        kind: 'e2e-call',
        service: 'followup',
        title: 'Appeler la famille (test)',
        dueOn: today,
        fileId: file.id,
      }),
    );
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'followup@demo.example.org');
    const panel = page.getByRole('region', { name: 'Mes tâches du jour' });
    const card = panel.getByRole('listitem', { name: 'Appeler la famille (test)' });
    await card.waitFor();
    await card.getByRole('link', { name: `${file.first_name} ${file.last_name}` }).waitFor();
    await expectAccessible(page, 'home page with my tasks');
    await card.getByRole('button', { name: 'Terminer' }).click();
    await card.getByLabel('Résultat').selectOption('unreachable');
    await card.getByLabel('Note (facultative)').fill('Messagerie, rappeler demain');
    await expectAccessible(page, 'task completion form');
    await card.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await card.waitFor({ state: 'detached' });
    const row = await server.deps.db
      .selectFrom('tasks')
      .select(['status', 'outcome_kind', 'outcome'])
      .where('kind', '=', 'e2e-call')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', outcome_kind: 'unreachable', outcome: 'Messagerie, rappeler demain' });
  });

  it('a family asks for a change of teacher from its portal; the followup team gets it as a task', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'family@demo.example.org');
    await page.goto(`${server.url}/family/lessons`);
    const form = page.getByRole('form', { name: 'Une demande ?' }).first();
    await form.waitFor();
    await form.getByLabel('Votre demande').selectOption('change_teacher');
    await form.getByLabel('Votre message').fill('Les horaires du mercredi ne nous conviennent plus.');
    await expectAccessible(page, 'family request form');
    await form.getByRole('button', { name: 'Envoyer à l’équipe' }).click();
    await form.getByText('Merci, l’équipe de suivi vous répondra rapidement.').waitFor();
    const task = await server.deps.db
      .selectFrom('tasks')
      .select(['service', 'kind', 'details'])
      .where('kind', '=', 'family-change-teacher')
      .executeTakeFirstOrThrow();
    expect(task).toEqual({
      service: 'followup',
      kind: 'family-change-teacher',
      details: 'Les horaires du mercredi ne nous conviennent plus.',
    });
  });

  it('the pipeline is a board of cards usable on a 390 px phone, filtered by name, town, service and need', async () => {
    const file = await server.deps.db
      .selectFrom('lesson_files')
      .innerJoin('people', 'people.id', 'lesson_files.student_id')
      .select(['lesson_files.id', 'lesson_files.stage', 'people.last_name'])
      .where('lesson_files.stage', '=', 'closed')
      .executeTakeFirstOrThrow();
    const page = await newPage(browser, { mobile: true });
    await loginThroughUi(page, server.url, 'sales@demo.example.org');
    await page.goto(`${server.url}/office/files`);
    for (const stage of ['Nouvelle demande', 'Recherche de professeur', 'En cours', 'Clos'])
      await page.getByRole('heading', { level: 2, name: new RegExp(`^${stage} \\(`) }).waitFor();
    await expectAccessible(page, 'pipeline board at 390 px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByLabel('Nom ou référence').fill(file.last_name);
    const closed = page.getByRole('region', { name: /^Clos \(/ });
    await closed.locator(`a[href="/office/files/${file.id}"]`).waitFor();
    await page.getByLabel('Service').selectOption('sales');
    await page.getByLabel('À traiter aujourd’hui').check();
    await page.getByLabel('Ville').fill('zzzz');
    await closed.getByText('Aucun dossier.').waitFor();
    await expectAccessible(page, 'pipeline board filtered at 390 px');
  });
});
