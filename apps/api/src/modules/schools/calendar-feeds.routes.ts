import { z } from 'zod';
import { CalendarFeeds, CreateCalendarFeedBody, CreatedCalendarFeed, Id } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { CalendarFeedsService } from './calendar-feeds.service.js';

/** A feed's own account pages (list, new URL, revoke) and the URL calendar apps read without a session. */
export function calendarFeedsRoutes(app: FastifyZod, feeds: CalendarFeedsService): void {
  const tags = ['calendar'];
  app.get('/api/calendar-feeds', { schema: { tags, response: { 200: CalendarFeeds } } }, (req) =>
    feeds.mine(req.actor),
  );
  app.post(
    '/api/calendar-feeds',
    { schema: { tags, body: CreateCalendarFeedBody, response: { 201: CreatedCalendarFeed } } },
    async (req, reply) => reply.status(201).send(await feeds.create(req.actor, req.body)),
  );
  app.delete(
    '/api/calendar-feeds/:id',
    { schema: { tags, params: z.object({ id: Id }), response: { 200: CalendarFeeds } } },
    (req) => feeds.revoke(req.actor, req.params.id),
  );
  // Public: a calendar app cannot log in; the token in the path is the credential (no-store: never cached on the way).
  app.get(
    '/api/feeds/:token.ics',
    { schema: { tags, params: z.object({ token: z.string().min(20).max(100) }) } },
    async (req, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'inline; filename="harmonie.ics"')
        .send(await feeds.feed(req.params.token)),
  );
}
