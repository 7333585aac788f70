import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { anonymous, createTestApp, makeUser, type TestContext } from '../testing/harness.js';

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
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Harmonie <no-reply@test.example.org>' },
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
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      to: 'smtp.user@example.org',
      subject: 'Réinitialisation de votre mot de passe',
    });
    expect(received[0]?.text).toContain('/reset-password?token=');
    const row = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', user.email)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });
});
