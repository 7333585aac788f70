import { z } from 'zod';
import { Cursor, Email, Id, IsoDate, Locale, Phone, Version } from './common.js';
import { humanText, longText, optionalShortText, optionalText, shortText } from './common.js';

/** The teachers' lifecycle: profile, applications, documents, meetings, incidents, suspensions. */

export const TEACHER_STATUSES = ['active', 'suspended', 'excluded', 'inactive'] as const;
export const TeacherStatus = z.enum(TEACHER_STATUSES);
export type TeacherStatus = z.infer<typeof TeacherStatus>;

/** 1 beginner, 2 intermediate, 3 advanced. */
const Level = z.number().int().min(1).max(3);
const Age = z.number().int().min(0).max(120);
const Minute = z.number().int().min(0).max(1440);

export const InstrumentTaught = z
  .object({
    instrument: shortText(60).transform((s) => s.toLowerCase()),
    levelMin: Level,
    levelMax: Level,
    ageMin: Age,
    ageMax: Age,
  })
  .superRefine((v, ctx) => {
    if (v.levelMin > v.levelMax) ctx.addIssue({ code: 'custom', path: ['levelMax'], message: 'level_range' });
    if (v.ageMin > v.ageMax) ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'age_range' });
  });
export type InstrumentTaught = z.infer<typeof InstrumentTaught>;

export const TEACHER_ZONE_KINDS = ['commune', 'postal_code', 'department'] as const;
export const TeacherZone = z
  .object({
    kind: z.enum(TEACHER_ZONE_KINDS),
    code: z
      .string()
      .trim()
      .min(1, { message: 'required' })
      .max(10, { message: 'too_long' })
      .regex(/^[0-9AB]+$/, { message: 'invalid_value' }),
  })
  .superRefine((v, ctx) => {
    const ok =
      v.kind === 'postal_code'
        ? /^\d{5}$/.test(v.code)
        : v.kind === 'commune'
          ? /^(\d{5}|2[AB]\d{3})$/.test(v.code)
          : /^(\d{2,3}|2[AB])$/.test(v.code);
    if (!ok) ctx.addIssue({ code: 'custom', path: ['code'], message: 'invalid_value' });
  });
export type TeacherZone = z.infer<typeof TeacherZone>;

export const TeacherSlot = z
  .object({ weekday: z.number().int().min(1).max(7), startMinute: Minute, endMinute: Minute })
  .superRefine((v, ctx) => {
    if (v.endMinute <= v.startMinute)
      ctx.addIssue({ code: 'custom', path: ['endMinute'], message: 'slot_end_before_start' });
  });
export type TeacherSlot = z.infer<typeof TeacherSlot>;

const Style = shortText(40).transform((s) => s.toLowerCase());
const uniqueInstruments = (list: InstrumentTaught[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((i, n) => {
    if (seen.has(i.instrument)) ctx.addIssue({ code: 'custom', path: [n, 'instrument'], message: 'duplicate_value' });
    seen.add(i.instrument);
  });
};

export const TeacherAddress = z.object({
  line1: shortText(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'invalid_postal_code' }),
  city: shortText(120),
});

/** The teacher's profile (fiche professeur) as edited by the teacher or by recruitment/followup. */
export const TeacherProfileBody = z.object({
  version: Version,
  bio: optionalText(2000),
  instruments: z.array(InstrumentTaught).max(20).superRefine(uniqueInstruments),
  styles: z.array(Style).max(20),
  zones: z.array(TeacherZone).max(100),
  maxTravelKm: z.number().int().min(0).max(500).nullable(),
  teachesAtHome: z.boolean(),
  teachesAtSchool: z.boolean(),
  teachesOnline: z.boolean(),
  capacityNewStudents: z.number().int().min(0).max(100).nullable(),
  address: TeacherAddress.nullable(),
  availability: z.array(TeacherSlot).max(50),
});
export type TeacherProfileBody = z.infer<typeof TeacherProfileBody>;

export const TeacherProfile = z.object({
  teacherId: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  status: TeacherStatus,
  statusReason: z.string().nullable(),
  statusUntil: z.string().nullable(),
  bio: z.string().nullable(),
  instruments: z.array(
    z.object({
      instrument: z.string(),
      levelMin: z.number(),
      levelMax: z.number(),
      ageMin: z.number(),
      ageMax: z.number(),
    }),
  ),
  styles: z.array(z.string()),
  zones: z.array(z.object({ kind: z.enum(TEACHER_ZONE_KINDS), code: z.string() })),
  maxTravelKm: z.number().nullable(),
  teachesAtHome: z.boolean(),
  teachesAtSchool: z.boolean(),
  teachesOnline: z.boolean(),
  capacityNewStudents: z.number().nullable(),
  address: z.object({ line1: z.string(), postalCode: z.string(), city: z.string() }).nullable(),
  place: z.object({
    inseeCode: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
  }),
  availability: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
  version: Version,
  updatedAt: z.string(),
});
export type TeacherProfile = z.infer<typeof TeacherProfile>;

// Applications -------------------------------------------------------------------------------------------------

export const APPLICATION_STATUSES = ['new', 'called', 'interview_done', 'accepted', 'declined', 'withdrawn'] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** The public form's data (sent as the JSON `data` part of a multipart request, beside the CV file). */
export const TeacherApplicationBody = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  email: Email,
  phone: Phone.optional().nullable(),
  locale: Locale.default('fr'),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'invalid_postal_code' })
    .optional()
    .nullable(),
  city: optionalShortText(120),
  instruments: z.array(InstrumentTaught).min(1, { message: 'required' }).max(20).superRefine(uniqueInstruments),
  styles: z.array(Style).max(20).default([]),
  zones: z.array(TeacherZone).max(100).default([]),
  maxTravelKm: z.number().int().min(0).max(500).optional().nullable(),
  teachesAtHome: z.boolean().default(true),
  teachesAtSchool: z.boolean().default(false),
  teachesOnline: z.boolean().default(false),
  availability: z.array(TeacherSlot).max(50).default([]),
  background: longText(4000),
  approach: longText(4000),
  message: optionalText(2000),
  /** Honeypot: people leave it empty; robots fill it. */
  website: z.string().max(500).optional().nullable(),
});
export type TeacherApplicationBody = z.input<typeof TeacherApplicationBody>;

export const TeacherDocument = z.object({
  id: Id,
  category: z.string(),
  originalName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
});
export type TeacherDocument = z.infer<typeof TeacherDocument>;

export const TeacherApplicationSummary = z.object({
  id: Id,
  status: ApplicationStatus,
  statusChangedAt: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  instruments: z.array(z.string()),
  createdAt: z.string(),
});
export type TeacherApplicationSummary = z.infer<typeof TeacherApplicationSummary>;

export const TeacherApplication = TeacherApplicationSummary.extend({
  locale: Locale,
  postalCode: z.string().nullable(),
  instrumentsTaught: z.array(
    z.object({
      instrument: z.string(),
      levelMin: z.number(),
      levelMax: z.number(),
      ageMin: z.number(),
      ageMax: z.number(),
    }),
  ),
  styles: z.array(z.string()),
  zones: z.array(z.object({ kind: z.enum(TEACHER_ZONE_KINDS), code: z.string() })),
  maxTravelKm: z.number().nullable(),
  teachesAtHome: z.boolean(),
  teachesAtSchool: z.boolean(),
  teachesOnline: z.boolean(),
  availability: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
  background: z.string(),
  approach: z.string(),
  message: z.string().nullable(),
  interview: z.object({
    background: z.string().nullable(),
    approach: z.string().nullable(),
    conditionsExplained: z.boolean(),
    notes: z.string().nullable(),
  }),
  decisionReason: z.string().nullable(),
  teacherId: z.string().nullable(),
  documents: z.array(TeacherDocument),
  version: Version,
  updatedAt: z.string(),
});
export type TeacherApplication = z.infer<typeof TeacherApplication>;

export const InterviewBody = z.object({
  version: Version,
  background: optionalText(4000),
  approach: optionalText(4000),
  conditionsExplained: z.boolean(),
  notes: optionalText(4000),
});
export const ApplicationTransitionBody = z.object({
  version: Version,
  to: z.enum(['called', 'interview_done', 'declined', 'withdrawn']),
  reason: optionalText(2000),
});
export const AcceptApplicationBody = z.object({ version: Version });

// Documents ----------------------------------------------------------------------------------------------------

export const DOCUMENT_CATEGORIES = ['cv', 'diploma', 'id', 'certificate', 'other'] as const;
export const DocumentCategory = z.enum(DOCUMENT_CATEGORIES);

// Meetings -----------------------------------------------------------------------------------------------------

export const CreateMeetingBody = z
  .object({
    subject: shortText(200),
    startsAt: z.string().datetime({ offset: true, message: 'invalid_value' }),
    durationMinutes: z.number().int().min(15).max(600),
    place: optionalShortText(300),
    videoUrl: humanText(500, { markup: true })
      .pipe(z.url({ message: 'invalid_value' }))
      .optional()
      .nullable(),
    facilitator: shortText(120),
    capacity: z.number().int().min(1).max(1000),
    notes: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (!v.place && !v.videoUrl) ctx.addIssue({ code: 'custom', path: ['place'], message: 'place_or_video' });
  });

export const Meeting = z.object({
  id: Id,
  subject: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  videoUrl: z.string().nullable(),
  facilitator: z.string(),
  capacity: z.number(),
  notes: z.string().nullable(),
  attendanceRecordedAt: z.string().nullable(),
  invited: z.number(),
  yes: z.number(),
  no: z.number(),
  attended: z.number(),
  version: Version,
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingInvitation = z.object({
  id: Id,
  meetingId: Id,
  teacherId: Id,
  teacherName: z.string(),
  invitedAt: z.string(),
  response: z.enum(['yes', 'no']).nullable(),
  respondedAt: z.string().nullable(),
  attended: z.boolean().nullable(),
});
export type MeetingInvitation = z.infer<typeof MeetingInvitation>;

export const MeetingDetail = Meeting.extend({ invitations: z.array(MeetingInvitation) });
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const InviteTeachersBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never-attended') }),
  z.object({ mode: z.literal('chosen'), teacherIds: z.array(Id).min(1, { message: 'required' }).max(500) }),
]);
export const AttendanceBody = z.object({
  attendance: z
    .array(z.object({ teacherId: Id, attended: z.boolean() }))
    .min(1)
    .max(1000),
});
export const MeetingAnswerBody = z.object({ answer: z.enum(['yes', 'no']) });

/** What a teacher sees of an invitation (portal or signed link). */
export const TeacherMeetingInvitation = z.object({
  invitationId: Id,
  meeting: z.object({
    id: Id,
    subject: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string().nullable(),
    videoUrl: z.string().nullable(),
    facilitator: z.string(),
  }),
  response: z.enum(['yes', 'no']).nullable(),
  attended: z.boolean().nullable(),
  canAnswer: z.boolean(),
});
export type TeacherMeetingInvitation = z.infer<typeof TeacherMeetingInvitation>;

// Incidents ----------------------------------------------------------------------------------------------------

export const INCIDENT_KINDS = ['lateness', 'late_cancellation', 'behaviour', 'other'] as const;
export const ReportIncidentBody = z.object({
  kind: z.enum(INCIDENT_KINDS),
  occurredOn: IsoDate,
  description: longText(2000),
  fileId: Id.optional().nullable(),
});
export const TeacherIncident = z.object({
  id: Id,
  teacherId: Id,
  kind: z.enum(INCIDENT_KINDS),
  occurredOn: z.string(),
  description: z.string(),
  fileId: z.string().nullable(),
  reporterKind: z.enum(['family', 'staff']),
  reporterName: z.string(),
  createdAt: z.string(),
});
export type TeacherIncident = z.infer<typeof TeacherIncident>;

// Low activity -------------------------------------------------------------------------------------------------

export const LowActivityTeacher = z.object({
  teacherId: Id,
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  lessons: z.number(),
  capacityNewStudents: z.number().nullable(),
  zones: z.array(z.object({ kind: z.string(), code: z.string() })),
  lastCallAt: z.string().nullable(),
});
/** One page of the low-activity list, by name (keyset); `since` and `minLessons` say what "few" means. */
export const LowActivityReport = z.object({
  since: z.string(),
  minLessons: z.number(),
  items: z.array(LowActivityTeacher),
  nextCursor: z.string().nullable(),
});
export const LowActivityQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LowActivityReport = z.infer<typeof LowActivityReport>;
export const LowActivityCallBody = z.object({ summary: longText(2000), outcome: optionalText(500) });

// Suspensions --------------------------------------------------------------------------------------------------

export const CreateSuspensionBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('temporary'),
      reason: longText(2000),
      untilDate: IsoDate.optional().nullable(),
      untilCondition: optionalText(500),
    })
    .superRefine((v, ctx) => {
      if (!v.untilDate && !v.untilCondition)
        ctx.addIssue({ code: 'custom', path: ['untilDate'], message: 'until_date_or_condition' });
    }),
  z.object({ kind: z.literal('definitive'), reason: longText(4000) }),
]);
export const SuspensionVoteBody = z.object({ comment: optionalText(2000) });
export const SuspensionObjectBody = z.object({ comment: longText(2000) });
export const EndSuspensionBody = z.object({ version: Version, reason: longText(2000) });

export const TeacherSuspension = z.object({
  id: Id,
  teacherId: Id,
  teacherName: z.string(),
  kind: z.enum(['temporary', 'definitive']),
  status: z.enum(['active', 'lifted', 'proposed', 'effective', 'withdrawn']),
  reasonCode: z.enum(['meetings', 'manual']),
  reason: z.string(),
  untilDate: z.string().nullable(),
  untilCondition: z.string().nullable(),
  proposedByName: z.string(),
  proposedByUserId: z.string().nullable(),
  effectiveAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedByName: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  approvalsRequired: z.number(),
  votes: z.array(
    z.object({
      userId: z.string(),
      voterName: z.string(),
      vote: z.enum(['approve', 'object', 'withdrawn']),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
  /** For an effective definitive suspension: the teacher's current students, to hand to recruitment. */
  studentsToReassign: z.array(
    z.object({
      assignmentId: Id,
      studentId: Id,
      studentName: z.string(),
      familyId: Id,
      familyName: z.string(),
      fileId: z.string().nullable(),
    }),
  ),
  version: Version,
});
export type TeacherSuspension = z.infer<typeof TeacherSuspension>;
