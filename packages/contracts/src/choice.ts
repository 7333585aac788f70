import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** Timetable choice (issue "School network II", item 3): what the family portal and the secretariat exchange. */

/** A family's pick: a course for one of its students; `joinWaitingList` when the course is full. */
export const ChoiceBody = z.object({
  courseId: Id,
  studentId: Id,
  joinWaitingList: z.boolean().optional(),
});

export const OfferAnswerBody = z.object({ answer: z.enum(['accept', 'decline']) });

/** The date from which a season without a re-enrolment campaign opens to new students. */
export const ChoiceOpeningBody = z.object({ opensAt: IsoDate });
/** When a season opens to new students: the date the secretariat set, and the re-enrolment campaign's deadline. */
export const ChoiceOpening = z.object({
  seasonId: Id,
  /** the date the secretariat set (null: none) */
  opensAt: z.string().nullable(),
  /** the re-enrolment campaign's priority deadline, which closes the window instead when there is one */
  priorityDeadline: IsoDate.nullable(),
});
export type ChoiceOpening = z.infer<typeof ChoiceOpening>;

export const ChoiceCourse = z.object({
  id: Id,
  discipline: z.string(),
  level: z.string(),
  kind: z.string(),
  weekday: z.number().int(),
  start: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  waiting: z.number().int(),
  /** false: a newcomer lands on the waiting list */
  open: z.boolean(),
});

export const ChoicePlace = z.object({
  id: Id,
  courseId: Id,
  course: z.string(),
  studentId: Id,
  studentName: z.string(),
  status: z.string(),
  /** 1 = next to be offered a seat (waiting only) */
  position: z.number().int().nullable(),
  offerExpiresAt: z.string().nullable(),
});

export const ChoiceSchool = z.object({
  schoolId: Id,
  schoolName: z.string(),
  seasonId: Id,
  seasonName: z.string(),
  rank: z.number().int(),
  wave: z.number().int(),
  /** null: the priority window's end is not known yet */
  opensAt: z.string().nullable(),
  open: z.boolean(),
  courses: z.array(ChoiceCourse),
});

export const ChoiceView = z.object({
  students: z.array(z.object({ id: Id, name: z.string() })),
  schools: z.array(ChoiceSchool),
  places: z.array(ChoicePlace),
});

export const WaitingListEntry = z.object({
  id: Id,
  position: z.number().int().nullable(),
  status: z.string(),
  studentName: z.string(),
  familyName: z.string(),
  waitingSince: z.string().nullable(),
  offerExpiresAt: z.string().nullable(),
});

export const WaitingList = z.object({
  courseId: Id,
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  entries: z.array(WaitingListEntry),
});

export type ChoiceView = z.infer<typeof ChoiceView>;
export type WaitingList = z.infer<typeof WaitingList>;
