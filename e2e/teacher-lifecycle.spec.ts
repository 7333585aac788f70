import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
// The server's clock, so the meeting can be "over" when staff record attendance (the browser keeps real time).
const clock = new TestClock(new Date());
beforeAll(async () => {
  server = await startServer({ clock });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const APPLICANT_EMAIL = 'lucie.candidate@example.org';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const localDateTime = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

async function followupPage(): Promise<Page> {
  const page = await newPage(browser);
  await loginThroughUi(page, server.url, 'followup@demo.example.org');
  return page;
}

describe('the teachers’ lifecycle in the browser', () => {
  it('takes an applicant through the interview to a teacher who completes their profile, uploads a diploma and attends a meeting', async () => {
    // 1. A person applies on the public form, with a CV, without logging in.
    const applicant = await newPage(browser);
    await applicant.goto(`${server.url}/apply`);
    await applicant.getByRole('heading', { level: 1, name: 'Devenir professeur' }).waitFor();
    await expectAccessible(applicant, 'public application form');
    await applicant.getByLabel(/^Prénom/).fill('Lucie');
    await applicant.getByLabel(/^Nom/).fill('Candidate');
    await applicant.getByLabel(/^E-mail/).fill(APPLICANT_EMAIL);
    await applicant.getByLabel('Téléphone').fill('06 12 00 00 01');
    await applicant.getByLabel('Code postal', { exact: true }).fill('69003');
    await applicant.getByLabel('Commune').fill('Lyon');
    await applicant.getByLabel(/^Votre parcours musical/).fill('Conservatoire de Lyon, 12 ans de piano.');
    await applicant.getByLabel(/^Votre approche/).fill('Partir du répertoire que l’élève aime.');
    await applicant
      .getByLabel(/^Votre CV/)
      .setInputFiles({ name: 'cv-lucie.pdf', mimeType: 'application/pdf', buffer: PDF });
    await applicant.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await applicant.getByRole('status').filter({ hasText: 'candidature est bien reçue' }).waitFor();
    await applicant.context().close();

    // 2. Followup finds it on the board, records the interview and accepts.
    const followup = await followupPage();
    await followup.goto(`${server.url}/office/teacher-applications`);
    await followup.getByRole('heading', { level: 1, name: 'Candidatures professeurs' }).waitFor();
    await expectAccessible(followup, 'applications board');
    await followup.getByRole('link', { name: 'Lucie Candidate' }).click();
    await followup.getByRole('heading', { level: 1, name: /Lucie Candidate/ }).waitFor();
    await followup.getByRole('link', { name: 'cv-lucie.pdf' }).waitFor();
    await expectAccessible(followup, 'application page');
    await followup.getByRole('button', { name: 'Marquer « appelé(e) »' }).click();
    await followup.getByText('Appelé(e)', { exact: true }).waitFor();
    await followup.getByLabel('Parcours musical (notes)').fill('DEM de piano, accompagnatrice de chœur.');
    await followup.getByLabel('Approche pédagogique (notes)').fill('Ludique et exigeante.');
    await followup.getByLabel('Fonctionnement et conditions expliqués').check();
    await followup.getByRole('button', { name: 'Enregistrer l’entretien' }).click();
    // The decision buttons send the version the page holds: wait for the save to land, or the next step is refused
    // as a concurrent change (CI saw exactly that under load).
    await followup.getByText('Enregistré.', { exact: true }).waitFor();
    await followup.getByRole('button', { name: 'Entretien terminé' }).click();
    await followup.getByRole('button', { name: 'Accepter et créer le professeur' }).click();
    await followup.getByRole('link', { name: /Professeur créé/ }).waitFor();
    await followup.context().close();

    // 3. The teacher gets the invitation e-mail and sets a password.
    const teacher = await newPage(browser);
    await teacher.goto(server.mailbox.linkTo(APPLICANT_EMAIL, '/invitation'));
    await teacher.getByLabel(/^Nouveau mot de passe/).fill('lucie-piano-2026');
    await teacher.getByLabel(/^Confirmer le mot de passe/).fill('lucie-piano-2026');
    await teacher.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await teacher.waitForURL((url) => url.pathname.startsWith('/teacher'));

    // 4. The teacher completes the profile (copied from the application) and uploads a diploma.
    await teacher.goto(`${server.url}/teacher/profile`);
    await teacher.getByRole('heading', { level: 1, name: 'Ma fiche professeur' }).waitFor();
    await expectAccessible(teacher, 'teacher profile (portal)');
    await teacher.getByLabel(/^Adresse \(numéro et rue\)/).fill('8 rue Paul Bert');
    await teacher.getByLabel('Nouveaux élèves possibles').fill('3');
    await teacher.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await teacher.getByText('Fiche enregistrée.').waitFor();
    await teacher
      .getByLabel('Fichier (PDF ou image)')
      .setInputFiles({ name: 'diplome-dem.pdf', mimeType: 'application/pdf', buffer: PDF });
    await teacher.getByRole('button', { name: 'Envoyer le document' }).click();
    await teacher.getByRole('link', { name: /diplome-dem\.pdf/ }).waitFor();
    const person = await server.deps.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', APPLICANT_EMAIL)
      .executeTakeFirstOrThrow();
    const profile = await server.deps.db
      .selectFrom('teachers')
      .select(['capacity_new_students', 'insee_code'])
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(profile).toEqual({ capacity_new_students: 3, insee_code: '69383' });

    // 5. Followup schedules a meeting and invites every teacher who never came.
    const staff = await followupPage();
    await staff.goto(`${server.url}/office/meetings`);
    await staff.getByRole('heading', { level: 1, name: 'Rencontres pédagogiques' }).waitFor();
    await staff.getByLabel(/^Sujet/).fill('Premiers cours avec les débutants');
    await staff.getByLabel(/^Date et heure/).fill(localDateTime(new Date(Date.now() + 86_400_000)));
    await staff.getByLabel('Lieu', { exact: true }).fill('Salle Rameau, Lyon');
    await staff.getByLabel(/^Animateur/).fill('Fanny Suivi');
    await staff.getByRole('button', { name: 'Programmer une rencontre' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Premiers cours avec les débutants' }).waitFor();
    await staff.getByRole('button', { name: 'Inviter tous les professeurs qui ne sont jamais venus' }).click();
    await staff.getByRole('cell', { name: 'Lucie Candidate', exact: true }).waitFor();
    await expectAccessible(staff, 'meeting page');
    const meetingUrl = staff.url();
    await staff.context().close();

    // 6. The teacher answers from the portal.
    await teacher.goto(`${server.url}/teacher/meetings`);
    const card = teacher.getByRole('article', { name: 'Premiers cours avec les débutants' });
    await card.getByRole('button', { name: 'Je serai présent(e)' }).click();
    await card.getByText('Votre réponse : oui').waitFor();
    await expectAccessible(teacher, 'teacher meetings (portal)');

    // 7. Two days later, staff record attendance.
    clock.advanceDays(2);
    const after = await followupPage();
    await after.goto(meetingUrl);
    await after.getByRole('checkbox', { name: 'Lucie Candidate présent(e)' }).check();
    await after.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await after.getByText('Présences enregistrées.').waitFor();
    const attended = await server.deps.db
      .selectFrom('meeting_invitations')
      .select('attended')
      .where('teacher_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(attended.attended).toBe(1);
    await after.context().close();
    await teacher.context().close();
  });
});
