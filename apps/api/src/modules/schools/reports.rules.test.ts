import { describe, expect, it } from 'vitest';
import { TestClock, dateInZone } from '../../platform/clock.js';
import type { SeasonCalendar } from './calendar.rules.js';
import {
  courseEnrolmentCounts,
  networkReport,
  occupancyPercent,
  reenrolmentFigures,
  reenrolmentRatePercent,
  schoolReport,
  weeklyOpenMinutes,
  type ReportCourse,
  type ReportSchool,
} from './reports.rules.js';

/** Four weeks of classes (Monday 7 September to Sunday 4 October 2026), nothing else closed. */
const calendar: SeasonCalendar = {
  terms: [{ name: 'T1', start: '2026-09-07', end: '2026-10-04' }],
  publicHolidays: [],
  schoolHolidays: [],
  closures: [],
  openDays: [],
};
const centre: ReportSchool = {
  id: 'A',
  name: 'Centre',
  openingHours: [1, 2, 3].map((weekday) => ({ weekday, opens: '09:00', closes: '19:00' })),
  rooms: [
    { id: 'a1', name: 'Salle 1' },
    { id: 'a2', name: 'Salle 2' },
  ],
  // Centre closes on Wednesday 16 September (a bridge).
  calendar: { ...calendar, closures: [{ start: '2026-09-16', end: '2026-09-16', reason: 'Pont' }] },
};
const nord: ReportSchool = {
  id: 'B',
  name: 'Nord',
  openingHours: [{ weekday: 3, opens: '14:00', closes: '18:00' }],
  rooms: [{ id: 'b1', name: 'Studio' }],
  calendar,
};
const course = (c: Partial<ReportCourse> & Pick<ReportCourse, 'id' | 'schoolId' | 'teacherId'>): ReportCourse => ({
  discipline: 'piano',
  kind: 'individual',
  roomId: null,
  videoLink: null,
  weekday: 3,
  durationMinutes: 60,
  capacity: 1,
  status: 'active',
  distancePeriods: [],
  places: { confirmed: 0, held: 0, offered: 0, waiting: 0 },
  confirmedStudents: [],
  ...c,
});
const courses: ReportCourse[] = [
  course({ id: 'c1', schoolId: 'A', teacherId: 'T1', roomId: 'a1', weekday: 1, durationMinutes: 30 }),
  course({
    id: 'c2',
    schoolId: 'A',
    teacherId: 'T2',
    discipline: 'choir',
    kind: 'group',
    roomId: 'a2',
    durationMinutes: 90,
    capacity: 20,
    distancePeriods: [{ start: '2026-09-23', end: '2026-09-30', videoLink: 'https://v.example.org/c' }],
  }),
  course({
    id: 'c3',
    schoolId: 'A',
    teacherId: 'T3',
    discipline: 'choir',
    kind: 'group',
    roomId: 'a2',
    weekday: 2,
    capacity: 15,
    status: 'suspended',
  }),
  // T1 teaches in both schools.
  course({ id: 'c4', schoolId: 'B', teacherId: 'T1', roomId: 'b1', durationMinutes: 45 }),
  course({
    id: 'c5',
    schoolId: 'B',
    teacherId: 'T4',
    discipline: 'music_theory',
    kind: 'group',
    videoLink: 'https://v.example.org/fm',
    capacity: 10,
  }),
];
// Late on Sunday 20 September in UTC is already Monday 21 September in Paris: the lessons "to date" are before it.
const today = dateInZone(new TestClock('2026-09-20T22:30:00.000Z').now(), 'Europe/Paris');

describe('schoolReport', () => {
  it('counts a school’s courses, hours, seats, lessons by its calendar, distance, suspended, teachers and rooms', () => {
    expect(today).toBe('2026-09-21');
    const report = schoolReport(centre, courses, today);
    expect(report).toMatchObject({
      schoolId: 'A',
      schoolName: 'Centre',
      courses: 3,
      individual: 1,
      group: 2,
      suspended: 1,
      // The suspended choir offers no hour, seat nor lesson.
      weeklyMinutes: 120,
      seats: 21,
      // Piano: 4 Mondays; choir: 4 Wednesdays but the bridge; the suspended course none.
      lessons: 7,
      lessonsToDate: 3,
      distancePeriods: 1,
      distanceLessons: 2,
      teachers: 2,
      rooms: 2,
      bookedMinutes: 120,
      openMinutes: 3600,
      occupancyPercent: 3,
    });
    expect(report.byDiscipline).toMatchObject([
      { discipline: 'choir', courses: 2, individual: 0, group: 2, weeklyMinutes: 90, seats: 20, lessons: 3 },
      { discipline: 'piano', courses: 1, individual: 1, group: 0, weeklyMinutes: 30, seats: 1, lessons: 4 },
    ]);
    expect(report.roomDetails).toEqual([
      { roomId: 'a1', name: 'Salle 1', bookedMinutes: 30, occupancyPercent: 2 },
      { roomId: 'a2', name: 'Salle 2', bookedMinutes: 90, occupancyPercent: 5 },
    ]);
  });

  it('moves the lessons "to date" with the clock', () => {
    const later = dateInZone(new TestClock('2026-10-10T08:00:00.000Z').now(), 'Europe/Paris');
    expect(schoolReport(nord, courses, later).lessonsToDate).toBe(8);
    expect(schoolReport(nord, courses, '2026-09-01').lessonsToDate).toBe(0);
  });
});

describe('networkReport', () => {
  it('counts a teacher of two schools in each school but once in the network, and rates the network’s rooms', () => {
    const report = networkReport([centre, nord], courses, today);
    expect(report.schools.map((s) => [s.schoolName, s.teachers, s.occupancyPercent])).toEqual([
      ['Centre', 2, 3],
      ['Nord', 2, 19],
    ]);
    expect(report.network).toMatchObject({
      schools: 2,
      courses: 5,
      suspended: 1,
      weeklyMinutes: 225,
      seats: 32,
      lessons: 15,
      lessonsToDate: 7,
      distancePeriods: 1,
      // Nord's theory class is a distance course: its four lessons are at distance.
      distanceLessons: 6,
      // T1, T2, T4: not 2 + 2.
      teachers: 3,
      rooms: 3,
      bookedMinutes: 165,
      openMinutes: 3840,
      // 165 of 3,840 minutes, not 3 % + 19 %.
      occupancyPercent: 4,
    });
    expect(report.network!.byDiscipline.find((d) => d.discipline === 'piano')).toMatchObject({
      courses: 2,
      lessons: 8,
    });
  });

  it('reads only the schools it is given (a course of another school counts nowhere)', () => {
    const report = networkReport([nord], courses, today);
    expect(report.network).toMatchObject({ schools: 1, courses: 2, teachers: 2 });
  });
});

describe('enrolment figures', () => {
  const enrolled = [
    course({
      id: 'e1',
      schoolId: 'A',
      teacherId: 'T1',
      capacity: 2,
      places: { confirmed: 1, held: 1, offered: 0, waiting: 3 },
      confirmedStudents: ['S1'],
    }),
    course({
      id: 'e2',
      schoolId: 'A',
      teacherId: 'T2',
      discipline: 'choir',
      kind: 'group',
      capacity: 10,
      places: { confirmed: 2, held: 0, offered: 1, waiting: 0 },
      confirmedStudents: ['S1', 'S2'],
    }),
    // A suspended course offers no seat: neither free nor full.
    course({ id: 'e3', schoolId: 'A', teacherId: 'T3', capacity: 5, status: 'suspended' }),
    course({
      id: 'e4',
      schoolId: 'B',
      teacherId: 'T4',
      capacity: 1,
      places: { confirmed: 1, held: 0, offered: 0, waiting: 0 },
      confirmedStudents: ['S1'],
    }),
  ];

  it('counts places by status, free seats, full courses and distinct students, per discipline too', () => {
    expect(courseEnrolmentCounts(enrolled[0]!)).toEqual({
      enrolled: 1,
      held: 1,
      offers: 0,
      waiting: 3,
      seatsFree: 0,
      fullCourses: 1,
    });
    const report = schoolReport(centre, enrolled, today);
    expect(report).toMatchObject({ students: 2, enrolled: 3, held: 1, offers: 1, waiting: 3, seatsFree: 7 });
    expect(report.fullCourses).toBe(1);
    expect(report.byDiscipline.find((d) => d.discipline === 'choir')).toMatchObject({ enrolled: 2, seatsFree: 7 });
  });

  it('counts a student of two schools once in the network, and rates re-enrolment on the packs sent', () => {
    const answers = new Map([
      ['A', { packs: 10, confirmed: 6, changed: 1, declined: 1 }],
      ['B', { packs: 4, confirmed: 1, changed: 0, declined: 0 }],
    ]);
    const report = networkReport([centre, nord], enrolled, today, answers);
    expect(report.schools.map((s) => s.students)).toEqual([2, 1]);
    expect(report.network).toMatchObject({ students: 2, enrolled: 4, fullCourses: 2 });
    expect(report.schools[0]!.reenrolment).toEqual({
      packs: 10,
      confirmed: 6,
      changed: 1,
      declined: 1,
      notAnswered: 2,
      ratePercent: 60,
    });
    expect(report.network!.reenrolment).toMatchObject({ packs: 14, confirmed: 7, notAnswered: 5, ratePercent: 50 });
  });

  it('has no re-enrolment line without a pack', () => {
    expect(reenrolmentFigures(null)).toBeNull();
    expect(reenrolmentFigures({ packs: 0, confirmed: 0, changed: 0, declined: 0 })).toBeNull();
    expect(reenrolmentRatePercent(2, 3)).toBe(67);
  });
});

describe('occupancy', () => {
  it('sums opening hours and rates booked over open minutes, none when nothing is open', () => {
    expect(weeklyOpenMinutes(centre.openingHours)).toBe(1800);
    expect(occupancyPercent(45, 240)).toBe(19);
    expect(occupancyPercent(0, 0)).toBeNull();
  });
});
