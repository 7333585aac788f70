import type { AbsenceNoticePreference } from '@contracts';
import { addDays } from '../../platform/clock.js';
import { isMinor } from '../people/people.rules.js';
import { periodOf } from './attendance.rules.js';
import type { IsoDate } from './calendar.rules.js';

/**
 * The rules of absence notices (issue "School network III", item 3): how an absence is told given the family's
 * choice and the school's requirement for minors, which absences are still worth telling, and when a weekly digest
 * is due.
 */

export type NoticeMode = AbsenceNoticePreference;

/**
 * How an absence is told: as the family chose, except that a minor's absence is told (one e-mail each) when the
 * school requires notices for minors and the family chose "never".
 */
export function noticeMode(
  preference: AbsenceNoticePreference,
  birthDate: string | null,
  lessonDate: IsoDate,
  requiredForMinors: boolean,
): NoticeMode {
  if (preference === 'never' && requiredForMinors && birthDate && isMinor(birthDate, lessonDate)) return 'each';
  return preference;
}

/** How far back the sweep looks: an absence older than this is never told (a family is not sent last year's). */
export const NOTICE_HORIZON_DAYS = 28;

/** The first lesson day an absence may still be told on `today`. */
export function noticeHorizon(today: IsoDate): IsoDate {
  return addDays(today, -NOTICE_HORIZON_DAYS);
}

/** The ISO week (e.g. 2026-W49) a day falls in: a weekly digest is sent once per week. */
export function digestWeek(today: IsoDate): string {
  return periodOf(today, 'week').key;
}

/** A weekly digest tells the absences of the weeks before today's: an absence of this week waits for the next. */
export function inNextDigest(lessonDate: IsoDate, today: IsoDate): boolean {
  return lessonDate < periodOf(today, 'week').start;
}
