import type { FastifyReply } from 'fastify';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { ChangePasswordBody, LoginBody, Me, PasswordResetRequestBody, SetupBody, SetupStatus } from '@contracts';
import { TokenInfo, TokenPasswordBody, UpdateMeBody } from '@contracts';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/http.js';
import { requireUser } from '../../platform/actor.js';
import type { AuthService, SessionResult } from './auth.service.js';
import type { Config } from '../../config.js';

export function authRoutes(app: FastifyZod, auth: AuthService, config: Config): void {
  const setCookie = (reply: FastifyReply, session: SessionResult) =>
    reply.setCookie(SESSION_COOKIE, session.sessionSecret, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      expires: new Date(session.expiresAt),
    });
  const tags = ['auth'];

  app.post('/api/auth/login', { schema: { tags, body: LoginBody, response: { 200: Me } } }, async (req, reply) => {
    const session = await auth.login(req.body.email, req.body.password, req.ip, req.headers['user-agent'] ?? null);
    setCookie(reply, session);
    return session.me;
  });

  app.post('/api/auth/logout', { schema: { tags } }, async (req, reply) => {
    await auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/me', { schema: { tags, response: { 200: Me } } }, async (req) => {
    const user = requireUser(req.actor);
    return auth.me(user.userId, req.csrfToken ?? '');
  });

  app.patch('/api/me', { schema: { tags, body: UpdateMeBody, response: { 200: Me } } }, async (req) =>
    auth.updateMe(req.actor, req.body, req.csrfToken ?? ''),
  );

  app.post('/api/me/password', { schema: { tags, body: ChangePasswordBody } }, async (req, reply) => {
    const passwords = { current: req.body.currentPassword, next: req.body.newPassword };
    await auth.changePassword(req.actor, req.cookies[SESSION_COOKIE], req.ip, passwords);
    return reply.status(204).send();
  });

  app.post('/api/auth/password-reset', { schema: { tags, body: PasswordResetRequestBody } }, async (req, reply) => {
    await auth.requestPasswordReset(req.body.email, req.ip);
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/tokens/:token',
    { schema: { tags, params: z.object({ token: z.string().max(200) }), response: { 200: TokenInfo } } },
    async (req) => auth.tokenInfo(req.params.token),
  );

  app.post(
    '/api/auth/password',
    { schema: { tags, body: TokenPasswordBody, response: { 200: Me } } },
    async (req, reply) => {
      const session = await auth.setPasswordWithToken(
        req.body.token,
        req.body.password,
        req.ip,
        req.headers['user-agent'] ?? null,
      );
      setCookie(reply, session);
      return session.me;
    },
  );

  app.get('/api/setup', { schema: { tags, response: { 200: SetupStatus } } }, async () => ({
    needsSetup: await auth.needsSetup(),
  }));

  app.post('/api/setup', { schema: { tags, body: SetupBody, response: { 200: Me } } }, async (req, reply) => {
    const session = await auth.completeSetup(req.body, req.ip, req.headers['user-agent'] ?? null);
    setCookie(reply, session);
    return session.me;
  });
}
