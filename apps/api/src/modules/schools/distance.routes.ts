import { z } from 'zod';
import { DistanceItem, DistanceLesson, FamilyDistance, Id, IsoDate, PostMaterialBody } from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { DistanceService } from './distance.service.js';

const LessonParams = z.object({ id: Id, date: IsoDate });
const TokenParams = z.object({ token: z.string().max(200) });
const AckParams = z.object({ id: Id });

/** Distance lessons: the teacher's material and who said "ok", the no-login link (public prefix), the family portal. */
export function distanceRoutes(app: FastifyZod, distance: DistanceService): void {
  const tags = ['schools'];
  app.get(
    '/api/attendance/courses/:id/lessons/:date/distance',
    { schema: { tags, params: LessonParams, response: { 200: DistanceLesson } } },
    (req) => distance.lesson(req.actor, req.params.id, req.params.date),
  );
  app.post(
    '/api/attendance/courses/:id/lessons/:date/materials',
    { schema: { tags, params: LessonParams, body: PostMaterialBody, response: { 200: DistanceLesson } } },
    (req) => distance.post(req.actor, req.params.id, req.params.date, req.body),
  );
  // Public prefix: the personal link of the e-mail (the secret in the path is redacted from the logs). Reading it
  // never uses it (mail scanners open links); only the POST says "ok".
  app.get(
    '/api/distance-links/:token',
    { schema: { tags, params: TokenParams, response: { 200: DistanceItem } } },
    (req) => distance.linkView(req.actor, req.params.token),
  );
  app.post(
    '/api/distance-links/:token/ok',
    { schema: { tags, params: TokenParams, response: { 200: DistanceItem } } },
    (req) => distance.linkAck(req.actor, req.params.token),
  );
  app.get('/api/portal/distance', { schema: { tags, response: { 200: FamilyDistance } } }, (req) =>
    distance.familyLessons(req.actor),
  );
  app.post(
    '/api/portal/distance/:id/ok',
    { schema: { tags, params: AckParams, response: { 200: DistanceItem } } },
    (req) => distance.familyAck(req.actor, req.params.id),
  );
}
