import type { AttendanceMark } from '@contracts';
import { addDays } from '../../platform/clock.js';
import { isoWeekday, lessonDates, type IsoDate, type SeasonCalendar } from './calendar.rules.js';
import { lessonsWithModes } from './courses.rules.js';

/**
 * The rules of attendance sheets (issue "School network III", item 1): the period a day falls in, the lessons of a
 * course in a period, who is expected at a lesson, when a lesson and a sheet are filled, when a mark may be given
 * and when the secretariat may remind a teacher again.
 */

export type PeriodLength = 'month' | 'week';
export type Period = { key: string; start: IsoDate; end: IsoDate };

const pad = (n: number) => String(n).padStart(2, '0');

/** The Monday of an ISO week (`year`, `week`): the week holding 4 January is week 1. */
function mondayOfIsoWeek(year: number, week: number): IsoDate {
  const jan4 = `${year}-01-04`;
  return addDays(jan4, (week - 1) * 7 - (isoWeekday(jan4) - 1));
}

/** The period of a length a day falls in: its calendar month, or its ISO week (Monday to Sunday). */
export function periodOf(date: IsoDate, length: PeriodLength): Period {
  if (length === 'month') {
    const [y, m] = date.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { key: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(last)}` };
  }
  const monday = addDays(date, 1 - isoWeekday(date));
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(thursday) - Date.parse(mondayOfIsoWeek(year, 1))) / (7 * 86_400_000)) + 1;
  return { key: `${year}-W${pad(week)}`, start: monday, end: addDays(monday, 6) };
}

/** The period a key names (`2026-12`, `2026-W49`), or null when the key names none (week 53 of a 52-week year). */
export function periodFromKey(key: string): Period | null {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const start = mondayOfIsoWeek(Number(week[1]), Number(week[2]));
    const period = periodOf(start, 'week');
    return period.key === key ? period : null;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (!month || Number(month[2]) < 1 || Number(month[2]) > 12) return null;
  return periodOf(`${key}-01`, 'month');
}

/** The periods just before and after one, of the same length. */
export function adjacentPeriods(period: Period): { previous: Period; next: Period } {
  const length: PeriodLength = period.key.includes('W') ? 'week' : 'month';
  return { previous: periodOf(addDays(period.start, -1), length), next: periodOf(addDays(period.end, 1), length) };
}

export type PeriodLesson = { date: IsoDate; distance: boolean };

/**
 * The lessons of a course in a period: its weekday on the open days of its school's season calendar within the
 * period (none while the course is suspended), each at distance or not as the course's distance periods say.
 */
export function lessonsOfPeriod(
  course: { weekday: number; status: string; roomId: string | null; videoLink: string | null },
  calendar: SeasonCalendar,
  period: Period,
  distancePeriods: readonly { start: string; end: string; videoLink: string }[],
): PeriodLesson[] {
  if (course.status !== 'active') return [];
  const dates = lessonDates(course.weekday, calendar, { from: period.start, to: period.end });
  return lessonsWithModes(dates, course, distancePeriods).map((l) => ({ date: l.date, distance: l.distance }));
}

/**
 * Whether a student's place makes them expected at a lesson: a confirmed place that has started by that day, or a
 * place cancelled after that day (it was confirmed then). Held, offered and waiting places are not in class yet.
 */
export function expectedOn(
  place: { status: string; starts_on: string | null; cancelled_on: string | null },
  date: IsoDate,
): boolean {
  if (place.starts_on && place.starts_on > date) return false;
  if (place.status === 'confirmed') return true;
  return place.status === 'cancelled' && place.cancelled_on !== null && place.cancelled_on > date;
}

/** A lesson is due once its day has come; before, it is not to be marked (a cancellation may be). */
export function lessonIsDue(date: IsoDate, today: IsoDate): boolean {
  return date <= today;
}

/** Presence marks wait for the lesson's day; a cancellation (by the teacher or the school) may be marked ahead. */
export function markAllowedOn(mark: AttendanceMark, date: IsoDate, today: IsoDate): boolean {
  return lessonIsDue(date, today) || mark === 'cancelled_by_teacher' || mark === 'cancelled_by_school';
}

/** A lesson is marked when every student expected that day has a mark (a lesson nobody is expected at is). */
export function lessonIsMarked(expected: readonly string[], marks: Readonly<Record<string, string>>): boolean {
  return expected.every((id) => marks[id] !== undefined);
}

/** A sheet is filled when every lesson due by today is marked; its later lessons wait. */
export function sheetIsFilled(
  lessons: readonly { date: IsoDate; expected: readonly string[]; marks: Readonly<Record<string, string>> }[],
  today: IsoDate,
): boolean {
  return lessons.every((l) => !lessonIsDue(l.date, today) || lessonIsMarked(l.expected, l.marks));
}

/** The secretariat reminds a teacher of a sheet at most once a day. */
export function mayRemind(remindedOn: IsoDate | null, today: IsoDate): boolean {
  return remindedOn === null || remindedOn < today;
}
