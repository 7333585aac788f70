import { describe, expect, it } from 'vitest';
import type { SeasonCalendar } from './calendar.rules.js';
import {
  addFigures,
  adjacentMonths,
  calendarShare,
  contractMinutesOfMonth,
  contractsOverlap,
  isSchoolDay,
  lessonOutcome,
  lessonShares,
  monthOf,
  NO_HOURS,
  schoolWeeksOfMonth,
  unworkedCourseDates,
} from './teacher-hours.rules.js';

const calendar: SeasonCalendar = {
  terms: [
    { name: 'T1', start: '2026-09-14', end: '2026-12-19' },
    { name: 'T2', start: '2027-01-04', end: '2027-03-27' },
  ],
  publicHolidays: [{ date: '2026-11-11', name: 'Armistice' }],
  schoolHolidays: [{ label: 'Toussaint', lastClassDay: '2026-10-17', resumeOn: '2026-11-02' }],
  closures: [{ start: '2026-12-02', end: '2026-12-02', reason: 'Travaux' }],
  openDays: [],
};

describe('contract hours of a month', () => {
  it('counts the school weeks by their Thursday: holidays and days outside the terms out, closures and public holidays in', () => {
    expect(isSchoolDay('2026-11-11', [calendar])).toBe(true);
    expect(isSchoolDay('2026-12-02', [calendar])).toBe(true);
    expect(isSchoolDay('2026-10-20', [calendar])).toBe(false);
    expect(isSchoolDay('2026-12-22', [calendar])).toBe(false);
    // September: the term starts on Monday the 14th — two weeks.
    expect(schoolWeeksOfMonth(monthOf('2026-09'), [calendar])).toEqual(['2026-09-17', '2026-09-24']);
    // October: two weeks of the Toussaint holidays out; the week of Thursday 29 October would be October's anyway.
    expect(schoolWeeksOfMonth(monthOf('2026-10'), [calendar])).toEqual(['2026-10-01', '2026-10-08', '2026-10-15']);
    // November: classes resume on Monday the 2nd; the week of the Armistice counts.
    expect(schoolWeeksOfMonth(monthOf('2026-11'), [calendar])).toHaveLength(4);
    // December: the week of the closure counts; Christmas weeks are outside the terms.
    expect(schoolWeeksOfMonth(monthOf('2026-12'), [calendar])).toEqual(['2026-12-03', '2026-12-10', '2026-12-17']);
    // Without any calendar (no season): no school week.
    expect(schoolWeeksOfMonth(monthOf('2026-11'), [])).toEqual([]);
  });

  it('takes each week’s minutes from the contract valid on its Thursday, and finds overlapping contracts', () => {
    const first = { weeklyMinutes: 90, validFrom: '2026-09-01', validTo: '2026-11-15' };
    const second = { weeklyMinutes: 120, validFrom: '2026-11-16', validTo: null };
    expect(contractMinutesOfMonth([first, second], monthOf('2026-11'), [calendar])).toBe(90 * 2 + 120 * 2);
    expect(contractMinutesOfMonth([second], monthOf('2026-10'), [calendar])).toBe(0);
    expect(contractMinutesOfMonth([first], monthOf('2026-12'), [calendar])).toBe(0);
    expect(contractsOverlap(first, second)).toBe(false);
    expect(contractsOverlap(second, { weeklyMinutes: 60, validFrom: '2027-01-01', validTo: '2027-02-01' })).toBe(true);
    expect(contractsOverlap(first, { weeklyMinutes: 60, validFrom: '2026-11-15', validTo: null })).toBe(true);
  });

  it('names the months around one', () => {
    expect(monthOf('2027-02')).toEqual({ key: '2027-02', start: '2027-02-01', end: '2027-02-28' });
    expect(adjacentMonths(monthOf('2027-01'))).toEqual({ previous: '2026-12', next: '2027-02' });
  });
});

describe('what became of lessons', () => {
  it('calls a lesson taught when any mark is not a cancellation; the school’s cancellation wins over the teacher’s', () => {
    expect(lessonOutcome({ taught: 1, bySchool: 3, byTeacher: 0 })).toBe('taught');
    expect(lessonOutcome({ taught: 0, bySchool: 1, byTeacher: 2 })).toBe('cancelled_by_school');
    expect(lessonOutcome({ taught: 0, bySchool: 0, byTeacher: 2 })).toBe('cancelled_by_teacher');
    expect(lessonOutcome({ taught: 0, bySchool: 0, byTeacher: 0 })).toBe('unmarked');
  });

  it('gives a replaced lesson to the substitute as taught and received, to the course’s teacher as given', () => {
    expect(lessonShares({ courseTeacherId: 'A', teacherId: 'B', minutes: 45, outcome: 'taught' })).toEqual([
      { teacherId: 'B', figures: { taughtMinutes: 45, replacedReceivedMinutes: 45 } },
      { teacherId: 'A', figures: { replacedGivenMinutes: 45 } },
    ]);
    expect(lessonShares({ courseTeacherId: 'A', teacherId: 'A', minutes: 30, outcome: 'taught' })).toEqual([
      { teacherId: 'A', figures: { taughtMinutes: 30 } },
    ]);
    // The school's cancellation is unworked for whoever was to hold it; the teacher's own is shown apart.
    expect(lessonShares({ courseTeacherId: 'A', teacherId: 'B', minutes: 60, outcome: 'cancelled_by_school' })).toEqual(
      [{ teacherId: 'B', figures: { cancelledBySchoolMinutes: 60, unworkedMinutes: 60 } }],
    );
    expect(
      lessonShares({ courseTeacherId: 'A', teacherId: 'A', minutes: 60, outcome: 'cancelled_by_teacher' }),
    ).toEqual([{ teacherId: 'A', figures: { cancelledByTeacherMinutes: 60 } }]);
    expect(lessonShares({ courseTeacherId: 'A', teacherId: 'A', minutes: 60, outcome: 'unmarked' })).toEqual([]);
    const total = addFigures({ ...NO_HOURS }, calendarShare('closure', 60));
    addFigures(total, calendarShare('suspended', 30));
    expect(total).toMatchObject({ closureMinutes: 60, suspendedMinutes: 30, unworkedMinutes: 90 });
  });

  it('finds the closure days on a course’s weekday, and every lesson day of a suspended course but those recorded', () => {
    const wednesday = { weekday: 3, status: 'active' };
    expect(unworkedCourseDates(wednesday, calendar, monthOf('2026-12'), new Set())).toEqual([
      { date: '2026-12-02', reason: 'closure' },
    ]);
    expect(unworkedCourseDates(wednesday, calendar, monthOf('2026-12'), new Set(['2026-12-02']))).toEqual([]);
    // Suspended in November: the 4th was held and recorded, the 11th is a public holiday (no lesson day).
    const suspended = { weekday: 3, status: 'suspended' };
    expect(unworkedCourseDates(suspended, calendar, monthOf('2026-11'), new Set(['2026-11-04']))).toEqual([
      { date: '2026-11-18', reason: 'suspended' },
      { date: '2026-11-25', reason: 'suspended' },
    ]);
  });
});
