import { describe, expect, it } from 'vitest';
import { conflictsOfSlot, timetableConflicts, type OpeningHours, type WeeklySlot } from './timetable.rules.js';

const rooms = [
  { id: 'A-piano', schoolId: 'A', capacity: 2 },
  { id: 'A-hall', schoolId: 'A', capacity: 20 },
  { id: 'B-room', schoolId: 'B', capacity: 12 },
];
const weekdayHours = (opens: string, closes: string): OpeningHours[] =>
  [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens, closes }));
const hours = new Map([
  ['A', weekdayHours('09:00', '21:00')],
  ['B', weekdayHours('13:00', '20:00')],
]);
const slot = (over: Partial<WeeklySlot> & Pick<WeeklySlot, 'courseId'>): WeeklySlot => ({
  teacherId: 't1',
  schoolId: 'A',
  roomId: 'A-hall',
  weekday: 3,
  start: '14:00',
  durationMinutes: 60,
  capacity: 10,
  ...over,
});

describe('timetable conflicts', () => {
  it('accepts back-to-back courses of one teacher in one room', () => {
    const slots = [slot({ courseId: 'c1' }), slot({ courseId: 'c2', start: '15:00' })];
    expect(timetableConflicts(slots, rooms, hours)).toEqual([]);
  });

  it('refuses a teacher in two places and a room booked twice', () => {
    const slots = [
      slot({ courseId: 'c1' }),
      slot({ courseId: 'c2', start: '14:30', roomId: 'A-piano', capacity: 1 }),
      slot({ courseId: 'c3', start: '14:45', teacherId: 't2' }),
    ];
    expect(timetableConflicts(slots, rooms, hours)).toEqual(
      expect.arrayContaining([
        { code: 'TEACHER_DOUBLE_BOOKED', courseId: 'c2', otherCourseId: 'c1' },
        { code: 'ROOM_DOUBLE_BOOKED', courseId: 'c3', otherCourseId: 'c1' },
      ]),
    );
    expect(timetableConflicts(slots, rooms, hours)).toHaveLength(2);
  });

  it('refuses a room too small, a room of another school and a slot outside opening hours', () => {
    expect(timetableConflicts([slot({ courseId: 'c1', roomId: 'A-piano', capacity: 6 })], rooms, hours)).toEqual([
      { code: 'ROOM_TOO_SMALL', courseId: 'c1', roomCapacity: 2 },
    ]);
    expect(timetableConflicts([slot({ courseId: 'c1', roomId: 'B-room' })], rooms, hours)).toEqual([
      { code: 'ROOM_OF_ANOTHER_SCHOOL', courseId: 'c1' },
    ]);
    expect(
      timetableConflicts([slot({ courseId: 'c1', schoolId: 'B', roomId: 'B-room', start: '12:30' })], rooms, hours),
    ).toEqual([{ code: 'OUTSIDE_OPENING_HOURS', courseId: 'c1' }]);
    expect(timetableConflicts([slot({ courseId: 'c1', weekday: 7 })], rooms, hours)).toEqual([
      { code: 'OUTSIDE_OPENING_HOURS', courseId: 'c1' },
    ]);
  });

  it('refuses a teacher crossing between schools in the same hour, not for a distance lesson', () => {
    const crossing = [
      slot({ courseId: 'c1' }),
      slot({ courseId: 'c2', start: '15:30', schoolId: 'B', roomId: 'B-room' }),
    ];
    expect(timetableConflicts(crossing, rooms, hours)).toEqual([
      { code: 'TEACHER_TRAVEL_TOO_SHORT', courseId: 'c2', otherCourseId: 'c1', minutesBetween: 30 },
    ]);
    expect(timetableConflicts(crossing, rooms, hours, 20)).toEqual([]);
    const distance = [slot({ courseId: 'c1' }), slot({ courseId: 'c2', start: '15:00', schoolId: 'B', roomId: null })];
    expect(timetableConflicts(distance, rooms, hours)).toEqual([]);
  });

  it('checks one new course against the timetable, ignoring its own former slot and other days', () => {
    const existing = [
      slot({ courseId: 'c1' }),
      slot({ courseId: 'c2', weekday: 4 }),
      slot({ courseId: 'c3', teacherId: 't3', roomId: 'B-room', schoolId: 'B' }),
    ];
    expect(conflictsOfSlot(slot({ courseId: 'c1', start: '14:30' }), existing, rooms, hours)).toEqual([]);
    expect(
      conflictsOfSlot(
        slot({ courseId: 'new', start: '14:30', roomId: 'A-piano', capacity: 1 }),
        existing,
        rooms,
        hours,
      ),
    ).toEqual([{ code: 'TEACHER_DOUBLE_BOOKED', courseId: 'new', otherCourseId: 'c1' }]);
  });

  it('finds each conflict of a large network once', () => {
    const slots: WeeklySlot[] = [];
    for (let i = 0; i < 2000; i++) {
      slots.push(
        slot({
          courseId: `c${i}`,
          teacherId: `t${i % 200}`,
          roomId: `A-hall`,
          capacity: 1,
          weekday: 1 + (i % 6),
          start: `${String(9 + (((i / 6) % 12) | 0)).padStart(2, '0')}:00`,
        }),
      );
    }
    const conflicts = timetableConflicts(slots, rooms, hours);
    const keys = conflicts.map((c) => JSON.stringify(c));
    expect(new Set(keys).size).toBe(keys.length);
    expect(conflicts.some((c) => c.code === 'ROOM_DOUBLE_BOOKED')).toBe(true);
  });
});
