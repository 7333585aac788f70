import { z } from 'zod';
import { Id, IsoDate, optionalText } from './common.js';

/** Re-enrolment of returning students (issue "School network II", item 2): campaigns, packs and answers. */

export const OpenCampaignBody = z.object({
  fromSeasonId: Id,
  toSeasonId: Id,
  /** Absent: today plus the `reenrolment.priorityDays` setting. */
  priorityDeadline: IsoDate.optional().nullable(),
  /** Days before the deadline a reminder goes to packs without answer; absent: the `reenrolment.reminderDays` setting. */
  reminderDays: z.array(z.number().int().min(1).max(90)).max(5).optional().nullable(),
});

export const ReenrolmentCampaign = z.object({
  id: Id,
  fromSeasonId: Id,
  toSeasonId: Id,
  priorityDeadline: IsoDate,
  reminderDays: z.array(z.number().int()),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  packs: z.number().int(),
  seatsHeld: z.number().int(),
});
export type ReenrolmentCampaign = z.infer<typeof ReenrolmentCampaign>;

/** A course as a pack shows it: last season's, or the proposal for next season. */
export const PackCourse = z.object({
  courseId: Id,
  discipline: z.string(),
  kind: z.string(),
  level: z.string(),
  weekday: z.number().int(),
  start: z.string(),
  durationMinutes: z.number().int(),
  teacherName: z.string(),
});
export type PackCourse = z.infer<typeof PackCourse>;

/** One line of the proposal: last season's course and its continuing course next season (null: none opens). */
export const PackLine = z.object({
  last: PackCourse,
  next: PackCourse.nullable(),
  /** whether a seat is held in the continuing course until the deadline */
  seatHeld: z.boolean(),
  /** the course fee from next season's tariffs (null: not voted yet, or no fee for this discipline and length) */
  feeCents: z.number().int().nullable(),
});
export const PackProposal = z.object({
  lines: z.array(PackLine),
  /** false: the board has not voted next season's tariffs ("fees to be voted") */
  feesVoted: z.boolean(),
  membershipFeeCents: z.number().int().nullable(),
});
export type PackProposal = z.infer<typeof PackProposal>;

export const PACK_ANSWERS = ['confirmed', 'changed', 'declined'] as const;
export const ReenrolmentPack = z.object({
  id: Id,
  campaignId: Id,
  studentId: Id,
  studentName: z.string(),
  familyId: Id,
  schoolId: Id,
  schoolName: z.string(),
  fromSeasonName: z.string(),
  toSeasonName: z.string(),
  priorityDeadline: IsoDate,
  proposal: PackProposal,
  answer: z.enum(PACK_ANSWERS).nullable(),
  answerNote: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** whether the family can still answer (before the deadline, no answer yet) */
  open: z.boolean(),
  version: z.number().int(),
});
export type ReenrolmentPack = z.infer<typeof ReenrolmentPack>;

export const PackAnswerBody = z
  .object({
    answer: z.enum(PACK_ANSWERS),
    /** a change: what the family wishes instead (another course, another slot), read by the secretariat */
    note: optionalText(1000),
  })
  .refine((b) => b.answer !== 'changed' || (b.note && b.note.length > 0), {
    path: ['note'],
    message: 'CHANGE_NOTE_REQUIRED',
  });

export const CampaignSchoolProgress = z.object({
  schoolId: Id,
  schoolName: z.string(),
  packs: z.number().int(),
  answered: z.number().int(),
  confirmed: z.number().int(),
  changed: z.number().int(),
  declined: z.number().int(),
  notAnswered: z.number().int(),
  /** who has not answered yet (first 200, by name), with the family's guardians to call or write to */
  waiting: z.array(
    z.object({
      packId: Id,
      studentName: z.string(),
      familyId: Id,
      familyName: z.string(),
      contacts: z.array(z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })),
    }),
  ),
  /** the changes families asked for, with their note to the secretariat (first 200) */
  changes: z.array(z.object({ packId: Id, studentName: z.string(), familyName: z.string(), note: z.string() })),
});
export const CampaignProgress = z.object({
  campaign: ReenrolmentCampaign,
  schools: z.array(CampaignSchoolProgress),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;
