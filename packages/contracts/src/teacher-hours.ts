import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';

/** Teachers' hours (issue "School network III", item 6): contracts per school, the monthly report, its CSV. */

/** A calendar month: `2026-11`. */
export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'invalid_month' });

export const HoursQuery = z.object({ month: MonthKey.optional(), schoolId: Id.optional() });
export const MyHoursQuery = z.object({ month: MonthKey.optional() });

/** A teacher's contract hours per week at a school (minutes), valid from a day, to a day or open-ended. */
export const TeacherContractInput = z.object({
  teacherId: Id,
  schoolId: Id,
  weeklyMinutes: z
    .number()
    .int()
    .min(15)
    .max(48 * 60),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().optional(),
});
export const UpdateTeacherContractBody = TeacherContractInput.omit({ teacherId: true, schoolId: true }).extend({
  version: Version,
});

export const TeacherContract = z.object({
  id: Id,
  teacherId: Id,
  teacherName: z.string(),
  schoolId: Id,
  schoolName: z.string(),
  weeklyMinutes: z.number().int(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  version: Version,
});
export type TeacherContract = z.infer<typeof TeacherContract>;
export const TeacherContracts = z.object({ contracts: z.array(TeacherContract) });

/** The month's figures of one teacher at one school, in minutes (`hours-rules` in docs/RULES.md). */
export const HoursFigures = z.object({
  /** weekly contract minutes × the month's school weeks (teacher-hours.rules.ts: contractMinutesOfMonth) */
  contractMinutes: z.number().int(),
  /** lessons the teacher held (a substitute's included) with at least one mark other than a cancellation */
  taughtMinutes: z.number().int(),
  /** lessons of the teacher's courses held by a substitute */
  replacedGivenMinutes: z.number().int(),
  /** lessons the teacher held as a substitute of another teacher's course */
  replacedReceivedMinutes: z.number().int(),
  /** lessons cancelled by the school (every mark so) */
  cancelledBySchoolMinutes: z.number().int(),
  /** lessons of the course's weekday on a closure day of the calendar */
  closureMinutes: z.number().int(),
  /** lessons a suspended course would have held */
  suspendedMinutes: z.number().int(),
  /** unworked for the association: cancelled by the school + closures + suspended courses (partial activity) */
  unworkedMinutes: z.number().int(),
  /** lessons the teacher cancelled: not unworked for the association (shown apart) */
  cancelledByTeacherMinutes: z.number().int(),
});

export const HoursRow = HoursFigures.extend({
  teacherId: Id,
  teacherName: z.string(),
  schoolId: Id,
  schoolName: z.string(),
  /** the weekly minutes of the contract valid at the month's end (or its last one in the month), null: none */
  weeklyMinutes: z.number().int().nullable(),
  /** the day of the latest check-in call logged with the teacher (contact log), null: none */
  lastCallOn: IsoDate.nullable(),
});

export const MonthNeighbours = z.object({ current: MonthKey, previous: MonthKey, next: MonthKey });

export const HoursReport = z.object({
  month: MonthKey,
  months: MonthNeighbours,
  rows: z.array(HoursRow),
  /** one line per school: the sum of its rows */
  schools: z.array(HoursFigures.extend({ schoolId: Id, schoolName: z.string() })),
});
