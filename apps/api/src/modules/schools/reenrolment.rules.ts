/**
 * The rules of re-enrolment (issue "School network II", item 2; DOMAIN.md, "The school network": returning
 * students have priority until a deadline). Pure functions, listed in docs/RULES.md with their tests.
 */
import { addDays, daysBetween } from '../../platform/clock.js';

/** What the continuing-course rule reads of a course. */
export type CourseKey = {
  id: string;
  school_id: string;
  discipline: string;
  kind: string;
  level: string;
  teacher_id: string;
  weekday: number;
  start_time: string;
  status?: string;
};

/**
 * continuingCourse: next season's course that continues last season's: same school, discipline, kind and level
 * (an active course only). Among several, the one with the same teacher on the same slot (weekday and start) comes
 * first, then the same teacher, then the same slot, then the smallest id (stable). Null when none opens: the pack
 * says so and no seat is held.
 */
export function continuingCourse<C extends CourseKey>(last: CourseKey, candidates: readonly C[]): C | null {
  const same = candidates.filter(
    (c) =>
      (c.status ?? 'active') === 'active' &&
      c.school_id === last.school_id &&
      c.discipline === last.discipline &&
      c.kind === last.kind &&
      c.level === last.level,
  );
  if (!same.length) return null;
  const score = (c: C) =>
    (c.teacher_id === last.teacher_id ? 2 : 0) +
    (c.weekday === last.weekday && c.start_time === last.start_time ? 1 : 0);
  return [...same].sort((a, b) => score(b) - score(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0]!;
}

/** campaignDeadline: the priority deadline when the secretariat gives none: today plus the setting's days. */
export function campaignDeadline(today: string, priorityDays: number): string {
  return addDays(today, priorityDays);
}

/**
 * heldSeatExpired: a seat held for a returning student is kept through its last day (the deadline itself) and
 * released the day after when the family has not answered.
 */
export function heldSeatExpired(heldUntil: string, today: string): boolean {
  return today > heldUntil;
}

/**
 * reminderDue: the reminder days (e.g. [14, 3]) whose day has come for a pack without answer, before the
 * deadline. A day already past is still due (a sweep missed yesterday sends it today) but only while the deadline
 * has not passed; each (pack, day) is sent once (the sweep claims a key per pair). Largest day first.
 */
export function reminderDue(deadline: string, today: string, reminderDays: readonly number[]): number[] {
  const left = daysBetween(today, deadline);
  if (left < 0) return [];
  return [...new Set(reminderDays)].filter((day) => left <= day).sort((a, b) => b - a);
}

/**
 * The most urgent reminder due today (the smallest day whose time has come): when a sweep catches up on several
 * days at once it sends one reminder, and marks the others done.
 */
export function reminderToSend(deadline: string, today: string, reminderDays: readonly number[]): number | null {
  const due = reminderDue(deadline, today, reminderDays);
  return due.length ? due[due.length - 1]! : null;
}

/** packFees: next season's fees for a pack, from the board's tariffs; null tariffs: "fees to be voted". */
export function packFees(
  tariffs: {
    membershipFeeCents: number;
    courseFees: { discipline: string; durationMinutes: number; feeCents: number }[];
  } | null,
  courses: readonly ({ discipline: string; durationMinutes: number } | null)[],
): { feesVoted: boolean; membershipFeeCents: number | null; courseFeeCents: (number | null)[] } {
  if (!tariffs) return { feesVoted: false, membershipFeeCents: null, courseFeeCents: courses.map(() => null) };
  return {
    feesVoted: true,
    membershipFeeCents: tariffs.membershipFeeCents,
    courseFeeCents: courses.map((course) =>
      course
        ? (tariffs.courseFees.find(
            (f) => f.discipline === course.discipline && f.durationMinutes === course.durationMinutes,
          )?.feeCents ?? null)
        : null,
    ),
  };
}

/** packOpen: a family may answer its pack once, until the deadline (inclusive). */
export function packOpen(answer: string | null, deadline: string, today: string): boolean {
  return answer === null && today <= deadline;
}

/** The place a pack's answer gives a held seat: confirmed keeps it, a change or a refusal frees it. */
export function seatStatusAfterAnswer(
  answer: 'confirmed' | 'changed' | 'declined',
): 'confirmed' | 'released' | 'declined' {
  return answer === 'confirmed' ? 'confirmed' : answer === 'declined' ? 'declined' : 'released';
}
