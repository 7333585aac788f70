import { z } from 'zod';
import { AuditEntry } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { HistoryService } from './history.service.js';

export function historyRoutes(app: FastifyZod, history: HistoryService): void {
  app.get(
    '/api/history/:entityType/:entityId',
    {
      schema: {
        tags: ['history'],
        params: z.object({ entityType: z.string().regex(/^[a-z_-]{2,40}$/), entityId: z.string().max(64) }),
        response: { 200: z.array(AuditEntry) },
      },
    },
    (req) => history.list(req.actor, req.params.entityType, req.params.entityId),
  );
}
