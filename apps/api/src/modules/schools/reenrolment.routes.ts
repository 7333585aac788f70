import { z } from 'zod';
import {
  CampaignProgress,
  Id,
  OpenCampaignBody,
  PackAnswerBody,
  ReenrolmentCampaign,
  ReenrolmentPack,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { attachment } from '../../platform/download.js';
import type { ReenrolmentService } from './reenrolment.service.js';

const IdParams = z.object({ id: Id });
const TokenParams = z.object({ token: z.string().max(200) });
const ProgressQuery = z.object({ schoolId: Id.optional() });

/** Re-enrolment: the office's campaigns, the family portal's packs, and the no-login link (public prefix). */
export function reenrolmentRoutes(app: FastifyZod, reenrolment: ReenrolmentService): void {
  const tags = ['reenrolment'];
  const pdf = (
    file: { fileName: string; content: Buffer },
    reply: { type: (t: string) => { header: (k: string, v: string) => { send: (b: Buffer) => unknown } } },
  ) => reply.type('application/pdf').header('content-disposition', attachment(file.fileName)).send(file.content);

  app.get('/api/reenrolment/campaigns', { schema: { tags, response: { 200: z.array(ReenrolmentCampaign) } } }, (req) =>
    reenrolment.list(req.actor),
  );
  app.post(
    '/api/reenrolment/campaigns',
    { schema: { tags, body: OpenCampaignBody, response: { 201: ReenrolmentCampaign } } },
    async (req, reply) => reply.status(201).send(await reenrolment.open(req.actor, req.body)),
  );
  app.get(
    '/api/reenrolment/campaigns/:id/progress',
    { schema: { tags, params: IdParams, querystring: ProgressQuery, response: { 200: CampaignProgress } } },
    (req) => reenrolment.progress(req.actor, req.params.id, req.query.schoolId),
  );
  app.get('/api/reenrolment/packs', { schema: { tags, response: { 200: z.array(ReenrolmentPack) } } }, (req) =>
    reenrolment.myPacks(req.actor),
  );
  app.get(
    '/api/reenrolment/packs/:id',
    { schema: { tags, params: IdParams, response: { 200: ReenrolmentPack } } },
    (req) => reenrolment.get(req.actor, req.params.id),
  );
  app.post(
    '/api/reenrolment/packs/:id/answer',
    { schema: { tags, params: IdParams, body: PackAnswerBody, response: { 200: ReenrolmentPack } } },
    (req) => reenrolment.answer(req.actor, req.params.id, req.body),
  );
  app.get('/api/reenrolment/packs/:id/pdf', { schema: { tags, params: IdParams } }, async (req, reply) =>
    pdf(await reenrolment.pdf(req.actor, req.params.id), reply),
  );
  // Public prefix: the personal link of the e-mail (the secret in the path is redacted from the logs).
  app.get(
    '/api/reenrolment-links/:token',
    { schema: { tags, params: TokenParams, response: { 200: ReenrolmentPack } } },
    (req) => reenrolment.linkView(req.actor, req.params.token),
  );
  app.post(
    '/api/reenrolment-links/:token/answer',
    { schema: { tags, params: TokenParams, body: PackAnswerBody, response: { 200: ReenrolmentPack } } },
    (req) => reenrolment.linkAnswer(req.actor, req.params.token, req.body),
  );
  app.get('/api/reenrolment-links/:token/pdf', { schema: { tags, params: TokenParams } }, async (req, reply) =>
    pdf(await reenrolment.linkPdf(req.actor, req.params.token), reply),
  );
}
