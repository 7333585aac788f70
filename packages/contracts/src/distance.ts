import { z } from 'zod';
import { Id, IsoDate, optionalText } from './common.js';

/** Distance lessons (issue "School network III", item 2): material posted, and each student's "ok". */

/** Posts material for a distance lesson: a text, a link or both, to the class (no `studentId`) or one student. */
export const PostMaterialBody = z.object({
  text: optionalText(4000),
  link: z
    .string()
    .trim()
    .url({ message: 'invalid_url' })
    .max(500)
    .regex(/^https?:\/\//i, { message: 'invalid_url' })
    .optional()
    .nullable(),
  studentId: Id.optional().nullable(),
});

/** Where a student's acknowledgement stands: not yet (still open), "ok" given, or past its last day. */
export const ACK_STATES = ['open', 'acknowledged', 'expired'] as const;
export const AckState = z.enum(ACK_STATES);

export const DistanceAck = z.object({
  studentId: Id,
  studentName: z.string(),
  state: AckState,
  acknowledgedAt: z.string().nullable(),
  /** link (the e-mail) | portal */
  via: z.string().nullable(),
});

export const DistanceMaterial = z.object({
  id: Id,
  text: z.string().nullable(),
  link: z.string().nullable(),
  /** null: the whole class */
  studentId: Id.nullable(),
  postedAt: z.string(),
  ackUntil: IsoDate,
  acks: z.array(DistanceAck),
});

/** A distance lesson as its teacher sees it: may material be posted, what was posted and who said "ok". */
export const DistanceLesson = z.object({
  courseId: Id,
  date: IsoDate,
  distance: z.boolean(),
  canPost: z.boolean(),
  materials: z.array(DistanceMaterial),
});

/** What a student (or guardian) sees of one material: from the e-mail's link or the family portal. */
export const DistanceItem = z.object({
  id: Id,
  studentName: z.string(),
  course: z.string(),
  teacherName: z.string(),
  date: IsoDate,
  text: z.string().nullable(),
  link: z.string().nullable(),
  ackUntil: IsoDate,
  state: AckState,
});

export const FamilyDistance = z.object({ items: z.array(DistanceItem) });
