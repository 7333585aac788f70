import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, TEST_PASSWORD, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { passwordProblem } from '../../platform/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { createAuthService } from './auth.service.js';

let ctx: TestContext & { mailbox: Mailbox };
beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
});
afterAll(async () => ctx.close());

const tokenIn = (link: string) => new URL(link).searchParams.get('token') ?? '';
const setPassword = (token: string, password: string, locale = 'fr') =>
  anonymous(ctx).post('/api/auth/password', { token, password }, { headers: { 'accept-language': locale } });
/** Asks for a reset link for this address and returns the token the e-mail carries. */
async function resetToken(email: string): Promise<string> {
  expect((await anonymous(ctx).post('/api/auth/password-reset', { email })).statusCode).toBe(204);
  return tokenIn(ctx.mailbox.linkTo(email, '/reset-password'));
}

describe('a password set or changed closes every other way in', () => {
  it('a reset link voids the other outstanding links and logs out every session', async () => {
    const user = await makeUser(ctx.deps, ['accounts']);
    const office = await loginAs(ctx, user.email);
    const phone = await loginAs(ctx, user.email);
    const first = await resetToken(user.email);
    const second = await resetToken(user.email);
    expect(first).not.toBe(second);

    expect((await setPassword(second, 'a brand new password')).statusCode).toBe(200);
    expect((await setPassword(first, 'someone else’s pick')).statusCode).toBe(410);
    expect((await anonymous(ctx).get(`/api/auth/tokens/${first}`)).statusCode).toBe(410);
    expect((await office.get('/api/me')).statusCode).toBe(401);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    await loginAs(ctx, user.email, 'a brand new password');
  });

  it('accepting an invitation voids an older invitation link too', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    const invitation = { email: 'twice.invited@example.org', displayName: 'Deux Fois', roles: ['teacher'] };
    const invited = await admin.post('/api/users', invitation);
    expect(invited.statusCode).toBe(201);
    const older = tokenIn(ctx.mailbox.linkTo('twice.invited@example.org', '/invitation'));
    expect((await admin.post(`/api/users/${invited.json().id}/reset-link`)).statusCode).toBe(204);
    const newer = tokenIn(ctx.mailbox.linkTo('twice.invited@example.org', '/invitation'));
    expect(newer).not.toBe(older);
    expect((await setPassword(newer, 'my teaching password')).statusCode).toBe(200);
    expect((await setPassword(older, 'an old link tried')).statusCode).toBe(410);
  });

  it('changing one’s password keeps this session, ends the others and voids outstanding links', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const here = await loginAs(ctx, user.email);
    const elsewhere = await loginAs(ctx, user.email);
    const pending = await resetToken(user.email);

    const change = { currentPassword: TEST_PASSWORD, newPassword: 'another long password' };
    const changed = await here.post('/api/me/password', change);
    expect(changed.statusCode).toBe(204);
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(401);
    expect((await setPassword(pending, 'taken over password')).statusCode).toBe(410);
    const oldLogin = await anonymous(ctx).post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(oldLogin.statusCode).toBe(401);
    await loginAs(ctx, user.email, 'another long password');
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('password-changed');
  });

  it('asks for the current password, and says so on that field when it is wrong', async () => {
    const user = await makeUser(ctx.deps, ['followup']);
    const agent = await loginAs(ctx, user.email);
    const english = { headers: { 'accept-language': 'en' } };
    const attempt = { currentPassword: 'not mine', newPassword: 'another long password' };
    const wrong = await agent.post('/api/me/password', attempt, english);
    expect(wrong.statusCode).toBe(422);
    const message = 'The current password is not the right one.';
    expect(wrong.json().errors).toEqual([{ field: 'currentPassword', code: 'WRONG_CURRENT_PASSWORD', message }]);
    const change = { currentPassword: TEST_PASSWORD, newPassword: 'another long password' };
    expect((await anonymous(ctx).post('/api/me/password', change)).statusCode).toBe(401);
    await loginAs(ctx, user.email);
  });
});

describe('weak passwords are refused wherever a password is set', () => {
  const fieldError = (body: { errors?: { field: string; code: string; message: string }[] }) => body.errors?.[0];

  it('refuses a common password on a reset link, case-insensitively, saying why in French and English', async () => {
    const user = await makeUser(ctx.deps, ['accounts']);
    const token = await resetToken(user.email);
    const fr = 'Ce mot de passe fait partie des plus répandus, les premiers essayés : choisissez-en un autre.';
    const en = 'This password is one of the most common ones, so among the first tried: choose another one.';
    for (const [password, locale, message] of [
      ['password123', 'fr', fr],
      ['QwertyUiop', 'en', en],
    ] as const) {
      const res = await setPassword(token, password, locale);
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.json())).toEqual({ field: 'password', code: 'password_common', message });
    }
    const short = await setPassword(token, 'short one');
    expect(fieldError(short.json())).toMatchObject({ field: 'password', code: 'password_too_short' });
    // Refusals leave the link usable.
    expect((await setPassword(token, 'a sound new password')).statusCode).toBe(200);
  });

  it('refuses one on an invitation and on a change', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    await admin.post('/api/users', { email: 'weak.invite@example.org', displayName: 'Faible', roles: ['teacher'] });
    const token = tokenIn(ctx.mailbox.linkTo('weak.invite@example.org', '/invitation'));
    const invite = await setPassword(token, '1234567890');
    expect(fieldError(invite.json())).toMatchObject({ field: 'password', code: 'password_common' });

    const user = await makeUser(ctx.deps, ['board']);
    const agent = await loginAs(ctx, user.email);
    const change = await agent.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Basketball' });
    expect(change.statusCode).toBe(400);
    expect(fieldError(change.json())).toMatchObject({ field: 'newPassword', code: 'password_common' });
    await loginAs(ctx, user.email);
  });

  it('refuses one when the first administrator is set up', async () => {
    const fresh = await createTestApp();
    try {
      const link = await createAuthService(fresh.deps).prepareSetupLink();
      const token = new URL(link ?? '').searchParams.get('token') ?? '';
      const body = { token, email: 'boss@example.org', displayName: 'La Directrice', organisationName: 'Musique' };
      const weak = await anonymous(fresh).post('/api/setup', { ...body, password: 'iloveyou12' });
      expect(weak.statusCode).toBe(400);
      expect(fieldError(weak.json())).toMatchObject({ field: 'password', code: 'password_common' });
      const strong = await anonymous(fresh).post('/api/setup', { ...body, password: 'a long director password' });
      expect(strong.statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the test helpers’ and the demo’s passwords valid', () => {
    expect(passwordProblem(TEST_PASSWORD)).toBeNull();
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
    expect(passwordProblem('Manchester')).toBe('password_common');
  });
});
