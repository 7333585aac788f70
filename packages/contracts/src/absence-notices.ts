import { z } from 'zod';
import { Id, IsoDate, longText, optionalShortText } from './common.js';

/**
 * Absence notices, missing students and wrong contacts (issue "School network III", items 3 and 4): a family's
 * choice of notices, the secretariat's reports of students missing since a date and of contacts to correct, and a
 * teacher's flag on a wrong contact.
 */

/** How a family is told of its children's absences: each one by e-mail, a weekly digest, or never. */
export const ABSENCE_NOTICE_PREFERENCES = ['each', 'weekly', 'never'] as const;
export const AbsenceNoticePreference = z.enum(ABSENCE_NOTICE_PREFERENCES);
export type AbsenceNoticePreference = z.infer<typeof AbsenceNoticePreference>;

export const AbsenceNotices = z.object({
  familyId: Id,
  preference: AbsenceNoticePreference,
  /** the school requires notices for minors: "never" is not honoured for them */
  requiredForMinors: z.boolean(),
  /** the family's minor students, told anyway when the family chose "never" and notices are required */
  minors: z.array(z.string()),
  version: z.number().int(),
});
export const AbsenceNoticesBody = z.object({ preference: AbsenceNoticePreference, version: z.number().int() });

export const MissingQuery = z.object({
  since: IsoDate.optional(),
  schoolId: Id.optional(),
  teacherId: Id.optional(),
});

export const ContactPerson = z.object({
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const MissingStudent = z.object({
  studentId: Id,
  studentName: z.string(),
  familyId: Id,
  familyName: z.string(),
  schoolId: Id,
  schoolName: z.string(),
  teacherId: Id,
  teacherName: z.string(),
  course: z.string(),
  /** absent: only absences since the date; silent: no mark at all */
  reason: z.enum(['absent', 'silent']),
  absences: z.number().int(),
  lastPresent: IsoDate.nullable(),
  contacts: z.array(ContactPerson),
  lastCall: z.object({ at: z.string(), actorName: z.string().nullable(), summary: z.string() }).nullable(),
});
export type MissingStudent = z.infer<typeof MissingStudent>;

export const MissingReport = z.object({ since: IsoDate, students: z.array(MissingStudent) });

/** Logs a call about a missing student in the contact log. */
export const MissingCallBody = z.object({
  summary: longText(2000),
  outcome: optionalShortText(500),
});

export const CONTACT_FIELDS = ['email', 'phone'] as const;
export const ContactField = z.enum(CONTACT_FIELDS);

export const CONTACT_ISSUES = ['no-email', 'no-phone', 'bounced', 'flagged-email', 'flagged-phone'] as const;
export const ContactIssue = z.object({
  familyId: Id,
  familyName: z.string(),
  /** the guardian concerned; null for a teacher's flag on the whole family */
  personId: Id.nullable(),
  personName: z.string().nullable(),
  issue: z.enum(CONTACT_ISSUES),
  /** the failed address, or the teacher's note */
  detail: z.string().nullable(),
  at: z.string().nullable(),
});
export const ContactIssues = z.object({ issues: z.array(ContactIssue) });
export const ContactIssuesQuery = z.object({ schoolId: Id.optional() });

/** A teacher's flag: the e-mail or the phone of a student's family is wrong. */
export const ContactFlagBody = z.object({ field: ContactField, note: optionalShortText(300) });
export const ContactFlag = z.object({ id: Id, studentId: Id, field: ContactField, flaggedAt: z.string() });
