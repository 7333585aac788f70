import { z } from 'zod';
import {
  AttendanceSheet,
  FamilyAttendance,
  Id,
  IsoDate,
  MarkLessonBody,
  PeriodQuery,
  TeacherSheets,
  UnfilledQuery,
  UnfilledSheets,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { attachment } from '../../platform/download.js';
import type { AttendanceService } from './attendance.service.js';

const CourseParams = z.object({ id: Id });
const LessonParams = z.object({ id: Id, date: IsoDate });

/** Attendance sheets: the teacher portal's sheets and marks, the secretariat's follow-up, a family's marks. */
export function attendanceRoutes(app: FastifyZod, attendance: AttendanceService): void {
  const tags = ['schools'];
  app.get(
    '/api/attendance/mine',
    { schema: { tags, querystring: PeriodQuery, response: { 200: TeacherSheets } } },
    (req) => attendance.mySheets(req.actor, req.query.period),
  );
  app.get(
    '/api/attendance/courses/:id',
    { schema: { tags, params: CourseParams, querystring: PeriodQuery, response: { 200: AttendanceSheet } } },
    (req) => attendance.sheet(req.actor, req.params.id, req.query.period),
  );
  app.put(
    '/api/attendance/courses/:id/lessons/:date',
    { schema: { tags, params: LessonParams, body: MarkLessonBody, response: { 200: AttendanceSheet } } },
    (req) => attendance.mark(req.actor, req.params.id, req.params.date, req.body),
  );
  app.get(
    '/api/attendance/courses/:id/pdf',
    { schema: { tags, params: CourseParams, querystring: PeriodQuery } },
    async (req, reply) => {
      const file = await attendance.pdf(req.actor, req.params.id, req.query.period, req.locale === 'en' ? 'en' : 'fr');
      return reply.type('application/pdf').header('content-disposition', attachment(file.fileName)).send(file.content);
    },
  );
  app.post(
    '/api/attendance/courses/:id/reminder',
    {
      schema: {
        tags,
        params: CourseParams,
        querystring: PeriodQuery,
        response: { 200: z.object({ remindedOn: IsoDate }) },
      },
    },
    (req) => attendance.remind(req.actor, req.params.id, req.query.period),
  );
  app.get(
    '/api/attendance/sheets',
    { schema: { tags, querystring: UnfilledQuery, response: { 200: UnfilledSheets } } },
    (req) => attendance.schoolSheets(req.actor, req.query),
  );
  app.get(
    '/api/portal/attendance',
    { schema: { tags, querystring: PeriodQuery, response: { 200: FamilyAttendance } } },
    (req) => attendance.familyAttendance(req.actor, req.query.period),
  );
}
