import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { anonymous, createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../app.js';
import { createTestDatabase } from '../../testing/harness.js';

/** The secret part of a reset or invitation link. */
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const storedTo = (ctx: TestContext, email: string) =>
  ctx.deps.db.selectFrom('outbox').selectAll().where('to_address', '=', email).executeTakeFirst();

describe('the outbox never hands one person’s personal link to another (outside demo mode)', () => {
  let ctx: TestContext & { mailbox: Mailbox };
  beforeAll(async () => {
    ctx = await createTestApp({ mailbox: true });
  });
  afterAll(async () => ctx.close());

  it('an anonymous reset request for the director does not give sales the director’s account', async () => {
    const director = await makeUser(ctx.deps, ['admin'], { email: 'directrice@example.org' });
    const sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
    expect((await anonymous(ctx).post('/api/auth/password-reset', { email: director.email })).statusCode).toBe(204);

    // The director receives the real link by e-mail…
    const link = ctx.mailbox.linkTo(director.email, '/reset-password');
    const token = tokenOf(link);
    expect(token.length).toBeGreaterThan(20);

    // …while sales, reading the outbox, sees the message with the link hidden.
    const list = await sales.get('/api/outbox', { query: { to: director.email } });
    expect(list.statusCode).toBe(200);
    const [message] = list.json().items as { id: string; text: string; html: string }[];
    expect(message?.text).toContain('[lien personnel masqué]');
    const detail = await sales.get(`/api/outbox/${message?.id}`);
    for (const body of [list.body, detail.body]) {
      expect(body).not.toContain(token);
      expect(body).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);
    }

    // The takeover itself: nothing from the outbox opens a session.
    const stolen = /token=([A-Za-z0-9_-]+)/.exec(message?.text ?? '')?.[1] ?? 'x'.repeat(40);
    const attempt = await anonymous(ctx).post('/api/auth/password', { token: stolen, password: 'attacker chose it' });
    expect(attempt.statusCode).toBe(410);

    // The e-mail's link still works for the director, and the clear copy is gone once delivered.
    const used = await anonymous(ctx).post('/api/auth/password', { token, password: 'a new director password' });
    expect(used.statusCode).toBe(200);
    expect(used.json().roles).toEqual(['admin']);
    const row = await storedTo(ctx, director.email);
    expect(row).toMatchObject({ status: 'sent', delivery_text: null, delivery_html: null });
  });

  it('hides the link in the language of the message', async () => {
    const user = await makeUser(ctx.deps, ['teacher'], { email: 'teacher.en@example.org' });
    await ctx.deps.db.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    await anonymous(ctx).post('/api/auth/password-reset', { email: user.email });
    const row = await storedTo(ctx, user.email);
    expect(row?.text_body).toContain('[personal link hidden]');
    expect(row?.html_body).toContain('[personal link hidden]');
    expect(ctx.mailbox.linkTo(user.email, '/reset-password')).toMatch(/^http:\/\/localhost:3999\/reset-password\?/);
  });
});

describe('without SMTP outside demo mode', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx.close());

  it('stores the message with its link hidden and keeps no clear copy, since nothing can deliver it', async () => {
    const user = await makeUser(ctx.deps, ['accounts']);
    await anonymous(ctx).post('/api/auth/password-reset', { email: user.email });
    const row = await storedTo(ctx, user.email);
    expect(row).toMatchObject({ status: 'stored', delivery_text: null, delivery_html: null });
    expect(row?.text_body).toContain('[lien personnel masqué]');
    expect(row?.text_body).not.toMatch(/token=/);
    const outbox = await (await loginAs(ctx, user.email)).get('/api/outbox');
    expect(outbox.json().linksShown).toBe(false);
  });
});

describe('in demo mode (DEMO=1)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: '1' } });
  });
  afterAll(async () => ctx.close());

  it('shows the links in the outbox so the demo can be followed, and says so', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    await anonymous(ctx).post('/api/auth/password-reset', { email: user.email });
    const outbox = await (await loginAs(ctx, user.email)).get('/api/outbox', { query: { to: user.email } });
    expect(outbox.json().linksShown).toBe(true);
    expect(outbox.json().items[0].text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{20,}/);
  });
});

describe('the request log', () => {
  it('never prints the secret of a personal link, even at debug level', async () => {
    const { url, drop } = await createTestDatabase();
    const database = openDatabase(url, { poolSize: 2 });
    await migrateToLatest(database);
    let log = '';
    const logStream = new Writable({ write: (chunk: Buffer, _encoding, done) => ((log += chunk.toString()), done()) });
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'debug', WEB_DIST: '/nonexistent' });
    const { app } = await buildApp({ config, database, logStream });
    try {
      const secret = 'Zq8sSecretSecretSecret_Secret-123456789';
      const paths = ['/api/auth/tokens/', '/api/links/', '/api/links/meeting-invitations/'];
      paths.push('/reset-password?token=', '/l/', '/meeting-answer/');
      for (const path of paths) await app.inject({ method: 'GET', url: `${path}${secret}` });
      expect(log).toContain('/api/links/[hidden]');
      expect(log).toContain('token=[hidden]');
      expect(log).not.toContain(secret);
    } finally {
      await app.close();
      await database.destroy();
      await drop();
    }
  });
});
