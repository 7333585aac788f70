import { z } from 'zod';
import {
  CancellationBody,
  FamilyFees,
  FeePlanBody,
  FeePolicy,
  FeePolicyBody,
  Id,
  SolidarityBandBody,
  SpecialRule,
  SpecialRuleBody,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { FeesService } from './fees.service.js';

const FamilySeason = z.object({ familyId: Id, seasonId: Id });
const SchoolParams = z.object({ schoolId: Id });
const SeasonQuery = z.object({ seasonId: Id.optional() });

/** School fees and cancellations: the family's portal (its own), the secretariat (per school). */
export function feesRoutes(app: FastifyZod, fees: FeesService): void {
  const tags = ['fees'];
  app.get(
    '/api/fees/mine',
    { schema: { tags, querystring: SeasonQuery, response: { 200: FamilyFees.nullable() } } },
    (req) => fees.mine(req.actor, req.query.seasonId),
  );
  app.post(
    '/api/fees/mine/plan',
    { schema: { tags, querystring: SeasonQuery, body: FeePlanBody, response: { 200: FamilyFees } } },
    (req) => fees.choosePlan(req.actor, req.query.seasonId, req.body),
  );
  app.post(
    '/api/fees/mine/cancellations',
    { schema: { tags, body: CancellationBody, response: { 201: FamilyFees } } },
    async (req, reply) => reply.status(201).send(await fees.cancel(req.actor, req.body)),
  );
  app.get(
    '/api/fees/families/:familyId/seasons/:seasonId',
    { schema: { tags, params: FamilySeason, response: { 200: FamilyFees } } },
    (req) => fees.familyFees(req.actor, req.params.familyId, req.params.seasonId),
  );
  app.post(
    '/api/fees/families/:familyId/seasons/:seasonId/issue',
    { schema: { tags, params: FamilySeason, response: { 200: FamilyFees } } },
    (req) => fees.issueFor(req.actor, req.params.familyId, req.params.seasonId),
  );
  app.put(
    '/api/fees/families/:familyId/seasons/:seasonId/solidarity',
    { schema: { tags, params: FamilySeason, body: SolidarityBandBody, response: { 200: FamilyFees } } },
    (req) => fees.setSolidarity(req.actor, req.params.familyId, req.params.seasonId, req.body),
  );
  app.get(
    '/api/fees/schools/:schoolId/policy',
    { schema: { tags, params: SchoolParams, response: { 200: FeePolicy } } },
    (req) => fees.policy(req.actor, req.params.schoolId),
  );
  app.put(
    '/api/fees/schools/:schoolId/policy',
    { schema: { tags, params: SchoolParams, body: FeePolicyBody, response: { 200: FeePolicy } } },
    (req) => fees.setPolicy(req.actor, req.params.schoolId, req.body),
  );
  app.get(
    '/api/fees/schools/:schoolId/special-rules',
    {
      schema: {
        tags,
        params: SchoolParams,
        querystring: z.object({ seasonId: Id }),
        response: { 200: z.array(SpecialRule) },
      },
    },
    (req) => fees.specialRules(req.actor, req.params.schoolId, req.query.seasonId),
  );
  app.post(
    '/api/fees/special-rules',
    { schema: { tags, body: SpecialRuleBody, response: { 201: SpecialRule } } },
    async (req, reply) => reply.status(201).send(await fees.createSpecialRule(req.actor, req.body)),
  );
}
