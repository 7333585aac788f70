import { z } from 'zod';
import {
  Cursor,
  Email,
  Id,
  IsoDate,
  Locale,
  Phone,
  Version,
  humanText,
  longText,
  optionalText,
  searchText,
  shortText,
} from './common.js';

/** The agency loop: requests, students' files through the pipeline, matching, hand-over, lessons, tickets. */

export const FILE_STAGES = [
  'new_request',
  'subscribed',
  'matching',
  'contact_handed_over',
  'first_lesson_scheduled',
  'ongoing',
  'closed',
] as const;
export const FileStage = z.enum(FILE_STAGES);
export type FileStage = z.infer<typeof FileStage>;
export const OWNER_SERVICES = ['sales', 'recruitment', 'followup', 'accounts', 'none'] as const;
export const OwnerService = z.enum(OWNER_SERVICES);
export type OwnerService = z.infer<typeof OwnerService>;
/** Who owns a file at each stage (DOMAIN.md, the agency loop). */
export const STAGE_OWNER: Record<FileStage, OwnerService> = {
  new_request: 'sales',
  subscribed: 'sales',
  matching: 'recruitment',
  contact_handed_over: 'followup',
  first_lesson_scheduled: 'followup',
  ongoing: 'followup',
  closed: 'none',
};

export const LESSON_PLACES = ['home', 'school', 'online'] as const;
export const LessonPlace = z.enum(LESSON_PLACES);
export const FREQUENCIES = ['weekly', 'fortnightly'] as const;
export const Frequency = z.enum(FREQUENCIES);
/** Levels are ordinals: 1 beginner, 2 intermediate, 3 advanced. */
export const Level = z.number().int().min(1, { message: 'invalid_value' }).max(3, { message: 'invalid_value' });
export const END_REASONS = [
  'mismatch',
  'teacher_moved',
  'teacher_unavailable',
  'teacher_conduct',
  'student_changed_instrument',
  'family_stopped',
  'other',
] as const;
export const EndReason = z.enum(END_REASONS);
export const LESSON_STATUSES = ['done', 'cancelled_by_teacher', 'cancelled_by_family', 'late'] as const;
export const LessonStatus = z.enum(LESSON_STATUSES);
/** A lesson that took place: done, or started late. Cancelled lessons are not lessons given. */
export const GIVEN_LESSON_STATUSES = ['done', 'late'] as const satisfies readonly (typeof LESSON_STATUSES)[number][];

export const TICKET_STATUSES = ['open', 'in_progress', 'solved'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);

/** Optional free text, several lines, no markup at all (a script tag is refused, not stored escaped). */
const plainText = (max: number) => humanText(max, { multiline: true, required: false });

export const Slot = z
  .object({
    weekday: z.number().int().min(1, { message: 'invalid_value' }).max(7, { message: 'invalid_value' }),
    startMinute: z.number().int().min(0, { message: 'invalid_value' }).max(1439, { message: 'invalid_value' }),
    endMinute: z.number().int().min(1, { message: 'invalid_value' }).max(1440, { message: 'invalid_value' }),
  })
  .refine((s) => s.endMinute > s.startMinute, { message: 'slot_ends_before_start', path: ['endMinute'] });
export type Slot = z.infer<typeof Slot>;

const RequestPerson = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  email: Email.optional().nullable(),
  phone: Phone.optional().nullable(),
});

/** A commune's INSEE code: five characters, Corsica's 2A/2B, overseas 97x. */
export const InseeCode = z.string().regex(/^(?:\d{2}|2A|2B)\d{3}$/, { message: 'invalid_value' });
export const PlacesQuery = z.object({
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'invalid_postal_code' }),
});
/** The communes a postal code serves: the form asks which one when there are several. */
export const PlaceChoice = z.object({ inseeCode: z.string(), commune: z.string(), department: z.string() });
export type PlaceChoice = z.infer<typeof PlaceChoice>;

/** The request form (public, or sales on the phone). */
export const LessonRequestBody = z
  .object({
    guardian: RequestPerson.optional().nullable(),
    student: RequestPerson.extend({ birthDate: IsoDate }),
    instrument: shortText(60),
    level: Level,
    goals: plainText(2000).optional().nullable(),
    place: LessonPlace,
    address: z
      .object({
        line1: shortText(200),
        postalCode: z
          .string()
          .trim()
          .regex(/^\d{5}$/, { message: 'invalid_postal_code' }),
        city: shortText(120),
        /** The commune chosen among those sharing the postal code (its INSEE code), when the form asked. */
        inseeCode: InseeCode.optional().nullable(),
      })
      .optional()
      .nullable(),
    slots: z.array(Slot).max(21, { message: 'too_long' }).default([]),
    lessonMinutes: z
      .number()
      .int()
      .min(20, { message: 'invalid_value' })
      .max(180, { message: 'invalid_value' })
      .default(45),
    frequency: Frequency.default('weekly'),
    teacherWishes: plainText(1000).optional().nullable(),
    styles: z.array(shortText(40)).max(10).default([]),
    locale: Locale.default('fr'),
    /** Honeypot: hidden from people, filled by robots. */
    website: z.string().max(500).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.place !== 'online' && !body.address)
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'address_required' });
    const contact = body.guardian?.email || body.guardian?.phone || body.student.email || body.student.phone;
    if (!contact)
      ctx.addIssue({
        code: 'custom',
        path: [body.guardian ? 'guardian' : 'student', 'email'],
        message: 'contact_required',
      });
  });
export type LessonRequestBody = z.infer<typeof LessonRequestBody>;
export const LessonRequestReceipt = z.object({ reference: z.string() });

/**
 * Merge a request into a known family: the one it was flagged with, or another one staff chose themselves, which
 * they must then confirm (`confirmUnflagged`, after the page showed them that family).
 */
export const MergeBody = z.object({ familyId: Id, version: Version, confirmUnflagged: z.boolean().default(false) });
export const MergePreviewQuery = z.object({ familyId: Id });
/** The records a merge moves, in the order the page lists them (keys of `moves`). */
export const MERGE_RECORD_KINDS = [
  'people',
  'lesson_files',
  'subscriptions',
  'assignments',
  'lessons',
  'contact_log',
  'tasks',
  'tickets',
  'teacher_incidents',
  'invoices',
  'payments',
  'sepa_mandates',
  'debits',
  'batch_exclusions',
  'tax_certificates',
  'school_registrations',
  'course_enrolments',
  'reenrolment_packs',
  'school_fee_plans',
  'school_fee_items',
  'family_solidarity_bands',
  'cancellation_requests',
] as const;

export const PlanBody = z.object({
  name: shortText(120),
  lessonMinutes: z.number().int().min(15).max(240),
  frequency: Frequency,
  lessonsPerSeason: z.number().int().min(1).max(200),
  priceCents: z.number().int().min(0).max(10_000_000),
  billingPeriod: z.enum(['monthly', 'termly', 'yearly']),
  active: z.boolean().default(true),
});
export const UpdatePlanBody = PlanBody.partial().extend({ version: Version });
export const Plan = z.object({
  id: Id,
  name: z.string(),
  lessonMinutes: z.number(),
  frequency: z.string(),
  lessonsPerSeason: z.number(),
  priceCents: z.number(),
  billingPeriod: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type Plan = z.infer<typeof Plan>;

export const FileListQuery = z.object({
  stage: FileStage.optional(),
  owner: OwnerService.optional(),
  needsAction: z.enum(['today']).optional(),
  mine: z.enum(['teacher', 'family']).optional(),
  /** Only the files under way (neither closed nor a bare request): the teacher's and the family's portals. */
  open: z.enum(['true']).optional(),
  /** A student's or family's name (words, any order) or a request reference ("R-7K2Q9"). */
  q: searchText(100).optional(),
  /** The town of the lessons, from its start ("saint" finds Saint-Denis). */
  city: searchText(80).optional(),
  /** Staff: the files of one family, one student or one teacher (the family, person and teacher pages). */
  familyId: Id.optional(),
  studentId: Id.optional(),
  teacherId: Id.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const FileSummary = z.object({
  id: Id,
  reference: z.string().nullable(),
  stage: FileStage,
  ownerService: z.string(),
  stageChangedAt: z.string(),
  daysInStage: z.number(),
  overdue: z.boolean(),
  noLessonWhileBillable: z.boolean(),
  duplicateFamilyId: z.string().nullable(),
  familyId: Id,
  familyName: z.string(),
  studentId: Id,
  studentName: z.string(),
  instrument: z.string(),
  level: z.number(),
  place: z.string(),
  city: z.string().nullable(),
  openTasks: z.number(),
});
export type FileSummary = z.infer<typeof FileSummary>;

export const StageChangeBody = z.object({ version: Version, reason: shortText(500) });
export const SubscribeBody = z.object({ planId: Id });
/** The hand-over re-checks the search the page showed: the same widening (distance, online) if staff chose one. */
export const HandoverBody = z.object({
  teacherId: Id,
  widenKm: z.number().int().min(0, { message: 'invalid_value' }).max(100, { message: 'invalid_value' }).default(0),
  asOnline: z.boolean().default(false),
});
export const ExternalCandidateBody = z.object({
  name: shortText(120),
  contact: shortText(200),
  notes: plainText(2000).optional().nullable(),
});
export const EndAssignmentBody = z.object({
  reason: EndReason,
  details: plainText(1000).optional().nullable(),
  newSearch: z.boolean().default(true),
});
export const CloseFileBody = z.object({ reason: shortText(500) });
export const FirstLessonBody = z.union([z.object({ date: IsoDate }), z.object({ couldNotReach: z.literal(true) })]);
export const LinkAnswerBody = FirstLessonBody;
export const RecordLessonBody = z.object({
  date: IsoDate,
  minutes: z.number().int().min(10, { message: 'invalid_value' }).max(240, { message: 'invalid_value' }),
  status: LessonStatus,
  place: LessonPlace.optional().nullable(),
});
export const LessonResponseBody = z.union([
  z.object({ response: z.literal('confirmed') }),
  z.object({ response: z.literal('disputed'), reason: longText(1000) }),
]);
export const FileNoteBody = z.object({
  channel: z.enum(['call', 'email', 'sms', 'note', 'meeting']),
  direction: z.enum(['in', 'out']).optional().nullable(),
  personId: Id.optional().nullable(),
  summary: longText(2000),
  outcome: plainText(500).optional().nullable(),
  /** mediation notes are kept as contacts with this flag in the subject type */
  mediation: z.boolean().default(false),
});
export const TicketBody = z.object({ subject: shortText(200), message: longText(4000) });
export const TicketMessageBody = z.object({ body: longText(4000) });
export const TicketUpdateBody = z.object({ version: Version, status: TicketStatus });
export const TicketListQuery = z.object({ status: TicketStatus.optional() });

export const CandidatePart = z.object({
  key: z.string(),
  weight: z.number(),
  score: z.number(),
  points: z.number(),
  reason: z.string(),
});
export const Candidate = z.object({
  teacherId: Id,
  name: z.string(),
  score: z.number(),
  distanceKm: z.number().nullable(),
  fit: z.string(),
  parts: z.array(CandidatePart),
});
export type Candidate = z.infer<typeof Candidate>;
export const CandidatesQuery = z.object({
  includePrevious: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Widen the search: kilometres added to every teacher's travel distance. */
  widenKm: z.coerce
    .number()
    .int()
    .min(0, { message: 'invalid_value' })
    .max(100, { message: 'invalid_value' })
    .default(0),
  /** Widen the search: teachers who would give these lessons online. */
  asOnline: z.enum(['true', 'false']).optional(),
});
export const ExclusionsQuery = CandidatesQuery.omit({ limit: true }).extend({ teacherId: Id.optional() });
/** The hard filters of matching, in the order "why nobody" counts them. */
export const MATCHING_FILTERS = [
  'instrument',
  'suspension',
  'level',
  'age',
  'place',
  'distance',
  'capacity',
  'availability',
  'previous',
] as const;
/**
 * Why nobody (or not someone) is proposed: the teachers of the base, each counted under the first hard filter they
 * fail; how many a wider distance or online lessons would bring; the filter one named teacher fails (null: proposed).
 */
export const MatchingExclusions = z.object({
  teachers: z.number(),
  proposed: z.number(),
  removed: z.array(z.object({ filter: z.enum(MATCHING_FILTERS), count: z.number() })),
  widen: z.object({
    distance: z.array(z.object({ km: z.number(), teachers: z.number() })),
    online: z.number().nullable(),
  }),
  teacher: z.object({ teacherId: Id, filter: z.enum(MATCHING_FILTERS).nullable() }).nullable(),
});
export type MatchingExclusions = z.infer<typeof MatchingExclusions>;

/*
 * Responses. They document the API (OpenAPI) and fastify-type-provider-zod serialises through them: a field
 * missing here is stripped from the answer, so every field a client reads must be listed.
 */
const text = z.string();
const maybe = z.string().nullable();

export const FileIdResult = z.object({ id: Id });
export const SalesRequestReceipt = z.object({ id: Id, reference: text });
const MergeMember = z.object({ id: Id, kind: text, firstName: text, lastName: text, email: maybe, phone: maybe });
/** What a merge would do, shown before staff confirm it; `conflicts` lists what refuses it (error codes). */
export const MergePreview = z.object({
  fileId: Id,
  flagged: z.boolean(),
  family: z.object({ id: Id, name: text, city: maybe, members: z.array(MergeMember) }),
  newcomers: z.array(MergeMember.extend({ sameAsId: maybe })),
  moves: z.record(z.string(), z.number()),
  conflicts: z.array(z.string()),
});
export type MergePreview = z.infer<typeof MergePreview>;
export const MergeResult = z.object({
  id: Id,
  familyId: Id,
  moves: z.record(z.string(), z.number()),
  mergedGuardians: z.number(),
});
export const SubscribeResult = z.object({ id: Id, subscriptionId: Id, plan: Plan });
export const HandoverResult = z.object({
  id: Id,
  assignmentId: Id,
  billableFrom: maybe,
  firstDebitBy: maybe,
  mailedTo: z.array(text),
});
export const ExternalCandidate = z.object({ id: Id, name: text, contact: text, notes: maybe, createdAt: text });
export const FileLesson = z.object({
  id: Id,
  date: text,
  minutes: z.number(),
  status: text,
  place: maybe,
  familyResponse: maybe,
  disputeReason: maybe,
  teacherId: text,
  version: z.number(),
});
export type FileLesson = z.infer<typeof FileLesson>;
/** Lessons of one month, for the office, a teacher (their own) or a family (its own). */
export const LessonListQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'invalid_month' }),
  teacherId: Id.optional(),
  familyId: Id.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const LessonListItem = z.object({
  id: Id,
  date: text,
  minutes: z.number(),
  status: text,
  place: maybe,
  familyResponse: maybe,
  disputeReason: maybe,
  fileId: maybe,
  instrument: maybe,
  teacherId: text,
  teacherName: text,
  studentId: text,
  studentName: text,
  familyId: text,
  familyName: text,
  version: z.number(),
});
export type LessonListItem = z.infer<typeof LessonListItem>;
export const LessonResponseResult = z.object({ id: Id, familyResponse: maybe, disputeReason: maybe });
export const FileAssignment = z.object({
  id: Id,
  teacherId: text,
  teacherName: text,
  teacherEmail: maybe,
  teacherPhone: maybe,
  startedOn: text,
  endedOn: maybe,
  endReason: maybe,
  handedOverAt: maybe,
  firstLessonOn: maybe,
  couldNotReachAt: maybe,
  /** Why this teacher was chosen, as ranked at the hand-over (staff only; null before this was kept). */
  choiceReasons: z
    .object({
      score: z.number(),
      distanceKm: z.number().nullable(),
      fit: text,
      parts: z.array(z.object({ key: text, reason: text, points: z.number(), weight: z.number() })),
      widenKm: z.number(),
      asOnline: z.boolean(),
    })
    .nullable(),
});
export type FileAssignment = z.infer<typeof FileAssignment>;
export const FileTicketSummary = z.object({ id: Id, subject: text, status: text, createdAt: text, solvedAt: maybe });

/** The file page; teachers and families get the same shape with the staff-only lists empty. */
export const FileDetail = z.object({
  id: Id,
  reference: maybe,
  access: z.enum(['staff', 'teacher', 'family']),
  stage: text,
  ownerService: text,
  stageChangedAt: text,
  daysInStage: z.number(),
  overdue: z.boolean(),
  noLessonWhileBillable: z.boolean(),
  source: text,
  instrument: text,
  level: z.number(),
  goals: maybe,
  place: text,
  address: z.object({ line1: maybe, postalCode: maybe, city: maybe, inseeCode: maybe }),
  lessonMinutes: z.number(),
  frequency: text,
  teacherWishes: maybe,
  styles: z.array(text),
  closedReason: maybe,
  version: z.number(),
  createdAt: text,
  slots: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
  family: z.object({
    id: text,
    name: text,
    locale: text,
    members: z.array(z.object({ id: text, kind: text, firstName: text, lastName: text, email: maybe, phone: maybe })),
  }),
  student: z.object({ id: text, firstName: text, lastName: text, age: z.number().nullable() }).nullable(),
  assignments: z.array(FileAssignment),
  lessons: z.array(FileLesson),
  subscription: z
    .object({
      id: text,
      planId: text,
      planName: text,
      status: text,
      subscribedOn: text,
      billableFrom: maybe,
      firstDebitBy: maybe,
      endedOn: maybe,
      onHold: z.boolean(),
    })
    .nullable(),
  duplicateOf: z.object({ id: text, name: text }).nullable(),
  history: z.array(z.object({ at: text, from: maybe, to: text, reason: text, actorName: maybe })),
  tasks: z.array(
    z.object({ id: text, kind: text, service: text, title: text, dueOn: text, status: text, outcome: maybe }),
  ),
  contacts: z.array(
    z.object({
      id: text,
      at: text,
      actorName: maybe,
      channel: text,
      direction: maybe,
      personId: maybe,
      summary: text,
      outcome: maybe,
      mediation: z.boolean(),
    }),
  ),
  externalCandidates: z.array(ExternalCandidate),
  tickets: z.array(FileTicketSummary),
});
export type FileDetail = z.infer<typeof FileDetail>;

export const TicketMessage = z.object({ id: Id, at: text, authorName: maybe, body: text });
export const Ticket = z.object({
  id: Id,
  fileId: maybe,
  familyId: maybe,
  subject: text,
  status: text,
  openedBy: maybe,
  returnToService: maybe,
  solvedAt: maybe,
  createdAt: text,
  version: z.number(),
});
export type Ticket = z.infer<typeof Ticket>;
export const TicketDetail = Ticket.extend({ messages: z.array(TicketMessage) });
export type TicketDetail = z.infer<typeof TicketDetail>;

/** The services a task belongs to (the roles of the office that work on files, and the secretariat). */
export const TASK_SERVICES = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'] as const;
export const TaskService = z.enum(TASK_SERVICES);
/** How a task done by hand ended; the note says more. */
export const TASK_OUTCOMES = ['done', 'not_needed', 'unreachable'] as const;
export const TaskListQuery = z.object({
  /** `mine`: the tasks of the caller's services (the default); `all`: every service's, or `service`'s. */
  scope: z.enum(['mine', 'all']).default('mine'),
  service: TaskService.optional(),
  /** `today`: overdue and due today (the home page); `open`: every open task. */
  when: z.enum(['today', 'open']).default('today'),
});
export const TaskItem = z.object({
  id: Id,
  kind: z.string(),
  service: z.string(),
  title: z.string(),
  details: z.string().nullable(),
  dueOn: z.string(),
  /** overdue (before today), today, or later */
  group: z.enum(['overdue', 'today', 'later']),
  fileId: z.string().nullable(),
  /** Whom the task is about, and the page of their record. */
  subject: z
    .object({ kind: z.enum(['student', 'teacher', 'family']), id: z.string(), name: z.string(), path: z.string() })
    .nullable(),
  version: z.number(),
});
export type TaskItem = z.infer<typeof TaskItem>;
export const TaskList = z.object({
  today: z.string(),
  /** the services listed (the caller's by default) */
  services: z.array(z.string()),
  items: z.array(TaskItem),
});
export type TaskList = z.infer<typeof TaskList>;
export const CompleteTaskBody = z.object({
  version: Version,
  outcome: z.enum(TASK_OUTCOMES),
  note: optionalText(1000),
});
export const CompletedTask = z.object({
  id: Id,
  status: z.string(),
  outcomeKind: z.string(),
  outcome: z.string().nullable(),
  version: z.number(),
});
/** What a family may ask about its own child's file from its portal; the followup team gets a task. */
export const FAMILY_REQUEST_KINDS = ['change_teacher', 'problem'] as const;
export const FamilyRequestBody = z.object({ kind: z.enum(FAMILY_REQUEST_KINDS), message: longText(2000) });
export const FamilyRequestReceipt = z.object({ taskId: Id });
/** A request reference typed in the search box: the file it opens. */
export const FileLookupQuery = z.object({ reference: searchText(20).min(3, { message: 'too_short' }) });

export const DASHBOARD_SERVICES = ['sales', 'recruitment', 'followup', 'accounts'] as const;
export const DashboardQuery = z.object({ service: z.enum(DASHBOARD_SERVICES).default('followup') });
const LeadTimeSeries = z.object({
  medianDays: z.number().nullable(),
  byMonth: z.array(z.object({ month: text, medianDays: z.number().nullable(), count: z.number() })),
});
export type LeadTimeSeries = z.infer<typeof LeadTimeSeries>;
export const AgencyDashboard = z.object({
  service: z.enum(DASHBOARD_SERVICES),
  today: text,
  myTasksToday: z.array(TaskItem),
  filesByStage: z.array(
    z.object({ stage: text, count: z.number(), medianDaysInStage: z.number().nullable(), oldestDays: z.number() }),
  ),
  billableWithoutLesson: z.array(z.object({ fileId: text, stage: text, studentName: text, instrument: text })),
  leadTimes: z.object({ requestToHandover: LeadTimeSeries, handoverToFirstLesson: LeadTimeSeries }),
  /** The low-activity rule (fewer than `minLessons` given lessons since `since`), as on the low-activity page. */
  fewLessons: z.object({ since: text, minLessons: z.number() }),
  teachersWithFewLessons: z.array(z.object({ teacherId: text, name: text, lessons: z.number() })),
});
export type AgencyDashboard = z.infer<typeof AgencyDashboard>;

/** What a signed e-mail link shows before it is answered (no login). */
export const LinkView = z.object({
  purpose: text,
  audience: text,
  used: z.boolean(),
  expiresAt: text,
  studentFirstName: text,
  instrument: text,
  otherName: text,
  firstLessonOn: maybe,
  locale: text,
});
export type LinkView = z.infer<typeof LinkView>;
export const OkResult = z.object({ ok: z.boolean() });

/** A file still waiting for a teacher, as the teacher-centred view lists it (GET /api/teachers/:id/open-requests). */
export const NearbyRequest = z.object({
  fileId: Id,
  reference: z.string().nullable(),
  stage: FileStage,
  instrument: z.string(),
  level: z.number(),
  place: z.string(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** Kilometres from the teacher, one decimal; null for an online request. */
  distanceKm: z.number().nullable(),
  student: z.object({ firstName: z.string(), lastName: z.string() }).nullable(),
});
export const OpenRequestsNearTeacher = z.object({
  teacher: z.object({ id: Id, firstName: z.string(), lastName: z.string() }),
  requests: z.array(NearbyRequest),
});
export type OpenRequestsNearTeacher = z.infer<typeof OpenRequestsNearTeacher>;

/**
 * A request changed on its file (the student switches from piano to violin…): the same file, its history kept; a new
 * instrument ends the current teacher and sends the file back to a new search.
 */
export const UpdateRequestBody = z.object({
  version: Version,
  instrument: shortText(60).optional(),
  level: Level.optional(),
  lessonMinutes: z
    .number()
    .int()
    .min(20, { message: 'invalid_value' })
    .max(180, { message: 'invalid_value' })
    .optional(),
  goals: plainText(2000).optional().nullable(),
  teacherWishes: plainText(1000).optional().nullable(),
});
export const UpdateRequestResult = z.object({ id: Id, newSearch: z.boolean() });
