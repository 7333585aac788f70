import { z } from 'zod';
import { BoardDecision, BoardDecisionInput, DecisionLinkBody, Id, SeasonTariffsReply } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { BoardService } from './board.service.js';

const IdParams = z.object({ id: Id });

/** The board's register of decisions and the tariffs of each season. */
export function boardRoutes(app: FastifyZod, board: BoardService): void {
  const tags = ['board'];
  app.get('/api/board/decisions', { schema: { tags, response: { 200: z.array(BoardDecision) } } }, (req) =>
    board.list(req.actor),
  );
  app.post(
    '/api/board/decisions',
    { schema: { tags, body: BoardDecisionInput, response: { 201: BoardDecision } } },
    async (req, reply) => reply.status(201).send(await board.record(req.actor, req.body)),
  );
  app.get('/api/board/decisions/:id', { schema: { tags, params: IdParams, response: { 200: BoardDecision } } }, (req) =>
    board.get(req.actor, req.params.id),
  );
  app.post(
    '/api/board/decisions/:id/links',
    { schema: { tags, params: IdParams, body: DecisionLinkBody, response: { 200: BoardDecision } } },
    (req) => board.link(req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/seasons/:id/tariffs',
    { schema: { tags, params: IdParams, response: { 200: SeasonTariffsReply } } },
    (req) => board.seasonTariffs(req.actor, req.params.id),
  );
}
