import { z } from 'zod';
import {
  AgencyDashboard,
  Candidate,
  CandidatesQuery,
  CloseFileBody,
  CompleteTaskBody,
  CompletedTask,
  ContactEntry,
  DashboardQuery,
  EndAssignmentBody,
  ExternalCandidate,
  ExternalCandidateBody,
  FamilyRequestBody,
  FamilyRequestReceipt,
  FileDetail,
  FileIdResult,
  FileLesson,
  FileListQuery,
  FileLookupQuery,
  FileNoteBody,
  FileSummary,
  FirstLessonBody,
  HandoverBody,
  HandoverResult,
  Id,
  LessonRequestBody,
  MatchingExclusions,
  ExclusionsQuery,
  PlaceChoice,
  PlacesQuery,
  LessonRequestReceipt,
  LessonListItem,
  LessonListQuery,
  LessonResponseBody,
  LessonResponseResult,
  LinkAnswerBody,
  LinkView,
  MergeBody,
  MergePreview,
  MergePreviewQuery,
  MergeResult,
  OkResult,
  Page,
  Plan,
  PlanBody,
  RecordLessonBody,
  SalesRequestReceipt,
  SubscribeBody,
  SubscribeResult,
  TaskList,
  TaskListQuery,
  TicketBody,
  TicketDetail,
  Ticket,
  TicketListQuery,
  TicketMessageBody,
  TicketUpdateBody,
  UpdatePlanBody,
  OpenRequestsNearTeacher,
  UpdateRequestBody,
  UpdateRequestResult,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { Deps } from '../../platform/deps.js';
import { requirePermission } from '../../platform/access.js';
import { runSweeps } from '../../platform/jobs.js';
import { placesOfPostalCode } from '../../platform/places.js';
import type { RequestsService } from './requests.service.js';
import type { PlansService } from './plans.service.js';
import type { FilesService } from './files.service.js';
import type { MatchingService } from './matching/matching.service.js';
import type { NearbyService } from './matching/nearby.service.js';
import type { HandoverService } from './handover.service.js';
import type { LessonsService } from './lessons/lessons.service.js';
import type { LinksService } from './links.service.js';
import type { TicketsService } from './tickets.service.js';
import type { DashboardsService } from './dashboards.service.js';
import type { TasksService } from './tasks.service.js';

export type AgencyServices = {
  requests: RequestsService;
  plans: PlansService;
  files: FilesService;
  matching: MatchingService;
  nearby: NearbyService;
  handover: HandoverService;
  lessons: LessonsService;
  links: LinksService;
  tickets: TicketsService;
  dashboards: DashboardsService;
  tasks: TasksService;
};

const IdParams = z.object({ id: Id });
const TokenParams = z.object({ token: z.string().max(200) });

export function agencyRoutes(app: FastifyZod, s: AgencyServices, deps: Deps): void {
  const tags = ['agency'];
  // Requests: the public form (no login) and sales on the phone.
  app.post(
    '/api/public/lesson-requests',
    { schema: { tags, body: LessonRequestBody, response: { 201: LessonRequestReceipt } } },
    async (req, reply) => reply.status(201).send(await s.requests.submitPublic(req.ip, req.body)),
  );
  app.get(
    '/api/public/places',
    { schema: { tags, querystring: PlacesQuery, response: { 200: z.array(PlaceChoice) } } },
    (req) =>
      placesOfPostalCode(req.query.postalCode).map((p) => ({
        inseeCode: p.inseeCode,
        commune: p.commune,
        department: p.department,
      })),
  );
  app.post(
    '/api/requests',
    { schema: { tags, body: LessonRequestBody, response: { 201: SalesRequestReceipt } } },
    async (req, reply) => reply.status(201).send(await s.requests.submitBySales(req.actor, req.body)),
  );
  const previewSchema = { tags, params: IdParams, querystring: MergePreviewQuery, response: { 200: MergePreview } };
  app.get('/api/requests/:id/merge-preview', { schema: previewSchema }, (req) =>
    s.requests.mergePreview(req.actor, req.params.id, req.query.familyId),
  );
  const mergeSchema = { tags, params: IdParams, body: MergeBody, response: { 200: MergeResult } };
  app.post('/api/requests/:id/merge', { schema: mergeSchema }, (req) =>
    s.requests.merge(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/requests/:id/keep-separate',
    { schema: { tags, params: IdParams, response: { 200: FileIdResult } } },
    (req) => s.requests.keepSeparate(req.actor, req.params.id),
  );
  app.get(
    '/api/requests/:id/candidates',
    { schema: { tags, params: IdParams, querystring: CandidatesQuery, response: { 200: z.array(Candidate) } } },
    (req) =>
      s.matching.candidates(req.actor, req.params.id, {
        includePrevious: req.query.includePrevious === 'true',
        limit: req.query.limit,
        locale: req.locale,
        widenKm: req.query.widenKm,
        asOnline: req.query.asOnline === 'true',
      }),
  );
  app.get(
    '/api/requests/:id/candidates/exclusions',
    { schema: { tags, params: IdParams, querystring: ExclusionsQuery, response: { 200: MatchingExclusions } } },
    (req) =>
      s.matching.exclusions(req.actor, req.params.id, {
        includePrevious: req.query.includePrevious === 'true',
        widenKm: req.query.widenKm,
        asOnline: req.query.asOnline === 'true',
        teacherId: req.query.teacherId ?? null,
      }),
  );

  // The teacher-centred view of recruitment: requests waiting for a teacher that this one could take.
  app.get(
    '/api/teachers/:id/open-requests',
    { schema: { tags, params: IdParams, response: { 200: OpenRequestsNearTeacher } } },
    (req) => s.nearby.openRequestsNear(req.actor, req.params.id),
  );

  app.get('/api/plans', { schema: { tags, response: { 200: z.array(Plan) } } }, (req) => s.plans.list(req.actor));
  app.post('/api/plans', { schema: { tags, body: PlanBody, response: { 201: Plan } } }, async (req, reply) =>
    reply.status(201).send(await s.plans.create(req.actor, req.body)),
  );
  app.patch(
    '/api/plans/:id',
    { schema: { tags, params: IdParams, body: UpdatePlanBody, response: { 200: Plan } } },
    (req) => s.plans.update(req.actor, req.params.id, req.body),
  );

  // Files through the pipeline.
  app.get('/api/files', { schema: { tags, querystring: FileListQuery, response: { 200: Page(FileSummary) } } }, (req) =>
    s.files.list(req.actor, req.query),
  );
  app.get(
    '/api/files/lookup',
    { schema: { tags, querystring: FileLookupQuery, response: { 200: FileIdResult } } },
    (req) => s.files.lookup(req.actor, req.query.reference),
  );
  app.post(
    '/api/files/:id/family-requests',
    { schema: { tags, params: IdParams, body: FamilyRequestBody, response: { 201: FamilyRequestReceipt } } },
    async (req, reply) => reply.status(201).send(await s.tasks.familyRequest(req.actor, req.params.id, req.body)),
  );
  app.get('/api/tasks', { schema: { tags, querystring: TaskListQuery, response: { 200: TaskList } } }, (req) =>
    s.tasks.list(req.actor, req.query),
  );
  app.post(
    '/api/tasks/:id/complete',
    { schema: { tags, params: IdParams, body: CompleteTaskBody, response: { 200: CompletedTask } } },
    (req) => s.tasks.complete(req.actor, req.params.id, req.body),
  );
  app.get('/api/files/:id', { schema: { tags, params: IdParams, response: { 200: FileDetail } } }, (req) =>
    s.files.get(req.actor, req.params.id),
  );
  app.patch(
    '/api/files/:id/request',
    { schema: { tags, params: IdParams, body: UpdateRequestBody, response: { 200: UpdateRequestResult } } },
    (req) => s.files.updateRequest(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/files/:id/subscription',
    { schema: { tags, params: IdParams, body: SubscribeBody, response: { 200: SubscribeResult } } },
    (req) => s.files.subscribe(req.actor, req.params.id, req.body.planId),
  );
  app.post(
    '/api/files/:id/external-candidates',
    { schema: { tags, params: IdParams, body: ExternalCandidateBody, response: { 201: ExternalCandidate } } },
    async (req, reply) =>
      reply.status(201).send(await s.files.addExternalCandidate(req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/files/:id/handover',
    { schema: { tags, params: IdParams, body: HandoverBody, response: { 200: HandoverResult } } },
    (req) => s.handover.handOver(req.actor, req.params.id, req.body, req.locale),
  );
  app.post(
    '/api/files/:id/first-lesson',
    { schema: { tags, params: IdParams, body: FirstLessonBody, response: { 200: FileIdResult } } },
    (req) => s.lessons.firstLesson(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/files/:id/lessons',
    { schema: { tags, params: IdParams, body: RecordLessonBody, response: { 201: FileLesson } } },
    async (req, reply) => reply.status(201).send(await s.lessons.record(req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/lessons',
    { schema: { tags, querystring: LessonListQuery, response: { 200: Page(LessonListItem) } } },
    (req) => s.lessons.listMonth(req.actor, req.query),
  );
  app.post(
    '/api/lessons/:id/response',
    { schema: { tags, params: IdParams, body: LessonResponseBody, response: { 200: LessonResponseResult } } },
    (req) => s.lessons.respond(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/files/:id/end-assignment',
    { schema: { tags, params: IdParams, body: EndAssignmentBody, response: { 200: FileIdResult } } },
    (req) => s.files.endAssignment(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/files/:id/close',
    { schema: { tags, params: IdParams, body: CloseFileBody, response: { 200: FileIdResult } } },
    (req) => s.files.close(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/files/:id/contacts',
    { schema: { tags, params: IdParams, body: FileNoteBody, response: { 201: ContactEntry } } },
    async (req, reply) => reply.status(201).send(await s.files.logContact(req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/files/:id/tickets',
    { schema: { tags, params: IdParams, body: TicketBody, response: { 201: TicketDetail } } },
    async (req, reply) => reply.status(201).send(await s.tickets.open(req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/tickets',
    { schema: { tags, querystring: TicketListQuery, response: { 200: z.array(Ticket) } } },
    (req) => s.tickets.list(req.actor, req.query.status),
  );
  app.get('/api/tickets/:id', { schema: { tags, params: IdParams, response: { 200: TicketDetail } } }, (req) =>
    s.tickets.get(req.actor, req.params.id),
  );
  app.post(
    '/api/tickets/:id/messages',
    { schema: { tags, params: IdParams, body: TicketMessageBody, response: { 200: TicketDetail } } },
    (req) => s.tickets.addMessage(req.actor, req.params.id, req.body.body),
  );
  app.patch(
    '/api/tickets/:id',
    { schema: { tags, params: IdParams, body: TicketUpdateBody, response: { 200: TicketDetail } } },
    (req) => s.tickets.update(req.actor, req.params.id, req.body),
  );

  // Signed links from e-mails: no login.
  app.get('/api/links/:token', { schema: { tags, params: TokenParams, response: { 200: LinkView } } }, (req) =>
    s.links.view(req.actor, req.params.token),
  );
  app.post(
    '/api/links/:token',
    { schema: { tags, params: TokenParams, body: LinkAnswerBody, response: { 200: OkResult } } },
    (req) => s.links.answer(req.actor, req.params.token, req.body),
  );

  app.get(
    '/api/dashboards/agency',
    { schema: { tags, querystring: DashboardQuery, response: { 200: AgencyDashboard } } },
    (req) => s.dashboards.agency(req.actor, req.query.service),
  );

  // Sweeps on demand (the timer runs them too): reminders, alerts and flags are idempotent. A failed sweep is a
  // 500 (logged with its cause by the error handler), after the other sweeps have run.
  app.post('/api/sweeps/run', { schema: { tags: ['platform'] } }, async (req) => {
    requirePermission(req.actor, 'agency.followup');
    return runSweeps(deps);
  });
}
