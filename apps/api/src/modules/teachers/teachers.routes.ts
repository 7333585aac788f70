import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptApplicationBody,
  ApplicationStatus,
  ApplicationTransitionBody,
  AttendanceBody,
  CreateMeetingBody,
  CreateSuspensionBody,
  EndSuspensionBody,
  Id,
  InterviewBody,
  InviteTeachersBody,
  LowActivityCallBody,
  LowActivityQuery,
  LowActivityReport,
  Meeting,
  MeetingAnswerBody,
  MeetingDetail,
  ReportIncidentBody,
  SuspensionObjectBody,
  SuspensionVoteBody,
  TeacherApplication,
  TeacherApplicationSummary,
  TeacherDocument,
  TeacherIncident,
  TeacherMeetingInvitation,
  TeacherProfile,
  TeacherProfileBody,
  TeacherSuspension,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { attachment } from '../../platform/download.js';
import type { ApplicationsService } from './applications.service.js';
import type { TeacherDocumentsService } from './documents.service.js';
import type { IncidentsService } from './incidents.service.js';
import type { LowActivityService } from './low-activity.service.js';
import type { MeetingsService } from './meetings.service.js';
import type { TeacherProfileService } from './profile.service.js';
import type { SuspensionsService } from './suspensions.service.js';
import { DOCUMENT_MAX_BYTES_CEILING } from './teachers.settings.js';
import { readUpload } from './upload.js';

export type TeachersLifecycleServices = {
  profile: TeacherProfileService;
  documents: TeacherDocumentsService;
  applications: ApplicationsService;
  meetings: MeetingsService;
  incidents: IncidentsService;
  suspensions: SuspensionsService;
  lowActivity: LowActivityService;
};

const IdParams = z.object({ id: Id });
const TokenParams = z.object({ token: z.string().min(20).max(100) });
const Received = z.object({ received: z.literal(true) });

/** HTTP for the teachers' lifecycle: parse, call one service function, shape the reply. */
export async function teachersLifecycleRoutes(app: FastifyZod, s: TeachersLifecycleServices): Promise<void> {
  const tags = ['teachers'];

  // Profile
  app.get(
    '/api/teachers/:id/profile',
    { schema: { tags, params: IdParams, response: { 200: TeacherProfile } } },
    (req) => s.profile.get(req.actor, req.params.id),
  );
  app.put(
    '/api/teachers/:id/profile',
    { schema: { tags, params: IdParams, body: TeacherProfileBody, response: { 200: TeacherProfile } } },
    (req) => s.profile.update(req.actor, req.params.id, req.body),
  );

  // Uploads: multipart is registered in this scope only, with a hard ceiling; the setting is checked per request.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: DOCUMENT_MAX_BYTES_CEILING, files: 1 } });
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/api/public/teacher-applications',
      { schema: { tags, consumes: ['multipart/form-data'], response: { 201: Received } } },
      async (req, reply) => {
        const upload = await readUpload(req, await s.documents.maxBytes());
        return reply.status(201).send(await s.applications.submit(req.ip, upload));
      },
    );
    typed.post(
      '/api/teachers/:id/documents',
      { schema: { tags, consumes: ['multipart/form-data'], params: IdParams, response: { 201: TeacherDocument } } },
      async (req, reply) => {
        const upload = await readUpload(req, await s.documents.maxBytes());
        return reply.status(201).send(await s.documents.upload(req.actor, req.params.id, upload));
      },
    );
  });

  // Documents
  app.get(
    '/api/teachers/:id/documents',
    { schema: { tags, params: IdParams, response: { 200: z.array(TeacherDocument) } } },
    (req) => s.documents.list(req.actor, req.params.id),
  );
  app.get('/api/teacher-documents/:id/content', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await s.documents.open(req.actor, req.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', attachment(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  });
  app.delete('/api/teacher-documents/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await s.documents.remove(req.actor, req.params.id);
    return reply.status(204).send();
  });

  // Applications (staff)
  app.get(
    '/api/teacher-applications',
    {
      schema: {
        tags,
        querystring: z.object({ status: ApplicationStatus.optional() }),
        response: { 200: z.array(TeacherApplicationSummary) },
      },
    },
    (req) => s.applications.list(req.actor, req.query),
  );
  app.get(
    '/api/teacher-applications/:id',
    { schema: { tags, params: IdParams, response: { 200: TeacherApplication } } },
    (req) => s.applications.get(req.actor, req.params.id),
  );
  app.put(
    '/api/teacher-applications/:id/interview',
    { schema: { tags, params: IdParams, body: InterviewBody, response: { 200: TeacherApplication } } },
    (req) => s.applications.recordInterview(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/teacher-applications/:id/transition',
    { schema: { tags, params: IdParams, body: ApplicationTransitionBody, response: { 200: TeacherApplication } } },
    (req) => s.applications.transition(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/teacher-applications/:id/accept',
    { schema: { tags, params: IdParams, body: AcceptApplicationBody, response: { 200: TeacherApplication } } },
    (req) => s.applications.accept(req.actor, req.params.id, req.body),
  );

  // Meetings
  app.get('/api/meetings', { schema: { tags, response: { 200: z.array(Meeting) } } }, (req) =>
    s.meetings.list(req.actor),
  );
  app.post(
    '/api/meetings',
    { schema: { tags, body: CreateMeetingBody, response: { 201: MeetingDetail } } },
    async (req, reply) => reply.status(201).send(await s.meetings.create(req.actor, req.body)),
  );
  app.get('/api/meetings/:id', { schema: { tags, params: IdParams, response: { 200: MeetingDetail } } }, (req) =>
    s.meetings.get(req.actor, req.params.id),
  );
  app.post(
    '/api/meetings/:id/invitations',
    { schema: { tags, params: IdParams, body: InviteTeachersBody, response: { 200: MeetingDetail } } },
    (req) => s.meetings.invite(req.actor, req.params.id, req.body),
  );
  app.put(
    '/api/meetings/:id/attendance',
    { schema: { tags, params: IdParams, body: AttendanceBody, response: { 200: MeetingDetail } } },
    (req) => s.meetings.recordAttendance(req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/teachers/:id/meeting-invitations',
    { schema: { tags, params: IdParams, response: { 200: z.array(TeacherMeetingInvitation) } } },
    (req) => s.meetings.teacherInvitations(req.actor, req.params.id),
  );
  app.post(
    '/api/meeting-invitations/:id/answer',
    { schema: { tags, params: IdParams, body: MeetingAnswerBody, response: { 200: TeacherMeetingInvitation } } },
    (req) => s.meetings.answer(req.actor, req.params.id, req.body.answer),
  );
  app.get(
    '/api/links/meeting-invitations/:token',
    { schema: { tags, params: TokenParams, response: { 200: TeacherMeetingInvitation } } },
    (req) => s.meetings.linkInfo(req.params.token),
  );
  app.post(
    '/api/links/meeting-invitations/:token',
    { schema: { tags, params: TokenParams, body: MeetingAnswerBody, response: { 200: TeacherMeetingInvitation } } },
    (req) => s.meetings.answerByLink(req.params.token, req.body.answer),
  );

  // Incidents
  app.get(
    '/api/teachers/:id/incidents',
    { schema: { tags, params: IdParams, response: { 200: z.array(TeacherIncident) } } },
    (req) => s.incidents.list(req.actor, req.params.id),
  );
  app.post(
    '/api/teachers/:id/incidents',
    { schema: { tags, params: IdParams, body: ReportIncidentBody, response: { 201: TeacherIncident } } },
    async (req, reply) => reply.status(201).send(await s.incidents.report(req.actor, req.params.id, req.body)),
  );

  // Low activity
  app.get(
    '/api/teachers/low-activity',
    { schema: { tags, querystring: LowActivityQuery, response: { 200: LowActivityReport } } },
    (req) => s.lowActivity.list(req.actor, req.query),
  );
  app.post(
    '/api/teachers/:id/low-activity-call',
    { schema: { tags, params: IdParams, body: LowActivityCallBody } },
    async (req, reply) => reply.status(201).send(await s.lowActivity.logCall(req.actor, req.params.id, req.body)),
  );

  // Suspensions
  app.get(
    '/api/teachers/:id/suspensions',
    { schema: { tags, params: IdParams, response: { 200: z.array(TeacherSuspension) } } },
    (req) => s.suspensions.listForTeacher(req.actor, req.params.id),
  );
  app.post(
    '/api/teachers/:id/suspensions',
    { schema: { tags, params: IdParams, body: CreateSuspensionBody, response: { 201: TeacherSuspension } } },
    async (req, reply) => reply.status(201).send(await s.suspensions.create(req.actor, req.params.id, req.body)),
  );
  app.get('/api/teacher-suspensions', { schema: { tags, response: { 200: z.array(TeacherSuspension) } } }, (req) =>
    s.suspensions.listPending(req.actor),
  );
  app.get(
    '/api/teacher-suspensions/:id',
    { schema: { tags, params: IdParams, response: { 200: TeacherSuspension } } },
    (req) => s.suspensions.get(req.actor, req.params.id),
  );
  app.post(
    '/api/teacher-suspensions/:id/approve',
    { schema: { tags, params: IdParams, body: SuspensionVoteBody, response: { 200: TeacherSuspension } } },
    (req) => s.suspensions.approve(req.actor, req.params.id, req.body.comment ?? null),
  );
  app.post(
    '/api/teacher-suspensions/:id/object',
    { schema: { tags, params: IdParams, body: SuspensionObjectBody, response: { 200: TeacherSuspension } } },
    (req) => s.suspensions.object(req.actor, req.params.id, req.body.comment),
  );
  app.post(
    '/api/teacher-suspensions/:id/withdraw-objection',
    { schema: { tags, params: IdParams, response: { 200: TeacherSuspension } } },
    (req) => s.suspensions.withdrawObjection(req.actor, req.params.id),
  );
  app.post(
    '/api/teacher-suspensions/:id/withdraw',
    { schema: { tags, params: IdParams, body: EndSuspensionBody, response: { 200: TeacherSuspension } } },
    (req) => s.suspensions.withdraw(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/teacher-suspensions/:id/lift',
    { schema: { tags, params: IdParams, body: EndSuspensionBody, response: { 200: TeacherSuspension } } },
    (req) => s.suspensions.lift(req.actor, req.params.id, req.body),
  );
}
