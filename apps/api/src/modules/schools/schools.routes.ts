import { z } from 'zod';
import {
  CalendarEntry,
  Course,
  CourseInput,
  CourseLessons,
  CourseListQuery,
  UpdateCourseBody,
  DistancePeriod,
  DistancePeriodInput,
  ResumeCourseBody,
  SuspendCourseBody,
  CalendarEntryInput,
  Id,
  ImportHolidaysBody,
  ImportHolidaysResult,
  School,
  SchoolCalendar,
  SeasonReport,
  SchoolInput,
  SchoolStaffBody,
  Season,
  SeasonInput,
  UpdateSchoolBody,
  UpdateSeasonBody,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { attachment } from '../../platform/download.js';
import type { SchoolsModuleServices } from './schools.module.js';

const IdParams = z.object({ id: Id });
const TimetableConflictSchema = z.object({
  code: z.string(),
  courseId: Id,
  otherCourseId: Id.optional(),
  minutesBetween: z.number().optional(),
  roomCapacity: z.number().optional(),
});
const CalendarParams = z.object({ id: Id, seasonId: Id });
const EntryParams = z.object({ id: Id, entryId: Id });
const PeriodParams = z.object({ id: Id, periodId: Id });
/** The official calendar file of all zones and years is about 1 MB of CSV. */
const HOLIDAY_FILE_LIMIT = 3 * 1_048_576;

export function schoolsRoutes(app: FastifyZod, { schools, seasons, courses, reports }: SchoolsModuleServices): void {
  const tags = ['schools'];
  app.get('/api/schools', { schema: { tags, response: { 200: z.array(School) } } }, (req) => schools.list(req.actor));
  app.post('/api/schools', { schema: { tags, body: SchoolInput, response: { 201: School } } }, async (req, reply) =>
    reply.status(201).send(await schools.create(req.actor, req.body)),
  );
  app.get('/api/schools/:id', { schema: { tags, params: IdParams, response: { 200: School } } }, (req) =>
    schools.get(req.actor, req.params.id),
  );
  app.put(
    '/api/schools/:id',
    { schema: { tags, params: IdParams, body: UpdateSchoolBody, response: { 200: School } } },
    (req) => schools.update(req.actor, req.params.id, req.body),
  );
  app.put(
    '/api/schools/:id/staff',
    { schema: { tags, params: IdParams, body: SchoolStaffBody, response: { 200: School } } },
    (req) => schools.setStaff(req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/schools/:id/calendar/:seasonId',
    { schema: { tags, params: CalendarParams, response: { 200: SchoolCalendar } } },
    (req) => seasons.schoolCalendar(req.actor, req.params.id, req.params.seasonId),
  );
  // Public: a calendar app subscribes to it without a session; it holds dates and closures, nothing personal.
  app.get('/api/calendars/:id/:seasonId.ics', { schema: { tags, params: CalendarParams } }, async (req, reply) =>
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="calendrier.ics"')
      .send(await seasons.schoolCalendarFeed(req.params.id, req.params.seasonId)),
  );

  app.get('/api/seasons', { schema: { tags, response: { 200: z.array(Season) } } }, (req) => seasons.list(req.actor));
  app.post('/api/seasons', { schema: { tags, body: SeasonInput, response: { 201: Season } } }, async (req, reply) =>
    reply.status(201).send(await seasons.create(req.actor, req.body)),
  );
  app.get('/api/seasons/:id', { schema: { tags, params: IdParams, response: { 200: Season } } }, (req) =>
    seasons.get(req.actor, req.params.id),
  );
  app.put(
    '/api/seasons/:id',
    { schema: { tags, params: IdParams, body: UpdateSeasonBody, response: { 200: Season } } },
    (req) => seasons.update(req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/seasons/:id/calendar-entries',
    { schema: { tags, params: IdParams, response: { 200: z.array(CalendarEntry) } } },
    (req) => seasons.entries(req.actor, req.params.id),
  );
  app.post(
    '/api/seasons/:id/calendar-entries',
    { schema: { tags, params: IdParams, body: CalendarEntryInput, response: { 201: CalendarEntry } } },
    async (req, reply) => reply.status(201).send(await seasons.addEntry(req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/seasons/:id/calendar-entries/:entryId',
    { schema: { tags, params: EntryParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await seasons.removeEntry(req.actor, req.params.id, req.params.entryId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/seasons/:id/holidays',
    {
      bodyLimit: HOLIDAY_FILE_LIMIT,
      schema: { tags, params: IdParams, body: ImportHolidaysBody, response: { 200: ImportHolidaysResult } },
    },
    (req) => seasons.importHolidays(req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/seasons/:id/timetable-conflicts',
    { schema: { tags, params: IdParams, response: { 200: z.array(TimetableConflictSchema) } } },
    (req) => courses.seasonConflicts(req.actor, req.params.id),
  );

  app.get('/api/seasons/:id/reports', { schema: { tags, params: IdParams, response: { 200: SeasonReport } } }, (req) =>
    reports.report(req.actor, req.params.id),
  );
  app.get('/api/seasons/:id/reports.csv', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await reports.csv(req.actor, req.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(file.fileName))
      .send(file.content);
  });

  app.get(
    '/api/courses',
    { schema: { tags, querystring: CourseListQuery, response: { 200: z.array(Course) } } },
    (req) => courses.list(req.actor, req.query),
  );
  app.post('/api/courses', { schema: { tags, body: CourseInput, response: { 201: Course } } }, async (req, reply) =>
    reply.status(201).send(await courses.create(req.actor, req.body)),
  );
  app.get('/api/courses/:id', { schema: { tags, params: IdParams, response: { 200: Course } } }, (req) =>
    courses.get(req.actor, req.params.id),
  );
  app.put(
    '/api/courses/:id',
    { schema: { tags, params: IdParams, body: UpdateCourseBody, response: { 200: Course } } },
    (req) => courses.update(req.actor, req.params.id, req.body),
  );
  app.get('/api/courses/:id/lessons', { schema: { tags, params: IdParams, response: { 200: CourseLessons } } }, (req) =>
    courses.lessons(req.actor, req.params.id),
  );
  app.post(
    '/api/courses/:id/distance-periods',
    { schema: { tags, params: IdParams, body: DistancePeriodInput, response: { 201: DistancePeriod } } },
    async (req, reply) => reply.status(201).send(await courses.switchToDistance(req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/courses/:id/distance-periods/:periodId',
    { schema: { tags, params: PeriodParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await courses.cancelDistance(req.actor, req.params.id, req.params.periodId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/courses/:id/suspend',
    { schema: { tags, params: IdParams, body: SuspendCourseBody, response: { 200: Course } } },
    (req) => courses.suspend(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/courses/:id/resume',
    { schema: { tags, params: IdParams, body: ResumeCourseBody, response: { 200: Course } } },
    (req) => courses.resume(req.actor, req.params.id, req.body),
  );
}
