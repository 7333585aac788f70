import { z } from 'zod';
import {
  Absence,
  AssignSubstituteBody,
  Id,
  MyReplacements,
  RecordAbsenceBody,
  ReplacementProposals,
  ReplacementsOverview,
  ReplacementsQuery,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { ReplacementsService } from './replacements.service.js';

const AbsenceParams = z.object({ id: Id });

/** Replacements: the secretariat's absences, proposals and substitutes; a substitute's own replacements. */
export function replacementsRoutes(app: FastifyZod, replacements: ReplacementsService): void {
  const tags = ['schools'];
  const locale = (l: string | undefined) => (l === 'en' ? 'en' : 'fr');
  app.get(
    '/api/replacements',
    { schema: { tags, querystring: ReplacementsQuery, response: { 200: ReplacementsOverview } } },
    (req) => replacements.overview(req.actor, req.query, locale(req.locale)),
  );
  app.post(
    '/api/replacements/absences',
    { schema: { tags, body: RecordAbsenceBody, response: { 201: Absence } } },
    async (req, reply) => reply.code(201).send(await replacements.record(req.actor, req.body, locale(req.locale))),
  );
  app.get(
    '/api/replacements/absences/:id/proposals',
    { schema: { tags, params: AbsenceParams, response: { 200: ReplacementProposals } } },
    (req) => replacements.proposals(req.actor, req.params.id, locale(req.locale)),
  );
  app.post(
    '/api/replacements/absences/:id/substitutes',
    { schema: { tags, params: AbsenceParams, body: AssignSubstituteBody, response: { 200: Absence } } },
    (req) => replacements.assign(req.actor, req.params.id, req.body, locale(req.locale)),
  );
  app.get('/api/replacements/mine', { schema: { tags, response: { 200: MyReplacements } } }, (req) =>
    replacements.mine(req.actor, locale(req.locale)),
  );
}
