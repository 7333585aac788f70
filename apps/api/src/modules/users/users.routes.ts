import { z } from 'zod';
import { Id, InviteUserBody, UpdateUserBody, User } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { UsersService } from './users.service.js';

export function usersRoutes(app: FastifyZod, users: UsersService): void {
  const tags = ['users'];
  app.get('/api/users', { schema: { tags, response: { 200: z.array(User) } } }, (req) => users.list(req.actor));
  app.post('/api/users', { schema: { tags, body: InviteUserBody, response: { 201: User } } }, async (req, reply) =>
    reply.status(201).send(await users.invite(req.actor, req.body)),
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags, params: z.object({ id: Id }), body: UpdateUserBody, response: { 200: User } } },
    (req) => users.update(req.actor, req.params.id, req.body),
  );
  // From a family's page: a guardian's own access to the family portal.
  app.post(
    '/api/people/:id/portal-invitation',
    { schema: { tags, params: z.object({ id: Id }), response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await users.inviteGuardian(req.actor, req.params.id)),
  );
  app.post('/api/users/:id/reset-link', { schema: { tags, params: z.object({ id: Id }) } }, async (req, reply) => {
    await users.sendResetLink(req.actor, req.params.id);
    return reply.status(204).send();
  });
}
