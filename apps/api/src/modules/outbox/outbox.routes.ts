import { z } from 'zod';
import { OutboxMessageDetail, OutboxPage } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { OutboxService } from './outbox.service.js';

export function outboxRoutes(app: FastifyZod, outbox: OutboxService): void {
  const tags = ['outbox'];
  app.get(
    '/api/outbox',
    {
      schema: {
        tags,
        querystring: z.object({
          cursor: z.string().max(400).optional(),
          to: z.string().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: OutboxPage },
      },
    },
    (req) => outbox.list(req.actor, req.query),
  );
  app.get(
    '/api/outbox/:id',
    { schema: { tags, params: z.object({ id: z.string().uuid() }), response: { 200: OutboxMessageDetail } } },
    (req) => outbox.get(req.actor, req.params.id),
  );
}
