import { z } from 'zod';
import {
  HoursQuery,
  HoursReport,
  Id,
  MyHoursQuery,
  TeacherContract,
  TeacherContractInput,
  TeacherContracts,
  UpdateTeacherContractBody,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { attachment } from '../../platform/download.js';
import type { TeacherHoursService } from './teacher-hours.service.js';

const IdParams = z.object({ id: Id });

/** Teachers' hours: the office's monthly report and its CSV, a teacher's own hours, contracts per school. */
export function teacherHoursRoutes(app: FastifyZod, hours: TeacherHoursService): void {
  const tags = ['schools'];
  app.get('/api/teacher-hours', { schema: { tags, querystring: HoursQuery, response: { 200: HoursReport } } }, (req) =>
    hours.report(req.actor, req.query),
  );
  app.get('/api/teacher-hours.csv', { schema: { tags, querystring: HoursQuery } }, async (req, reply) => {
    const file = await hours.csv(req.actor, req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(file.fileName))
      .send(file.content);
  });
  app.get(
    '/api/teacher-hours/mine',
    { schema: { tags, querystring: MyHoursQuery, response: { 200: HoursReport } } },
    (req) => hours.mine(req.actor, req.query.month),
  );
  app.get(
    '/api/teacher-contracts',
    {
      schema: { tags, querystring: z.object({ schoolId: Id.optional() }), response: { 200: TeacherContracts } },
    },
    (req) => hours.contracts(req.actor, req.query.schoolId),
  );
  app.post(
    '/api/teacher-contracts',
    { schema: { tags, body: TeacherContractInput, response: { 201: TeacherContract } } },
    async (req, reply) => reply.status(201).send(await hours.createContract(req.actor, req.body)),
  );
  app.put(
    '/api/teacher-contracts/:id',
    { schema: { tags, params: IdParams, body: UpdateTeacherContractBody, response: { 200: TeacherContract } } },
    (req) => hours.updateContract(req.actor, req.params.id, req.body),
  );
}
