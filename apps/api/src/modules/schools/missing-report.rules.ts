import { addDays } from '../../platform/clock.js';
import type { IsoDate } from './calendar.rules.js';

/**
 * The rules of the missing-students and wrong-contacts reports (issue "School network III", item 4).
 */

/** The marks that show a student came (late is still there). */
const ATTENDED = new Set(['present', 'late']);
/** The marks that say nothing of the student: the lesson did not take place, or the absence was excused. */
const NEUTRAL = new Set(['excused', 'cancelled_by_teacher', 'cancelled_by_school']);

/** The day the report starts from: the one asked for, else `missingAfterDays` before today. */
export function missingSince(today: IsoDate, missingAfterDays: number, asked?: IsoDate): IsoDate {
  return asked ?? addDays(today, -missingAfterDays);
}

/**
 * Whether a student is missing given their marks since the date: never there (no present or late mark), and
 * either absent at least once ("absent") or never marked at all ("silent"). Excused absences and cancelled lessons
 * alone make no one missing.
 */
export function missingReason(marks: readonly string[]): 'absent' | 'silent' | null {
  if (marks.some((m) => ATTENDED.has(m))) return null;
  if (marks.includes('absent')) return 'absent';
  if (marks.some((m) => NEUTRAL.has(m))) return null;
  return 'silent';
}

/** A family's values of a contact field as a flag keeps them: present ones, sorted, one per line. */
export function contactValues(values: readonly (string | null)[]): string {
  return [...new Set(values.filter((v): v is string => !!v).map((v) => v.trim().toLowerCase()))].sort().join('\n');
}

/** A teacher's flag still holds while the family's values of that field are the ones seen: a correction clears it. */
export function flagHolds(seen: string, current: string): boolean {
  return seen === current;
}
