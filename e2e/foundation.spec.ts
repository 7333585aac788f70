import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
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

/** What assistive technology reads with a field: the texts its aria-describedby points to (hint, error). */
function fieldDescription(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function openByPhone(page: Page, typed: string) {
  const search = page
    .getByRole('searchbox', { name: 'Rechercher une personne' })
    .or(page.getByLabel('Rechercher une personne'));
  await search.first().fill(typed);
  await page
    .getByRole('option', { name: /Hélène Lefèvre/ })
    .first()
    .waitFor();
  await search.first().press('Enter');
  await page.waitForURL(/\/office\/families\//);
}

describe('foundation in the browser', () => {
  it('shows the login page, refuses a bad password with a message, and logs the admin in', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    await expectAccessible(page, 'login');
    await page.getByLabel('Adresse e-mail').fill('admin@demo.example.org');
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).textContent(),
    ).resolves.toContain('incorrect');
    await page.getByLabel('Mot de passe').fill('harmonie-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/office/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectAccessible(page, 'office dashboard');
    await page.context().close();
  });

  it('shows each role only the navigation it may use', async () => {
    const expectations: [string, string[], string[]][] = [
      ['admin', ['Familles', 'Professeurs', 'Utilisateurs', 'E-mails envoyés'], []],
      ['sales', ['Familles', 'E-mails envoyés'], ['Utilisateurs']],
      ['board', ['Familles'], ['Utilisateurs', 'E-mails envoyés']],
    ];
    for (const [role, visible, hidden] of expectations) {
      const page = await newPage(browser);
      await loginThroughUi(page, server.url, `${role}@demo.example.org`);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      for (const label of visible) await nav.getByRole('link', { name: label }).first().waitFor();
      for (const label of hidden)
        expect(await nav.getByRole('link', { name: label }).count(), `${role} sees ${label}`).toBe(0);
      await page.context().close();
    }
    const teacher = await newPage(browser);
    await loginThroughUi(teacher, server.url, 'teacher@demo.example.org');
    await teacher.waitForURL(/\/teacher/);
    await expectAccessible(teacher, 'teacher portal');
    await teacher.context().close();
  });

  it('finds a guardian by part of a phone number and by an accent-less name, edits them and shows the history', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'admin@demo.example.org');
    await openByPhone(page, '06 12 34');
    await expectAccessible(page, 'family page');
    const familyUrl = page.url();

    const search = page.getByLabel('Rechercher une personne').first();
    await search.fill('helene lef');
    await page
      .getByRole('option', { name: /Hélène Lefèvre/ })
      .first()
      .waitFor();
    await search.press('Escape');

    await page.goto(familyUrl);
    await page.getByRole('button', { name: 'Modifier Hélène Lefèvre' }).click();
    await page.getByLabel('E-mail').first().fill('helene.lefevre@nouvelle-adresse.example');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByText('helene.lefevre@nouvelle-adresse.example').first().waitFor();

    await page.getByRole('link', { name: 'Hélène Lefèvre' }).first().click();
    await page.waitForURL(/\/office\/people\//);
    const history = page
      .getByRole('region', { name: 'Historique' })
      .or(page.locator('section', { hasText: 'Historique' }));
    await history.first().getByText('helene.lefevre@nouvelle-adresse.example').first().waitFor();
    await expectAccessible(page, 'person page with history');
    await page.context().close();
  });

  it('refuses a stale edit with a clear message', async () => {
    const first = await newPage(browser);
    const second = await newPage(browser);
    for (const page of [first, second]) {
      await loginThroughUi(page, server.url, 'sales@demo.example.org');
      await openByPhone(page, '0612345678');
      await page.getByRole('button', { name: 'Modifier Hélène Lefèvre' }).click();
    }
    await first.getByLabel('Prénom').first().fill('Hélène-Marie');
    await first.getByRole('button', { name: 'Enregistrer' }).first().click();
    await first
      .getByRole('heading', { name: /Hélène-Marie Lefèvre/ })
      .first()
      .waitFor();
    await second.getByLabel('Prénom').first().fill('Hélèna');
    await second.getByRole('button', { name: 'Enregistrer' }).first().click();
    await second.getByRole('alert').filter({ hasText: 'modifiée par quelqu’un d’autre' }).first().waitFor();
    await first.context().close();
    await second.context().close();
  });

  it('shows a teacher a clear refusal for a family that is not theirs (and the API says 403)', async () => {
    const teacher = await server.deps.db
      .selectFrom('users')
      .select('person_id')
      .where('email', '=', 'teacher@demo.example.org')
      .executeTakeFirstOrThrow();
    // a guardian of a family this teacher has never taught
    const family = await server.deps.db
      .selectFrom('people')
      .select(['family_id', 'id'])
      .where('kind', '=', 'guardian')
      .where(
        'family_id',
        'not in',
        server.deps.db
          .selectFrom('assignments')
          .select('family_id')
          .where('teacher_id', '=', teacher.person_id ?? ''),
      )
      .executeTakeFirstOrThrow();
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'teacher@demo.example.org');
    const status = await page.evaluate(async (id) => (await fetch(`/api/people/${id}`)).status, family.id);
    expect(status).toBe(403);
    await page.goto(`${server.url}/office/families/${family.family_id}`);
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    await expectAccessible(page, 'access denied page');
    await page.context().close();
  });

  it('resets a password through the e-mail it sends, while the outbox shows that link hidden', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    await page.goto(`${server.url}/forgot-password`);
    await page
      .getByLabel(/e-mail/i)
      .first()
      .fill('accounts@demo.example.org');
    await page.getByRole('button', { name: /lien|link/i }).click();
    await page
      .getByText(/un e-mail vient de lui être envoyé|an e-mail has just been sent/i)
      .first()
      .waitFor();

    // Staff reading the outbox see the message, never the link that would open the account.
    const admin = await newPage(browser);
    await loginThroughUi(admin, server.url, 'admin@demo.example.org');
    await admin
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'E-mails envoyés' })
      .first()
      .click();
    await admin.getByText('accounts@demo.example.org').first().waitFor();
    await admin.getByText(/Les liens personnels .* sont masqués/).waitFor();
    await expectAccessible(admin, 'outbox');
    await admin
      .getByRole('row', { name: /accounts@demo\.example\.org/ })
      .first()
      .getByRole('link')
      .click();
    await admin.getByText('[lien personnel masqué]').waitFor();
    expect(await admin.locator('a[href*="token="]').count()).toBe(0);
    await expectAccessible(admin, 'outbox message');

    // The person who asked gets the real link by e-mail; a common password is refused on its field, saying why.
    const link = server.mailbox.linkTo('accounts@demo.example.org', '/reset-password');
    await page.goto(link);
    await page
      .getByLabel(/^(nouveau mot de passe|new password)/i)
      .first()
      .fill('Password123');
    await page
      .getByLabel(/confirm/i)
      .first()
      .fill('Password123');
    await page.getByRole('button', { name: /enregistrer le mot de passe|save password/i }).click();
    await page.getByText(/fait partie des plus répandus|one of the most common ones/).waitFor();
    await expectAccessible(page, 'reset page with a refused password');
    await page
      .getByLabel(/^(nouveau mot de passe|new password)/i)
      .first()
      .fill('a much better password');
    await page
      .getByLabel(/confirm/i)
      .first()
      .fill('a much better password');
    await page.getByRole('button', { name: /enregistrer le mot de passe|save password/i }).click();
    await page.waitForURL(/\/office/);
    await admin.context().close();
    await page.context().close();
  });

  it('changes one’s password from the user menu, each refusal on its field, in French and English', async () => {
    const page = await newPage(browser);
    await loginThroughUi(page, server.url, 'secretariat@demo.example.org');
    await page.getByRole('button', { name: 'Sophie Secrétariat' }).click();
    await page.getByRole('menuitem', { name: 'Changer de mot de passe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Changer de mot de passe' }).waitFor();
    await expectAccessible(page, 'change password');
    const current = page.getByLabel(/^Mot de passe actuel/);
    const fresh = page.getByLabel(/^Nouveau mot de passe/);
    const confirm = page.getByLabel(/^Confirmer le mot de passe/);
    const submit = page.getByRole('button', { name: 'Changer le mot de passe' });
    await current.fill('not my password');
    await fresh.fill('piano lessons at home');
    await confirm.fill('piano lessons at home');
    await submit.click();
    await page.getByText('Le mot de passe actuel n’est pas le bon.').waitFor();
    await expect(fieldDescription(current)).resolves.toContain('Le mot de passe actuel n’est pas le bon.');
    await current.fill('harmonie-demo');
    await fresh.fill('1234567890');
    await confirm.fill('1234567890');
    await submit.click();
    await page.getByText(/fait partie des plus répandus/).waitFor();
    await expect(fieldDescription(fresh)).resolves.toMatch(/fait partie des plus répandus/);
    await fresh.fill('piano lessons at home');
    await confirm.fill('piano lessons at home');
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Mot de passe changé.' }).waitFor();
    await expectAccessible(page, 'password changed');
    await page.context().close();

    // In English, on a phone.
    const phone = await newPage(browser, { mobile: true });
    await loginThroughUi(phone, server.url, 'secretariat@demo.example.org', 'piano lessons at home');
    await phone.getByRole('button', { name: 'Sophie Secrétariat' }).click();
    await phone.getByRole('menuitem', { name: 'English' }).click();
    await phone.getByRole('button', { name: 'Sophie Secrétariat' }).click();
    await phone.getByRole('menuitem', { name: 'Change password' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
    await phone.getByLabel(/^Current password/).fill('piano lessons at home');
    await phone.getByLabel(/^New password/).fill('qwertyuiop');
    await phone.getByLabel(/^Confirm/).fill('qwertyuiop');
    await phone.getByRole('button', { name: 'Change the password' }).click();
    await phone.getByText(/one of the most common ones/).waitFor();
    await expectAccessible(phone, 'change password (en, phone)');
    await phone.context().close();
  });

  it('works on a phone-sized screen', async () => {
    const page = await newPage(browser, { mobile: true });
    await loginThroughUi(page, server.url, 'sales@demo.example.org');
    await page
      .getByRole('button', { name: /ouvrir le menu|open menu/i })
      .first()
      .click();
    await page.getByRole('link', { name: 'Familles' }).first().click();
    await page.waitForURL(/\/office\/families/);
    await expectAccessible(page, 'families on a phone');
    await page.context().close();
  });
});

describe('the outbox of a demo (DEMO=1)', () => {
  let demo: E2EServer;
  beforeAll(async () => {
    demo = await startServer({ demoMode: true });
  });
  afterAll(async () => demo?.close());

  it('shows personal links so the demo can be followed, under a banner saying so, in French and English', async () => {
    await anonymousReset(demo, 'sales@demo.example.org');
    const page = await newPage(browser);
    await loginThroughUi(page, demo.url, 'admin@demo.example.org');
    await page.goto(`${demo.url}/office/outbox`);
    const banner = page.getByRole('status').filter({ hasText: 'Mode démonstration : liens personnels visibles' });
    await banner.waitFor();
    await expectAccessible(page, 'demo outbox (fr)');
    await page
      .getByRole('row', { name: /sales@demo\.example\.org/ })
      .first()
      .getByRole('link')
      .click();
    await page.locator('a[href*="/reset-password?token="]').first().waitFor();
    await page.getByRole('status').filter({ hasText: 'Mode démonstration' }).waitFor();

    await page.getByRole('button', { name: 'Agnès Directrice' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.goto(`${demo.url}/office/outbox`);
    await page.getByRole('status').filter({ hasText: 'Demo mode: personal links are visible' }).waitFor();
    await expectAccessible(page, 'demo outbox (en)');
    await page.context().close();
  });
});

async function anonymousReset(target: E2EServer, email: string) {
  const res = await fetch(`${target.url}/api/auth/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(204);
}
