import { z } from 'zod';
import {
  ChoiceBody,
  ChoiceOpening,
  ChoiceOpeningBody,
  ChoiceView,
  Id,
  messageFor,
  OfferAnswerBody,
  Problem,
  WaitingList,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { WaveNotOpen, type ChoiceService } from './choice.service.js';

const IdParams = z.object({ id: Id });
const Placed = z.object({ id: Id, status: z.string() });
/** A refusal of the choice; before the family's wave, with the date it opens. */
const ChoiceRefusal = Problem.extend({ opensAt: z.string().optional() });

/** The timetable choice: the family portal's page and answers, the secretariat's waiting lists and opening date. */
export function choiceRoutes(app: FastifyZod, choice: ChoiceService): void {
  const tags = ['schools'];
  app.get('/api/portal/choice', { schema: { tags, response: { 200: ChoiceView } } }, (req) => choice.view(req.actor));
  app.post(
    '/api/portal/choice',
    { schema: { tags, body: ChoiceBody, response: { 201: Placed, 409: ChoiceRefusal } } },
    async (req, reply) => {
      try {
        return reply.status(201).send(await choice.choose(req.actor, req.body));
      } catch (error) {
        if (!(error instanceof WaveNotOpen)) throw error;
        // The refusal says when the family's wave opens: the date beside the field's message, and as `opensAt`.
        const date = new Intl.DateTimeFormat(req.locale === 'en' ? 'en-GB' : 'fr-FR', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: error.timeZone,
        }).format(new Date(error.opensAt));
        const opens = req.locale === 'en' ? `It opens on ${date}.` : `Elle ouvre le ${date}.`;
        const message = `${messageFor(req.locale, error.code)} ${opens}`;
        return reply
          .status(409)
          .type('application/problem+json')
          .send({
            type: 'https://harmonie.dev/problems/choice-wave-not-open',
            title: message,
            status: 409,
            code: error.code,
            opensAt: error.opensAt,
            errors: [{ field: 'courseId', code: error.code, message }],
          });
      }
    },
  );
  app.post(
    '/api/portal/choice/offers/:id',
    { schema: { tags, params: IdParams, body: OfferAnswerBody, response: { 200: Placed } } },
    (req) => choice.answerOffer(req.actor, req.params.id, req.body.answer),
  );
  app.get(
    '/api/courses/:id/waiting-list',
    { schema: { tags, params: IdParams, response: { 200: WaitingList } } },
    (req) => choice.waitingList(req.actor, req.params.id),
  );
  app.get(
    '/api/seasons/:id/choice-opening',
    { schema: { tags, params: IdParams, response: { 200: ChoiceOpening } } },
    (req) => choice.opening(req.actor, req.params.id),
  );
  app.put(
    '/api/seasons/:id/choice-opening',
    {
      schema: {
        tags,
        params: IdParams,
        body: ChoiceOpeningBody,
        response: { 200: z.object({ seasonId: Id, opensAt: z.string() }) },
      },
    },
    (req) => choice.setOpening(req.actor, req.params.id, req.body.opensAt),
  );
}
