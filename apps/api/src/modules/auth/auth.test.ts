import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, TEST_PASSWORD, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';

// Links are read from the e-mails people receive (a real SMTP server on loopback): the outbox hides them.
let ctx: TestContext & { mailbox: Mailbox };
const tokenIn = (link: string) => new URL(link).searchParams.get('token') ?? '';
beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
});
afterAll(async () => ctx.close());

describe('login', () => {
  it('logs in with the right password and returns the user with roles', async () => {
    const user = await makeUser(ctx.deps, ['sales', 'followup']);
    const agent = await loginAs(ctx, user.email);
    const me = await agent.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: user.email, roles: ['followup', 'sales'] });
  });

  it('refuses a wrong password with a localised message', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const res = await anonymous(ctx).post(
      '/api/auth/login',
      { email: user.email, password: 'wrong password' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', title: 'Wrong e-mail address or password.' });
    const fr = await anonymous(ctx).post('/api/auth/login', { email: user.email, password: 'wrong password' });
    expect(fr.json().title).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('returns field errors for a malformed body, never a 500', async () => {
    const res = await anonymous(ctx).post('/api/auth/login', { email: 'not-an-email' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email', code: 'invalid_email' }),
        expect.objectContaining({ field: 'password', code: 'required' }),
      ]),
    );
  });

  it('requires the CSRF token on state changes of a logged-in session', async () => {
    const user = await makeUser(ctx.deps, ['admin']);
    const agent = await loginAs(ctx, user.email);
    const cookie = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      })
    ).cookies[0];
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/me',
      payload: { locale: 'en' },
      headers: { cookie: `harmonie_session=${cookie?.value}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    const ok = await agent.patch('/api/me', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en');
  });

  it('ends the session on logout', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const agent = await loginAs(ctx, user.email);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });
});

describe('password reset and invitation', () => {
  it('e-mails a single-use link that sets a new password', async () => {
    const user = await makeUser(ctx.deps, ['accounts']);
    const res = await anonymous(ctx).post('/api/auth/password-reset', { email: user.email });
    expect(res.statusCode).toBe(204);
    const token = tokenIn(ctx.mailbox.linkTo(user.email, '/reset-password'));
    expect(token.length).toBeGreaterThan(20);
    const stored = await ctx.deps.db
      .selectFrom('auth_tokens')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);
    const info = await anonymous(ctx).get(`/api/auth/tokens/${token}`);
    expect(info.json()).toMatchObject({ purpose: 'reset', email: user.email });
    const set = await anonymous(ctx).post('/api/auth/password', { token, password: 'a brand new password' });
    expect(set.statusCode).toBe(200);
    expect(
      (await anonymous(ctx).post('/api/auth/password', { token, password: 'another new password' })).statusCode,
    ).toBe(410);
    await loginAs(ctx, user.email, 'a brand new password');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = await ctx.deps.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await anonymous(ctx).post('/api/auth/password-reset', { email: 'nobody@nowhere.example.org' });
    expect(res.statusCode).toBe(204);
    const after = await ctx.deps.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('expires links after their validity', async () => {
    const user = await makeUser(ctx.deps, ['accounts']);
    await anonymous(ctx).post('/api/auth/password-reset', { email: user.email });
    const token = tokenIn(ctx.mailbox.linkTo(user.email, '/reset-password'));
    ctx.clock.advanceMinutes(121);
    const res = await anonymous(ctx).post('/api/auth/password', { token, password: 'a brand new password' });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('TOKEN_INVALID');
  });

  it('lets an admin invite a user who then chooses a password', async () => {
    const admin = await makeUser(ctx.deps, ['admin']);
    const agent = await loginAs(ctx, admin.email);
    const invited = await agent.post('/api/users', {
      email: 'new.teacher@example.org',
      displayName: 'Nouveau Prof',
      roles: ['teacher'],
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ status: 'invited', roles: ['teacher'] });
    expect(ctx.mailbox.to('new.teacher@example.org')[0]?.subject).toContain('accès');
    const token = tokenIn(ctx.mailbox.linkTo('new.teacher@example.org', '/invitation'));
    const accepted = await anonymous(ctx).post('/api/auth/password', { token, password: 'my teacher password' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().roles).toEqual(['teacher']);
  });
});
