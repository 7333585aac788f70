import { z } from 'zod';
import { ContactEntry, CreateContactBody, Id, SubjectId, SubjectType } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { ContactsService } from './contacts.service.js';

export function contactsRoutes(app: FastifyZod, contacts: ContactsService): void {
  const tags = ['contacts'];
  app.get(
    '/api/contacts',
    {
      schema: {
        tags,
        querystring: z.object({
          personId: Id.optional(),
          familyId: Id.optional(),
          subjectType: SubjectType.optional(),
          subjectId: SubjectId.optional(),
        }),
        response: { 200: z.array(ContactEntry) },
      },
    },
    (req) => contacts.list(req.actor, req.query),
  );
  app.post(
    '/api/contacts',
    { schema: { tags, body: CreateContactBody, response: { 201: ContactEntry } } },
    async (req, reply) => reply.status(201).send(await contacts.create(req.actor, req.body)),
  );
}
