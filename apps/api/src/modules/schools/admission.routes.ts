import { z } from 'zod';
import {
  AdmissionBody,
  AdmissionForm,
  AdmissionReceipt,
  Id,
  MyEnrolments,
  RegistrationsQuery,
  SchoolRegistrations,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { AdmissionService } from './admission.service.js';

const SchoolParams = z.object({ schoolId: Id });

/** Administrative enrolment: the public form, the secretariat's list, the family's own enrolments. */
export function admissionRoutes(app: FastifyZod, admission: AdmissionService): void {
  const tags = ['schools'];
  // Public: a family enrols without an account (one is created for its first guardian).
  app.get(
    '/api/public/admissions/:schoolId',
    { schema: { tags, params: SchoolParams, response: { 200: AdmissionForm } } },
    (req) => admission.form(req.params.schoolId),
  );
  app.post(
    '/api/public/admissions/:schoolId',
    { schema: { tags, params: SchoolParams, body: AdmissionBody, response: { 201: AdmissionReceipt } } },
    async (req, reply) => reply.status(201).send(await admission.submitPublic(req.ip, req.params.schoolId, req.body)),
  );
  app.get(
    '/api/schools/:schoolId/registrations',
    { schema: { tags, params: SchoolParams, querystring: RegistrationsQuery, response: { 200: SchoolRegistrations } } },
    (req) => admission.listForSchool(req.actor, req.params.schoolId, req.query.seasonId),
  );
  app.get('/api/enrolments/my', { schema: { tags, response: { 200: MyEnrolments } } }, (req) =>
    admission.mine(req.actor),
  );
}
