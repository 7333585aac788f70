import { describe, expect, it } from 'vitest';
import {
  adjacentPeriods,
  expectedOn,
  lessonIsMarked,
  lessonsOfPeriod,
  markAllowedOn,
  mayRemind,
  periodFromKey,
  periodOf,
  sheetIsFilled,
} from './attendance.rules.js';
import type { SeasonCalendar } from './calendar.rules.js';

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
const wednesday = { weekday: 3, status: 'active', roomId: 'room', videoLink: null };

describe('attendance periods', () => {
  it('finds the month or the ISO week a day falls in, and reads keys back', () => {
    expect(periodOf('2026-12-15', 'month')).toEqual({ key: '2026-12', start: '2026-12-01', end: '2026-12-31' });
    expect(periodOf('2027-02-10', 'month').end).toBe('2027-02-28');
    expect(periodOf('2026-12-02', 'week')).toEqual({ key: '2026-W49', start: '2026-11-30', end: '2026-12-06' });
    // 1 January 2027 is a Friday: it belongs to the last week of 2026 (week 53).
    expect(periodOf('2027-01-01', 'week').key).toBe('2026-W53');
    expect(periodFromKey('2026-W53')).toEqual(periodOf('2027-01-01', 'week'));
    expect(periodFromKey('2026-12')).toEqual(periodOf('2026-12-31', 'month'));
    expect(periodFromKey('2027-W53')).toBeNull();
    expect(periodFromKey('2026-13')).toBeNull();
    const { previous, next } = adjacentPeriods(periodOf('2027-01-10', 'month'));
    expect([previous.key, next.key]).toEqual(['2026-12', '2027-02']);
    expect(adjacentPeriods(periodOf('2026-12-02', 'week')).next.key).toBe('2026-W50');
  });
});

describe('lessons of a period', () => {
  it('lists the course’s days the calendar opens in the period, at distance in a distance period', () => {
    const november = periodOf('2026-11-01', 'month');
    // 4 Nov: school holidays until the 2nd, so held; 11 Nov: public holiday; 18 and 25 held.
    const lessons = lessonsOfPeriod(wednesday, calendar, november, [
      { start: '2026-11-25', end: '2026-11-30', videoLink: 'https://visio.example.org/a' },
    ]);
    expect(lessons).toEqual([
      { date: '2026-11-04', distance: false },
      { date: '2026-11-18', distance: false },
      { date: '2026-11-25', distance: true },
    ]);
    // December: the 2nd is closed, terms end on the 19th.
    expect(lessonsOfPeriod(wednesday, calendar, periodOf('2026-12-01', 'month'), []).map((l) => l.date)).toEqual([
      '2026-12-09',
      '2026-12-16',
    ]);
    expect(lessonsOfPeriod({ ...wednesday, status: 'suspended' }, calendar, november, [])).toEqual([]);
  });
});

describe('who is expected and when a sheet is filled', () => {
  it('expects a confirmed place from its first day, and a cancelled one until it was cancelled', () => {
    const confirmed = { status: 'confirmed', starts_on: '2026-11-10', cancelled_on: null };
    expect(expectedOn(confirmed, '2026-11-04')).toBe(false);
    expect(expectedOn(confirmed, '2026-11-18')).toBe(true);
    const cancelled = { status: 'cancelled', starts_on: null, cancelled_on: '2026-11-20' };
    expect(expectedOn(cancelled, '2026-11-18')).toBe(true);
    expect(expectedOn(cancelled, '2026-11-25')).toBe(false);
    for (const status of ['held', 'offered', 'waiting', 'declined'])
      expect(expectedOn({ status, starts_on: null, cancelled_on: null }, '2026-11-18')).toBe(false);
  });

  it('fills a sheet when every due lesson has a mark for every expected student; later lessons wait', () => {
    const lessons: { date: string; expected: string[]; marks: Record<string, string> }[] = [
      { date: '2026-11-04', expected: ['a', 'b'], marks: { a: 'present', b: 'absent' } },
      { date: '2026-11-18', expected: ['a', 'b'], marks: { a: 'present' } },
      { date: '2026-11-25', expected: ['a', 'b'], marks: {} },
    ];
    expect(lessonIsMarked(['a', 'b'], { a: 'present' })).toBe(false);
    expect(lessonIsMarked([], {})).toBe(true);
    expect(sheetIsFilled(lessons, '2026-11-10')).toBe(true);
    expect(sheetIsFilled(lessons, '2026-11-18')).toBe(false);
    expect(sheetIsFilled([{ ...lessons[1]!, marks: { a: 'late', b: 'excused' } }, lessons[2]!], '2026-11-20')).toBe(
      true,
    );
  });

  it('marks presence from the lesson’s day on, a cancellation ahead; reminds once a day', () => {
    expect(markAllowedOn('present', '2026-11-18', '2026-11-17')).toBe(false);
    expect(markAllowedOn('absent', '2026-11-18', '2026-11-18')).toBe(true);
    expect(markAllowedOn('cancelled_by_teacher', '2026-11-25', '2026-11-17')).toBe(true);
    expect(markAllowedOn('cancelled_by_school', '2026-11-25', '2026-11-17')).toBe(true);
    expect(mayRemind(null, '2026-11-18')).toBe(true);
    expect(mayRemind('2026-11-18', '2026-11-18')).toBe(false);
    expect(mayRemind('2026-11-17', '2026-11-18')).toBe(true);
  });
});
