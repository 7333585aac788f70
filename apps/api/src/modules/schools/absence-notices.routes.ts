import { z } from 'zod';
import {
  AbsenceNotices,
  AbsenceNoticesBody,
  ContactEntry,
  ContactFlag,
  ContactFlagBody,
  ContactIssues,
  ContactIssuesQuery,
  Id,
  MissingCallBody,
  MissingQuery,
  MissingReport,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { AbsenceNoticesService } from './absence-notices.service.js';
import type { MissingReportService } from './missing-report.service.js';

const Params = z.object({ id: Id });

/** Absence notices (a family's choice), the missing-students and contacts reports, a teacher's contact flag. */
export function absenceNoticesRoutes(
  app: FastifyZod,
  notices: AbsenceNoticesService,
  missing: MissingReportService,
): void {
  const tags = ['schools'];
  app.get('/api/portal/absence-notices', { schema: { tags, response: { 200: AbsenceNotices } } }, (req) =>
    notices.mine(req.actor),
  );
  app.put(
    '/api/portal/absence-notices',
    { schema: { tags, body: AbsenceNoticesBody, response: { 200: AbsenceNotices } } },
    (req) => notices.updateMine(req.actor, req.body),
  );
  app.get(
    '/api/families/:id/absence-notices',
    { schema: { tags, params: Params, response: { 200: AbsenceNotices } } },
    (req) => notices.ofFamily(req.actor, req.params.id),
  );
  app.put(
    '/api/families/:id/absence-notices',
    { schema: { tags, params: Params, body: AbsenceNoticesBody, response: { 200: AbsenceNotices } } },
    (req) => notices.updateFamily(req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/missing-students',
    { schema: { tags, querystring: MissingQuery, response: { 200: MissingReport } } },
    (req) => missing.missing(req.actor, req.query),
  );
  app.post(
    '/api/missing-students/:id/calls',
    { schema: { tags, params: Params, body: MissingCallBody, response: { 201: ContactEntry } } },
    async (req, reply) => reply.status(201).send(await missing.call(req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/contact-issues',
    { schema: { tags, querystring: ContactIssuesQuery, response: { 200: ContactIssues } } },
    (req) => missing.contactIssues(req.actor, req.query.schoolId),
  );
  app.post(
    '/api/attendance/students/:id/contact-flags',
    { schema: { tags, params: Params, body: ContactFlagBody, response: { 201: ContactFlag } } },
    async (req, reply) => reply.status(201).send(await missing.flag(req.actor, req.params.id, req.body)),
  );
}
