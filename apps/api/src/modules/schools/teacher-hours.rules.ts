import { addDays } from '../../platform/clock.js';
import { dayStatus, isoWeekday, lessonDates, type IsoDate, type SeasonCalendar } from './calendar.rules.js';
import { periodOf, type Period } from './attendance.rules.js';

/**
 * The rules of teachers' hours (issue "School network III", item 6): a month's contract hours, what became of each
 * lesson (taught, cancelled by whom, replaced), and the hours not worked because of the association's cancellations
 * and closures — the figure an association declares for partial activity. All figures are minutes.
 */

export type Contract = { weeklyMinutes: number; validFrom: IsoDate; validTo: IsoDate | null };

/** The calendar month a key names (`2026-11`). */
export function monthOf(key: string): Period {
  return periodOf(`${key}-01`, 'month');
}

/** The months before and after one. */
export function adjacentMonths(month: Period): { previous: string; next: string } {
  return {
    previous: periodOf(addDays(month.start, -1), 'month').key,
    next: periodOf(addDays(month.end, 1), 'month').key,
  };
}

/**
 * A school day: a day inside a term of the season that is not in a school holiday. Public holidays and closures
 * stay school days — the contract runs through them (a public holiday is paid as usual; a closure is what the
 * association declares as unworked), whereas the school holidays are the weeks a school's contract does not cover.
 */
export function isSchoolDay(date: IsoDate, calendars: readonly SeasonCalendar[]): boolean {
  return calendars.some((calendar) => {
    const status = dayStatus(date, calendar);
    return status.open || status.reason === 'public_holiday' || status.reason === 'closure';
  });
}

/**
 * The school weeks of a month, each named by its Thursday: the ISO weeks (Monday to Sunday) whose Thursday falls in
 * the month — so a week astride two months belongs to exactly one, and a year's months add up to its weeks — with
 * at least one school day from Monday to Saturday in one of the school's calendars.
 */
export function schoolWeeksOfMonth(month: Period, calendars: readonly SeasonCalendar[]): IsoDate[] {
  const thursdays: IsoDate[] = [];
  let thursday = addDays(month.start, (4 - isoWeekday(month.start) + 7) % 7);
  for (; thursday <= month.end; thursday = addDays(thursday, 7)) {
    const monday = addDays(thursday, -3);
    const days = [0, 1, 2, 3, 4, 5].map((n) => addDays(monday, n));
    if (days.some((day) => isSchoolDay(day, calendars))) thursdays.push(thursday);
  }
  return thursdays;
}

/** The contract valid on a day (contracts of one teacher at one school never overlap), or none. */
export function contractOn<C extends Contract>(contracts: readonly C[], date: IsoDate): C | undefined {
  return contracts.find((c) => c.validFrom <= date && (c.validTo === null || date <= c.validTo));
}

/**
 * A month's contract minutes of a teacher at a school: for each school week of the month (`schoolWeeksOfMonth`),
 * the weekly minutes of the contract valid on that week's Thursday (none: nothing).
 */
export function contractMinutesOfMonth(
  contracts: readonly Contract[],
  month: Period,
  calendars: readonly SeasonCalendar[],
): number {
  return schoolWeeksOfMonth(month, calendars).reduce(
    (sum, thursday) => sum + (contractOn(contracts, thursday)?.weeklyMinutes ?? 0),
    0,
  );
}

/** Two contracts of a teacher at a school share a day. */
export function contractsOverlap(a: Contract, b: Contract): boolean {
  return a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
}

export type LessonOutcome = 'taught' | 'cancelled_by_school' | 'cancelled_by_teacher' | 'unmarked';

/**
 * What became of a lesson, from its marks: taught when a student has any mark but a cancellation (present, absent,
 * excused or late: the teacher was there); else cancelled by the school when one mark says so (the school's
 * decision wins over the teacher's); else cancelled by the teacher; no mark at all: not yet on the sheet.
 */
export function lessonOutcome(marks: { taught: number; bySchool: number; byTeacher: number }): LessonOutcome {
  if (marks.taught > 0) return 'taught';
  if (marks.bySchool > 0) return 'cancelled_by_school';
  if (marks.byTeacher > 0) return 'cancelled_by_teacher';
  return 'unmarked';
}

/**
 * The lessons of a course in a month the association did not let happen and no sheet recorded: its weekday on the
 * calendar's closure days (a closure on a public holiday or in school holidays is not one: those days are not
 * lesson days anyway), or, while the course is suspended, every lesson day the calendar gives. A day with a lesson
 * on a sheet (`recorded`) is counted from its marks instead.
 */
export function unworkedCourseDates(
  course: { weekday: number; status: string },
  calendar: SeasonCalendar,
  month: Period,
  recorded: ReadonlySet<IsoDate>,
): { date: IsoDate; reason: 'closure' | 'suspended' }[] {
  const found: { date: IsoDate; reason: 'closure' | 'suspended' }[] = [];
  if (course.status !== 'active') {
    for (const date of lessonDates(course.weekday, calendar, { from: month.start, to: month.end }))
      if (!recorded.has(date)) found.push({ date, reason: 'suspended' });
  }
  let day = addDays(month.start, (course.weekday - isoWeekday(month.start) + 7) % 7);
  for (; day <= month.end; day = addDays(day, 7)) {
    const status = dayStatus(day, calendar);
    if (!status.open && status.reason === 'closure' && !recorded.has(day)) found.push({ date: day, reason: 'closure' });
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

export type HoursFigures = {
  contractMinutes: number;
  taughtMinutes: number;
  replacedGivenMinutes: number;
  replacedReceivedMinutes: number;
  cancelledBySchoolMinutes: number;
  closureMinutes: number;
  suspendedMinutes: number;
  unworkedMinutes: number;
  cancelledByTeacherMinutes: number;
};

export const NO_HOURS: HoursFigures = {
  contractMinutes: 0,
  taughtMinutes: 0,
  replacedGivenMinutes: 0,
  replacedReceivedMinutes: 0,
  cancelledBySchoolMinutes: 0,
  closureMinutes: 0,
  suspendedMinutes: 0,
  unworkedMinutes: 0,
  cancelledByTeacherMinutes: 0,
};

/** A recorded lesson: its course's own teacher, who held it (a substitute), how long, what became of it. */
export type RecordedLesson = {
  courseTeacherId: string;
  teacherId: string;
  minutes: number;
  outcome: LessonOutcome;
};

/**
 * What one recorded lesson adds to whom. The teacher who held it (`teacherId`: the substitute when there is one)
 * has it taught, or cancelled (by the school: unworked for the association; by themself: shown apart, not
 * unworked). A taught lesson of a course held by another teacher than the course's is "replaced": given by the
 * course's teacher, received by the substitute (whose taught hours include it). An unmarked lesson adds nothing.
 */
export function lessonShares(lesson: RecordedLesson): { teacherId: string; figures: Partial<HoursFigures> }[] {
  const { teacherId, courseTeacherId, minutes } = lesson;
  switch (lesson.outcome) {
    case 'taught':
      if (teacherId === courseTeacherId) return [{ teacherId, figures: { taughtMinutes: minutes } }];
      return [
        { teacherId, figures: { taughtMinutes: minutes, replacedReceivedMinutes: minutes } },
        { teacherId: courseTeacherId, figures: { replacedGivenMinutes: minutes } },
      ];
    case 'cancelled_by_school':
      return [{ teacherId, figures: { cancelledBySchoolMinutes: minutes, unworkedMinutes: minutes } }];
    case 'cancelled_by_teacher':
      return [{ teacherId, figures: { cancelledByTeacherMinutes: minutes } }];
    case 'unmarked':
      return [];
  }
}

/** Adds figures into a running total (in place) and returns it. */
export function addFigures(total: HoursFigures, more: Partial<HoursFigures>): HoursFigures {
  for (const [key, value] of Object.entries(more) as [keyof HoursFigures, number][]) total[key] += value;
  return total;
}

/** The unworked share of a calendar lesson (closure or suspension) for the course's teacher. */
export function calendarShare(reason: 'closure' | 'suspended', minutes: number): Partial<HoursFigures> {
  return reason === 'closure'
    ? { closureMinutes: minutes, unworkedMinutes: minutes }
    : { suspendedMinutes: minutes, unworkedMinutes: minutes };
}
