/**
 * Issue 13 item 15: every form of the web app, where its server errors are said. Each form maps the problem's field
 * paths to its own fields through one mapping (apps/web/src/api/form-fields.ts: `useSubmit`/`applyProblemToForm`
 * for Mantine forms, `splitProblem` for forms kept in React state); an error with no field of the form is listed in
 * the form's alert (ProblemAlert), never dropped; messages come from the contracts' catalogue in the user's language.
 *
 * Tested here in the browser (form → page → bad input only the server refuses → field that must show it):
 * - public request form → /request → a slot ending before it starts; no guardian contact → "À"; guardian "E-mail"
 * - teacher application → /apply → nothing filled (the client lets it through) → every required field at once
 * - batch re-date → /office/billing/batches/:id → a past date → "Nouvelle date de prélèvement"
 * - batch preparation → /office/billing/batches → a past date → "Date de prélèvement"
 * - payment → /office/billing → more than the invoice's balance → "Montant (€)"
 * - credit note → /office/billing → more than is left to credit → "Montant (€)"
 * - instalment plan → /office/billing/plans → instalments that do not add up to the balance → the form's alert
 * - tax certificates → /office/billing/certificates → a year that has not begun → "Année"
 * - mandate end → /office/billing/mandates → a reference no mandate carries → "RUM"
 * - change password (auth) → /office/password → a wrong current password → "Mot de passe actuel" (Mantine's password
 *   input did not mark itself invalid: PasswordField now does, for every password field)
 * - season (schools) → /office/seasons → a name already taken → "Saison"
 * - family creation → /office/families → a guardian with neither e-mail nor phone → the first field of "Responsable 1"
 * - voted deferral → /office/billing/deferrals → an end before the start → "Nouvelle échéance"
 * - organisation settings → /office/settings → a matching weight out of bounds → its part ("Distance")
 * - user invitation → /office/users → an e-mail address already in use (duplicate) → "Adresse e-mail"
 * - SEPA mandate (family portal, in English) → /family/billing → an IBAN with a bad checksum → "IBAN"
 * - lesson record (teacher) → /teacher/students → a date in the future → "Date"
 * - teacher profile (teacher) → /teacher/profile → an availability slot ending before it starts → its "Fin"
 *
 * Tested in e2e/forms-more.spec.ts (same walk, the rest of the app):
 * - auth: login → a wrong password → the page's alert; first setup → a common password → "Nouveau mot de passe"
 *   (the demo has its administrator: only the page's status answer is replaced); forgotten password → an address
 *   only the API refuses → "Adresse e-mail"; new password from the mailed link → a common one → "Nouveau mot de passe"
 * - links: first lesson (/l/:token) → years before the hand-over → "Date du premier cours"; meeting answer
 *   (/meeting-answer/:token) → the meeting started since → the page's alert
 * - agency: phone request → "À"; request edit → "Projet pédagogique"; subscription → a plan withdrawn since →
 *   "Formule"; contact log → "Résumé"; end of assignment → "Précisions"; closing → "Motif de clôture"; ticket →
 *   "Objet"; ticket reply → "Répondre"; external candidate → "Nom"; task → "Note"; merge → the file changed since →
 *   the dialog's alert; guardian invitation → an account made since → its alert
 * - families and people: add a person and person edit → a minor in a family with no guardian → "Date de naissance";
 *   family edit → changed since → the form's alert
 * - teachers (staff): profile → a postal code no commune has → "Code postal"; incident → "Ce qui s’est passé";
 *   suspension → an end in the past → "Jusqu’au"; objection to an exclusion → "Votre objection"; document → a file
 *   that is not what it says → "Fichier"; application → interview "Autres notes", a refusal without "Motif";
 *   low-activity call → "Résumé de l’appel"
 * - schools: school → a name taken → "Nom"; its secretariat → an account no longer the secretariat's → the group;
 *   calendar import → a file that is no calendar → its file; calendar entry → "Libellé"; course distance period
 *   and course suspension → "Motif"
 * - meeting → in the past → "Date et heure"; plan → "Nom"; hold release → "Motif de la levée"; user edit → the only
 *   administrator drops the role → "Rôles" (refused: the demo keeps its administrator)
 * - family portal: first lesson → "Date du premier cours"; lesson dispute → "Ce qui ne va pas"; request to the
 *   team → "Votre message"
 * Tested elsewhere: course creation and edit (e2e/schools.spec.ts: a teacher in two places → "Heure de début"),
 * board decision (e2e/board.spec.ts: more votes than members → the field).
 *
 * Not walked, each for a reason: teacher creation by staff (CreateTeacherForm) and the people's contact log
 * (ContactLogSection) check in the browser the very schema the API checks (CreateTeacherBody, CreateContactBody) and
 * the API adds no rule they can break, so nothing the browser sends is refused on a field; "keep separate" (a button,
 * no input) is refused only when the file is gone or the right missing, in the alert the merge shares. Buttons that
 * act without typed input (ticket status, batch export, attendance, invitations) say a refusal in an alert by them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type E2EServer } from './support/server.js';
import { launchBrowser, loginThroughUi, newPage } from './support/browser.js';
import { makeUser, TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { alertText, fieldError, fillRequestWithBadSlot, isoDaysFromNow } from './support/forms.js';

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

/** Issue 13 item 15: what the server refuses is said on the field it concerns, in every form. */
describe('server field errors on their fields, in the browser', () => {
  it('the public request form: the slot, the contact and the guardian, on their fields; required fields marked', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/request`);
    await page.getByRole('heading', { level: 1, name: 'Demander des cours de musique' }).waitFor();
    await fillRequestWithBadSlot(page, 'Formulaire');
    // required fields carry Mantine's asterisk
    await expect(page.locator('label:has-text("Adresse") .mantine-InputWrapper-required').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    const guardian = page.getByRole('group', { name: 'Le responsable (parent)' });
    // no guardian named and no contact: the server's errors on the student land on the guardian's fields
    await expect(fieldError(guardian.getByLabel(/^E-mail/))).resolves.toContain('au moins un e-mail ou un téléphone');
    await expect(fieldError(page.getByLabel(/^À/))).resolves.toContain('se terminer après son début');
    await page.context().close();
  });

  it('/apply says every missing field at once', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/apply`);
    await page.getByRole('heading', { level: 1, name: 'Devenir professeur' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    for (const label of [/^Prénom/, /^Nom/, /^E-mail/, /^Votre parcours musical/, /^Votre approche/, /^Votre CV/]) {
      await expect(fieldError(page.getByLabel(label).first()), String(label)).resolves.not.toBe('');
    }
    await page.context().close();
  });

  it('a teacher: a lesson recorded in the future, a profile slot ending before it starts', async () => {
    const assignment = await server.deps.db
      .selectFrom('assignments')
      .select(['teacher_id'])
      .where('ended_on', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const user = await makeUser(server.deps, ['teacher'], {
      personId: assignment.teacher_id,
      email: 'e2e-forms-teacher@demo.example.org',
    });
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, user.email, TEST_PASSWORD);
    await page.goto(`${server.url}/teacher/students`);
    const form = page.getByRole('form', { name: 'Enregistrer un cours' }).first();
    await form.getByLabel(/^Date/).fill(isoDaysFromNow(3));
    await form.getByRole('button', { name: 'Enregistrer un cours' }).click();
    await expect(fieldError(form.getByLabel(/^Date/))).resolves.toContain('dans le futur');

    // the teacher's own profile: an availability slot ending before it starts, on its end
    await page.goto(`${server.url}/teacher/profile`);
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    if (!(await page.getByRole('group', { name: 'Créneau 1' }).count()))
      await page.getByRole('button', { name: 'Ajouter un créneau' }).click();
    const slot = page.getByRole('group', { name: 'Créneau 1' });
    await slot.getByLabel(/^Début/).fill('18:00');
    await slot.getByLabel(/^Fin/).fill('14:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(fieldError(slot.getByLabel(/^Fin/))).resolves.toBe('La fin du créneau doit être après son début.');
    await page.context().close();
  });
});

describe('server field errors on their fields, in every office form', () => {
  it('accounts: batch preparation and re-date, payment, credit note, instalment plan, certificates, mandate end, own password', async () => {
    const invoice = await server.deps.db
      .selectFrom('invoices')
      .select(['number', 'amount_cents'])
      .where('kind', '=', 'invoice')
      .where('status', '=', 'open')
      // none of its instalments in a prepared batch (a plan for it would be refused for that first)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('debits')
              .innerJoin('invoice_instalments', 'invoice_instalments.id', 'debits.instalment_id')
              .select('debits.id')
              .whereRef('invoice_instalments.invoice_id', '=', 'invoices.id')
              .where('debits.status', '=', 'prepared'),
          ),
        ),
      )
      .orderBy('number')
      .executeTakeFirstOrThrow();
    const tooMuch = String(invoice.amount_cents / 100 + 5000);
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'accounts@demo.example.org');

    await page.goto(`${server.url}/office/billing/batches`);
    const prepare = page.getByRole('form', { name: 'Préparer un lot' });
    await prepare.getByLabel(/^Date de prélèvement/).fill(isoDaysFromNow(-3));
    await prepare.getByRole('button', { name: 'Préparer' }).click();
    await expect(fieldError(prepare.getByLabel(/^Date de prélèvement/))).resolves.toContain(
      'postérieure à aujourd’hui',
    );

    // a prepared batch moved to a past date: the same rule, said on the re-date form's field
    await page.getByRole('region', { name: 'Lots de prélèvement' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Changer la date' }).click();
    const redate = page.getByRole('form', { name: 'Changer la date' });
    await redate.getByLabel(/^Nouvelle date de prélèvement/).fill(isoDaysFromNow(-2));
    await redate.locator('button[type=submit]').click();
    await expect(fieldError(redate.getByLabel(/^Nouvelle date de prélèvement/))).resolves.toContain(
      'postérieure à aujourd’hui',
    );

    await page.goto(`${server.url}/office/billing`);
    const payment = page.getByRole('form', { name: 'Paiement ou rejet' });
    await payment.getByLabel(/^Numéro de facture/).fill(invoice.number);
    await payment.getByLabel(/^Montant/).fill(tooMuch);
    await payment.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(fieldError(payment.getByLabel(/^Montant/))).resolves.toBe(
      'Le montant dépasse le solde de la facture.',
    );
    const credit = page.getByRole('form', { name: 'Émettre un avoir' });
    await credit.getByLabel(/^Numéro de facture/).fill(invoice.number);
    await credit.getByLabel(/^Montant/).fill(tooMuch);
    await credit.getByLabel(/^Motif/).fill('Erreur de saisie');
    await credit.getByRole('button', { name: 'Émettre l’avoir' }).click();
    await expect(fieldError(credit.getByLabel(/^Montant/))).resolves.toContain('dépasse ce qui reste à créditer');

    // a rule on the whole schedule has no field of its own: it is said in the form's alert
    await page.goto(`${server.url}/office/billing/plans`);
    const plan = page.getByRole('form', { name: 'Établir un échéancier' });
    await plan.getByLabel(/^Numéro de facture/).fill(invoice.number);
    for (const [n, days] of [
      [1, 20],
      [2, 50],
    ] as const) {
      const row = plan.getByRole('group', { name: `Échéance ${n}` });
      await row.getByLabel(/^Échéance le/).fill(isoDaysFromNow(days));
      await row.getByLabel(/^Montant/).fill('1');
    }
    await plan.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
    await expect(alertText(plan)).resolves.toContain('La somme des échéances doit être égale au solde restant.');

    // tax certificates for a year that has not begun: said on the year
    await page.goto(`${server.url}/office/billing/certificates`);
    const certificates = page.getByRole('form', { name: 'Générer et envoyer les attestations' });
    await certificates.getByLabel('Année').fill(String(new Date().getFullYear() + 1));
    await certificates.getByRole('button', { name: 'Générer et envoyer les attestations' }).click();
    await expect(fieldError(certificates.getByLabel('Année'))).resolves.toContain('une année qui n’a pas commencé');

    // ending a mandate by a reference no mandate carries: said on the reference
    await page.goto(`${server.url}/office/billing/mandates`);
    const mandateEnd = page.getByRole('form', { name: 'Mettre fin à un mandat' });
    await mandateEnd.getByLabel(/^RUM/).fill('HRM-E2E-NO-SUCH-MANDATE');
    await mandateEnd.getByLabel(/^Motif/).fill('Demande de la famille');
    await mandateEnd.getByRole('button', { name: 'Mettre fin' }).click();
    await expect(fieldError(mandateEnd.getByLabel(/^RUM/))).resolves.toBe('Aucun mandat ne porte cette référence.');

    // the auth forms: a wrong current password, on its field
    await page.goto(`${server.url}/office/password`);
    await page.getByLabel(/^Mot de passe actuel/).fill('not-the-password-1');
    await page.getByLabel(/^Nouveau mot de passe/).fill('Une-phrase-de-passe-neuve-42');
    await page.getByLabel(/^Confirmer le mot de passe/).fill('Une-phrase-de-passe-neuve-42');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(fieldError(page.getByLabel(/^Mot de passe actuel/))).resolves.toBe(
      'Le mot de passe actuel n’est pas le bon.',
    );
    await page.context().close();
  });

  it('admin: a voted deferral ending before it starts, a setting out of bounds, a user invited with an e-mail address already in use, a family no one can reach, a season whose name exists', async () => {
    const season = await server.deps.db.selectFrom('seasons').select('name').orderBy('name').executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'admin@demo.example.org');
    await page.goto(`${server.url}/office/billing/deferrals`);
    const deferral = page.getByRole('form', { name: 'Enregistrer un report voté' });
    await deferral.getByLabel(/^Délibération/).fill('CA-E2E-1');
    await deferral.getByLabel(/^Votée le/).fill(isoDaysFromNow(-1));
    await deferral.getByLabel(/^Motif/).fill('Difficultés de trésorerie des familles');
    await deferral.getByLabel(/^Échéances du/).fill(isoDaysFromNow(40));
    await deferral.getByLabel(/^au/).fill(isoDaysFromNow(10));
    await deferral.getByLabel(/^Nouvelle échéance/).fill(isoDaysFromNow(60));
    await deferral.getByRole('button', { name: 'Enregistrer le report' }).click();
    await expect(fieldError(deferral.getByLabel(/^Nouvelle échéance/))).resolves.toContain(
      'le début doit précéder la fin',
    );

    // a setting out of its bounds (the field does not bound it): said on the part that failed
    await page.goto(`${server.url}/office/settings`);
    const weights = page.getByRole('group', { name: 'Pondérations du classement des professeurs (points)' });
    await weights.getByLabel('Distance').fill('300');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(fieldError(weights.getByLabel('Distance'))).resolves.toBe(
      'Cette valeur est hors des limites permises.',
    );

    await page.goto(`${server.url}/office/users`);
    await page.getByRole('button', { name: 'Inviter un utilisateur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inviter un utilisateur' });
    await dialog.getByLabel(/^Nom affiché/).fill('Doublon');
    await dialog.getByLabel(/^Adresse e-mail/).fill('sales@demo.example.org');
    await dialog.getByLabel('Secrétariat').check();
    await dialog.getByRole('button', { name: 'Inviter un utilisateur' }).click();
    await expect(fieldError(dialog.getByLabel(/^Adresse e-mail/))).resolves.toBe(
      'Cette adresse e-mail est déjà utilisée.',
    );
    await page.keyboard.press('Escape');

    // a family no one can reach (no e-mail, no phone): said on the first guardian (the mapping's first field under it)
    await page.goto(`${server.url}/office/families`);
    await page.getByRole('button', { name: 'Nouvelle famille' }).click();
    const family = page.getByRole('dialog', { name: 'Créer une famille' });
    const firstGuardian = family.getByRole('group', { name: 'Responsable 1' });
    await firstGuardian.getByLabel(/^Prénom/).fill('Injoignable');
    await firstGuardian.getByLabel(/^Nom/).fill('Formulaire');
    await family.getByRole('button', { name: 'Créer', exact: true }).click();
    await expect(fieldError(firstGuardian.getByLabel(/^Prénom/))).resolves.toBe(
      'Indiquez au moins un responsable avec un e-mail ou un téléphone.',
    );
    await page.keyboard.press('Escape');

    // the schools forms: a season under a name already taken, on its name
    await page.goto(`${server.url}/office/seasons`);
    await page.getByLabel(/^Saison \(ex/).fill(season.name);
    await page
      .getByLabel(/^Début/)
      .first()
      .fill('2040-09-01');
    await page.getByLabel(/^Fin/).first().fill('2041-06-30');
    const term = page.getByRole('group', { name: 'Trimestres 1' });
    await term.getByLabel(/^Nom/).fill('Premier');
    await term.getByLabel(/^Début du trimestre/).fill('2040-09-01');
    await term.getByLabel(/^Fin du trimestre/).fill('2040-12-20');
    await page.getByRole('button', { name: 'Créer la saison' }).click();
    await expect(fieldError(page.getByLabel(/^Saison \(ex/))).resolves.toBe('Cette saison existe déjà.');
    await page.context().close();
  });

  it('a family signing a mandate with an IBAN whose checksum is wrong is told so on the IBAN, in English', async () => {
    const guardian = await server.deps.db
      .selectFrom('people')
      .select(['id'])
      .where('kind', '=', 'guardian')
      .where('user_id', 'is', null)
      .where('family_id', 'not in', server.deps.db.selectFrom('sepa_mandates').select('family_id'))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const user = await makeUser(server.deps, ['guardian'], {
      personId: guardian.id,
      email: 'e2e-forms-family@demo.example.org',
    });
    await server.deps.db.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    const page = await newPage(browser, { locale: 'en-GB' });
    await loginThroughUi(page, server.url, user.email, TEST_PASSWORD);
    await page.goto(`${server.url}/family/billing`);
    const form = page.getByRole('form', { name: 'Sign the mandate' });
    await form.getByLabel(/^Account holder/).fill('Camille Formulaire');
    await form.getByLabel(/^Address/).fill('3 rue de la Paix');
    await form.getByLabel(/^Postal code/).fill('69003');
    await form.getByLabel(/^Town/).fill('Lyon');
    // a well-formed French IBAN whose two check digits are wrong
    await form.getByLabel(/^IBAN/).fill('FR7630006000011234567890188');
    await form.getByLabel(/^Your name/).fill('Camille Formulaire');
    await form.getByLabel(/^I authorise/).check();
    await form.getByRole('button', { name: 'Sign the mandate' }).click();
    await expect(fieldError(form.getByLabel(/^IBAN/))).resolves.toBe(
      'This IBAN is not valid (check digits or format).',
    );
    await page.context().close();
  });
});
