import type { Discipline, EnrolmentCounts, OpeningHours, ReportFigures, SchoolReport, SeasonReport } from '@contracts';
import { seatsLeft } from './enrolments.rules.js';
import { lessonDates, type SeasonCalendar } from './calendar.rules.js';
import { lessonsWithModes } from './courses.rules.js';
import { minutesOf } from './timetable.rules.js';

/** A course as the reports read it (the season's, any status). */
export type ReportCourse = {
  id: string;
  schoolId: string;
  discipline: Discipline;
  kind: 'individual' | 'group';
  teacherId: string;
  roomId: string | null;
  videoLink: string | null;
  weekday: number;
  durationMinutes: number;
  capacity: number;
  status: 'active' | 'suspended';
  distancePeriods: { start: string; end: string; videoLink: string }[];
  /** Its places by status (enrolments.rules.ts): confirmed, held, offered, waiting. */
  places: { confirmed: number; held: number; offered: number; waiting: number };
  /** The students of its confirmed places (distinct students are counted across courses). */
  confirmedStudents: readonly string[];
};

/** Answers to the re-enrolment packs of one school (or the network), as counted from the packs. */
export type ReenrolmentAnswers = { packs: number; confirmed: number; changed: number; declined: number };

/** Confirmed re-enrolments over packs sent, in whole percent; null when no pack was sent. */
export function reenrolmentRatePercent(confirmed: number, packs: number): number | null {
  return packs > 0 ? Math.round((confirmed * 100) / packs) : null;
}

/** The report's re-enrolment line from the packs' answers (null without a campaign into the season). */
export function reenrolmentFigures(answers: ReenrolmentAnswers | null): ReportFigures['reenrolment'] {
  if (!answers || answers.packs === 0) return null;
  return {
    ...answers,
    notAnswered: answers.packs - answers.confirmed - answers.changed - answers.declined,
    ratePercent: reenrolmentRatePercent(answers.confirmed, answers.packs),
  };
}

/**
 * A course's enrolment counts: its places by status; an active course's free seats (capacity less the places that
 * occupy a seat) and whether it is full. A suspended course offers no seat, so it is neither free nor full.
 */
export function courseEnrolmentCounts(course: ReportCourse): EnrolmentCounts {
  const { confirmed, held, offered, waiting } = course.places;
  const active = course.status === 'active';
  const free = active ? seatsLeft(course.capacity, confirmed + held + offered) : 0;
  return {
    enrolled: confirmed,
    held,
    offers: offered,
    waiting,
    seatsFree: free,
    fullCourses: active && free === 0 ? 1 : 0,
  };
}

const ENROLMENT_KEYS = ['enrolled', 'held', 'offers', 'waiting', 'seatsFree', 'fullCourses'] as const;
const noEnrolment = (): EnrolmentCounts => ({
  enrolled: 0,
  held: 0,
  offers: 0,
  waiting: 0,
  seatsFree: 0,
  fullCourses: 0,
});

/** A school as the reports read it: its rooms, its weekly opening hours and its calendar of the season. */
export type ReportSchool = {
  id: string;
  name: string;
  openingHours: OpeningHours[];
  rooms: { id: string; name: string }[];
  calendar: SeasonCalendar;
};

/** Minutes a school is open in a week (the sum of its opening hours). */
export function weeklyOpenMinutes(hours: readonly OpeningHours[]): number {
  return hours.reduce((sum, h) => sum + Math.max(0, minutesOf(h.closes) - minutesOf(h.opens)), 0);
}

/** Booked minutes over open minutes, in whole percent; null when nothing is open (no hours or no room). */
export function occupancyPercent(bookedMinutes: number, openMinutes: number): number | null {
  return openMinutes > 0 ? Math.round((bookedMinutes * 100) / openMinutes) : null;
}

/** One course's own figures: what it offers each week and its lessons of the season by the one calendar. */
function courseFigures(course: ReportCourse, calendar: SeasonCalendar, today: string) {
  const active = course.status === 'active';
  const dates = active ? lessonDates(course.weekday, calendar) : [];
  const lessons = lessonsWithModes(dates, course, course.distancePeriods);
  return {
    active,
    weeklyMinutes: active ? course.durationMinutes : 0,
    seats: active ? course.capacity : 0,
    lessons: lessons.length,
    lessonsToDate: lessons.filter((l) => l.date < today).length,
    distanceLessons: lessons.filter((l) => l.distance).length,
  };
}

/**
 * Figures of a set of courses (a school's, or the network's): counts of courses (individual, group, suspended),
 * weekly teaching minutes and seats offered (of active courses: a suspended course teaches nothing), lessons planned
 * in the season and those dated before `today`, distance periods and the lessons they move, and distinct teachers
 * of active courses. Rooms are added by the caller.
 */
function figuresOf(
  courses: readonly ReportCourse[],
  calendars: ReadonlyMap<string, SeasonCalendar>,
  today: string,
): Omit<ReportFigures, 'rooms' | 'bookedMinutes' | 'openMinutes' | 'occupancyPercent' | 'reenrolment'> & {
  byDiscipline: SchoolReport['byDiscipline'];
} {
  const figures = {
    courses: 0,
    individual: 0,
    group: 0,
    suspended: 0,
    weeklyMinutes: 0,
    seats: 0,
    lessons: 0,
    lessonsToDate: 0,
    distancePeriods: 0,
    distanceLessons: 0,
    ...noEnrolment(),
  };
  const teachers = new Set<string>();
  const students = new Set<string>();
  const byDiscipline = new Map<Discipline, SchoolReport['byDiscipline'][number]>();
  for (const course of courses) {
    const own = courseFigures(course, calendars.get(course.schoolId)!, today);
    const line = byDiscipline.get(course.discipline) ?? {
      discipline: course.discipline,
      courses: 0,
      individual: 0,
      group: 0,
      weeklyMinutes: 0,
      seats: 0,
      lessons: 0,
      ...noEnrolment(),
    };
    const counts = courseEnrolmentCounts(course);
    for (const target of [figures, line]) {
      for (const key of ENROLMENT_KEYS) target[key] += counts[key];
      target.courses += 1;
      target[course.kind] += 1;
      target.weeklyMinutes += own.weeklyMinutes;
      target.seats += own.seats;
      target.lessons += own.lessons;
    }
    byDiscipline.set(course.discipline, line);
    figures.lessonsToDate += own.lessonsToDate;
    figures.distanceLessons += own.distanceLessons;
    figures.distancePeriods += course.distancePeriods.length;
    if (!own.active) figures.suspended += 1;
    else teachers.add(course.teacherId);
    for (const student of course.confirmedStudents) students.add(student);
  }
  return {
    ...figures,
    teachers: teachers.size,
    students: students.size,
    byDiscipline: [...byDiscipline.values()].sort((a, b) => a.discipline.localeCompare(b.discipline)),
  };
}

/** Booked minutes of each room: its active courses' weekly durations (a distance course books no room). */
function bookedMinutesByRoom(courses: readonly ReportCourse[]): Map<string, number> {
  const booked = new Map<string, number>();
  for (const c of courses) {
    if (c.status === 'active' && c.roomId) booked.set(c.roomId, (booked.get(c.roomId) ?? 0) + c.durationMinutes);
  }
  return booked;
}

/**
 * A school's report for a season: its courses' figures (`figuresOf`) and its rooms' occupancy, each room's booked
 * weekly minutes over the school's weekly opening minutes. Enrolment figures (issue 15) join `ReportFigures`.
 */
export function schoolReport(
  school: ReportSchool,
  courses: readonly ReportCourse[],
  today: string,
  answers: ReadonlyMap<string, ReenrolmentAnswers> = new Map(),
): SchoolReport {
  const own = courses.filter((c) => c.schoolId === school.id);
  const open = weeklyOpenMinutes(school.openingHours);
  const booked = bookedMinutesByRoom(own);
  const rooms = school.rooms.map((room) => {
    const minutes = booked.get(room.id) ?? 0;
    return {
      roomId: room.id,
      name: room.name,
      bookedMinutes: minutes,
      occupancyPercent: occupancyPercent(minutes, open),
    };
  });
  const bookedMinutes = rooms.reduce((sum, r) => sum + r.bookedMinutes, 0);
  const openMinutes = open * rooms.length;
  return {
    schoolId: school.id,
    schoolName: school.name,
    ...figuresOf(own, new Map([[school.id, school.calendar]]), today),
    rooms: rooms.length,
    bookedMinutes,
    openMinutes,
    occupancyPercent: occupancyPercent(bookedMinutes, openMinutes),
    reenrolment: reenrolmentFigures(answers.get(school.id) ?? null),
    roomDetails: rooms,
  };
}

/**
 * The network's report: not a sum of the schools' rows where a sum would count twice. Courses, hours, seats,
 * lessons and rooms add up; a teacher who teaches in two schools counts in each school's row but once here; the
 * occupancy is the network's booked minutes over its open minutes (not an average of percentages).
 */
export function networkReport(
  schools: readonly ReportSchool[],
  courses: readonly ReportCourse[],
  today: string,
  answers: ReadonlyMap<string, ReenrolmentAnswers> = new Map(),
): SeasonReport {
  const rows = schools.map((school) => schoolReport(school, courses, today, answers));
  const networkAnswers = [...answers.values()].reduce<ReenrolmentAnswers>(
    (sum, a) => ({
      packs: sum.packs + a.packs,
      confirmed: sum.confirmed + a.confirmed,
      changed: sum.changed + a.changed,
      declined: sum.declined + a.declined,
    }),
    { packs: 0, confirmed: 0, changed: 0, declined: 0 },
  );
  const ids = new Set(schools.map((s) => s.id));
  const calendars = new Map(schools.map((s) => [s.id, s.calendar]));
  const bookedMinutes = rows.reduce((sum, r) => sum + r.bookedMinutes, 0);
  const openMinutes = rows.reduce((sum, r) => sum + r.openMinutes, 0);
  return {
    schools: rows,
    network: {
      ...figuresOf(
        courses.filter((c) => ids.has(c.schoolId)),
        calendars,
        today,
      ),
      schools: rows.length,
      rooms: rows.reduce((sum, r) => sum + r.rooms, 0),
      bookedMinutes,
      openMinutes,
      occupancyPercent: occupancyPercent(bookedMinutes, openMinutes),
      reenrolment: reenrolmentFigures(networkAnswers),
    },
  };
}
