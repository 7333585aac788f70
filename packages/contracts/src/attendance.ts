import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** Attendance sheets (issue "School network III", item 1): what the teacher portal, the secretariat and families read. */

/** A student's mark for one lesson; the two cancellations say who cancelled the lesson. */
export const ATTENDANCE_MARKS = [
  'present',
  'absent',
  'excused',
  'late',
  'cancelled_by_teacher',
  'cancelled_by_school',
] as const;
export const AttendanceMark = z.enum(ATTENDANCE_MARKS);
export type AttendanceMark = z.infer<typeof AttendanceMark>;

/** How long an attendance period lasts (setting `schools.attendancePeriod`). */
export const ATTENDANCE_PERIOD_LENGTHS = ['month', 'week'] as const;

/** A period's key: `2026-12` (a month) or `2026-W49` (an ISO week). */
export const PeriodKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$/);

export const PeriodQuery = z.object({ period: PeriodKey.optional() });
export const UnfilledQuery = z.object({ period: PeriodKey.optional(), schoolId: Id.optional() });

/** Marks one lesson: every student expected that day (no `studentIds`: "all present" in one tap), or some of them. */
export const MarkLessonBody = z.object({
  mark: AttendanceMark,
  studentIds: z.array(Id).min(1).max(200).optional(),
});

export const SheetSummary = z.object({
  courseId: Id,
  course: z.string(),
  schoolId: Id,
  schoolName: z.string(),
  teacherId: Id,
  teacherName: z.string(),
  period: PeriodKey,
  /** lessons of the period held by today */
  lessonsDue: z.number().int(),
  /** of those, lessons with a mark for every student expected */
  lessonsMarked: z.number().int(),
  lessons: z.number().int(),
  filled: z.boolean(),
  /** the day the secretariat last reminded the teacher of this sheet */
  remindedOn: IsoDate.nullable(),
  /** colleagues holding the course for some days of the period (replacements): they mark those days */
  replacements: z.array(z.object({ substituteId: Id, substituteName: z.string(), startsOn: IsoDate, endsOn: IsoDate })),
});

export const SheetLesson = z.object({
  date: IsoDate,
  distance: z.boolean(),
  /** students with a confirmed place in the course on that day */
  expected: z.array(Id),
  marks: z.record(Id, AttendanceMark),
  /** false: a later lesson, not to be marked yet (a cancellation may be) */
  due: z.boolean(),
});

export const AttendanceSheet = SheetSummary.extend({
  periodStart: IsoDate,
  periodEnd: IsoDate,
  students: z.array(z.object({ id: Id, name: z.string() })),
  sheetLessons: z.array(SheetLesson),
});

export const Periods = z.object({ current: PeriodKey, previous: PeriodKey, next: PeriodKey });

export const TeacherSheets = z.object({ period: PeriodKey, periods: Periods, sheets: z.array(SheetSummary) });

export const UnfilledSheets = z.object({ period: PeriodKey, periods: Periods, sheets: z.array(SheetSummary) });

export const FamilyAttendance = z.object({
  period: PeriodKey,
  periods: Periods,
  marks: z.array(
    z.object({
      studentId: Id,
      studentName: z.string(),
      course: z.string(),
      date: IsoDate,
      mark: AttendanceMark,
    }),
  ),
});
