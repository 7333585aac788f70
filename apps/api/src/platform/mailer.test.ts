import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { anonymous, createTestApp, makeUser, type TestContext } from '../testing/harness.js';
import { ORGANISATION_NAME, writeSetting } from './settings.js';

/** With SMTP_URL set, e-mails leave through a real SMTP server (here one on loopback) and are marked sent. */
let smtp: SMTPServer;
const received: { to: string; subject: string; text: string }[] = [];
let ctx: TestContext;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  ctx = await createTestApp({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Harmonie <no-reply@test.example.org>',
      PUBLIC_URL: 'https://lessons.example.org',
    },
  });
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('mail delivery over SMTP', () => {
  it('sends a password reset through SMTP and marks the outbox message sent', async () => {
    const user = await makeUser(ctx.deps, ['sales'], { email: 'smtp.user@example.org' });
    const res = await anonymous(ctx).post('/api/auth/password-reset', { email: user.email });
    expect(res.statusCode).toBe(204);
    // The other test of this file may have run first (shuffled order): only this user's messages count.
    const mine = received.filter((mail) => mail.to === 'smtp.user@example.org');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ subject: 'Réinitialisation de votre mot de passe' });
    expect(mine[0]?.text).toContain('/reset-password?token=');
    const row = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', user.email)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('signs every message with the organisation’s name and a link to its site, in the reader’s language', async () => {
    await writeSetting(ctx.deps.db, ORGANISATION_NAME.key, 'Musique à la maison', new Date().toISOString());
    try {
      for (const [email, locale] of [
        ['smtp.signed.fr@example.org', 'fr'],
        ['smtp.signed.en@example.org', 'en'],
      ] as const) {
        const user = await makeUser(ctx.deps, ['sales'], { email });
        await ctx.deps.db.updateTable('users').set({ locale }).where('id', '=', user.id).execute();
        const res = await anonymous(ctx).post('/api/auth/password-reset', { email });
        expect(res.statusCode).toBe(204);
      }
      const fr = received.find((mail) => mail.to === 'smtp.signed.fr@example.org');
      const en = received.find((mail) => mail.to === 'smtp.signed.en@example.org');
      expect(fr?.text).toMatch(/— L’équipe Musique à la maison\nhttps:\/\/lessons\.example\.org\s*$/);
      expect(en?.text).toMatch(/— The Musique à la maison team\nhttps:\/\/lessons\.example\.org\s*$/);
      expect(fr?.text).toContain('https://lessons.example.org/reset-password?token=');
      for (const mail of [fr, en]) expect(mail?.text).not.toMatch(/Harmonie/);
    } finally {
      await writeSetting(ctx.deps.db, ORGANISATION_NAME.key, 'Harmonie', new Date().toISOString());
    }
  });
});
