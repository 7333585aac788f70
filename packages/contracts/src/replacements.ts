import { z } from 'zod';
import { Candidate } from './agency.js';
import { Id, IsoDate, optionalText } from './common.js';

/** Replacements (issue "School network III", item 5): a teacher's absence and the substitutes of their courses. */

export const ABSENCE_REASONS = ['sick', 'leave', 'childcare', 'training'] as const;
export const AbsenceReason = z.enum(ABSENCE_REASONS);
export type AbsenceReason = z.infer<typeof AbsenceReason>;

/** The secretariat records a teacher's absence from its school. */
export const RecordAbsenceBody = z.object({
  schoolId: Id,
  teacherId: Id,
  reason: AbsenceReason,
  startsOn: IsoDate,
  endsOn: IsoDate,
  note: optionalText(1000),
});

/** One of the absent teacher's courses given to a substitute, for the whole absence unless a range is given. */
export const AssignSubstituteBody = z.object({
  courseId: Id,
  substituteId: Id,
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
});

export const ReplacementsQuery = z.object({ schoolId: Id.optional() });

export const CourseReplacement = z.object({
  id: Id,
  substituteId: Id,
  substituteName: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
});

/** An affected course of an absence: its lessons in the absence and who holds them. */
export const AbsenceCourse = z.object({
  courseId: Id,
  course: z.string(),
  weekday: z.number().int(),
  start: z.string(),
  /** the course's lesson days within the absence (season calendar) */
  lessons: z.array(IsoDate),
  replacements: z.array(CourseReplacement),
});

export const Absence = z.object({
  id: Id,
  teacherId: Id,
  teacherName: z.string(),
  schoolId: Id,
  schoolName: z.string(),
  reason: AbsenceReason,
  startsOn: IsoDate,
  endsOn: IsoDate,
  note: z.string().nullable(),
  courses: z.array(AbsenceCourse),
});
export type Absence = z.infer<typeof Absence>;

/** The office page: the schools one follows, their teachers (to record an absence), the absences not over. */
export const ReplacementsOverview = z.object({
  schools: z.array(z.object({ id: Id, name: z.string() })),
  teachers: z.array(z.object({ id: Id, name: z.string(), schoolId: Id })),
  absences: z.array(Absence),
});

/** The colleagues proposed for each course of an absence, ranked with their reasons (matching's `Candidate`). */
export const ReplacementProposals = z.object({
  absenceId: Id,
  courses: z.array(z.object({ courseId: Id, course: z.string(), candidates: z.array(Candidate) })),
});

/** A substitute's replacements: the courses they hold for a colleague, and when. */
export const MyReplacements = z.object({
  replacements: z.array(
    z.object({
      id: Id,
      courseId: Id,
      course: z.string(),
      schoolName: z.string(),
      weekday: z.number().int(),
      start: z.string(),
      durationMinutes: z.number().int(),
      absentTeacherName: z.string(),
      startsOn: IsoDate,
      endsOn: IsoDate,
    }),
  ),
});
