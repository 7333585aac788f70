import { z } from 'zod';
import { Address, Email, humanText, Id, IsoDate, Phone, shortText, Version } from './common.js';
import { DISCIPLINES, INSTRUMENT_LABELS } from './vocabulary.js';

/** "HH:MM" on a 24-hour clock. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid_time' });

/** Equipment a room may offer (courses ask for it: a drum class needs drums). */
export const ROOM_EQUIPMENT = [
  'piano',
  'grand_piano',
  'drums',
  'amplifiers',
  'mirrors',
  'music_stands',
  'projector',
  'sound_system',
  'easels',
  'stage',
] as const;
export const RoomEquipment = z.enum(ROOM_EQUIPMENT);

/** School holiday zones of the Education nationale (and Corsica, overseas académies have their own calendars). */
export const HOLIDAY_ZONES = ['A', 'B', 'C', 'Corse'] as const;
export const HolidayZone = z.enum(HOLIDAY_ZONES);

export const OpeningHours = z.object({
  /** 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  opens: ClockTime,
  closes: ClockTime,
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const RoomInput = z.object({
  /** Absent for a new room; an existing room's id keeps its courses when the school is edited. */
  id: Id.optional(),
  name: shortText(80),
  capacity: z.number().int().min(1).max(1000),
  equipment: z.array(RoomEquipment).max(ROOM_EQUIPMENT.length).default([]),
});
export const Room = RoomInput.extend({ id: Id });
export type Room = z.infer<typeof Room>;

export const SchoolInput = z.object({
  name: shortText(120),
  address: Address,
  phone: Phone.optional().nullable(),
  email: Email.optional().nullable(),
  holidayZone: HolidayZone,
  openingHours: z.array(OpeningHours).max(21).default([]),
  rooms: z.array(RoomInput).max(100).default([]),
});
export const UpdateSchoolBody = SchoolInput.extend({ version: Version });
export const School = z.object({
  id: Id,
  name: z.string(),
  address: Address,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** The département (from the postal code): it decides the public holidays (Alsace-Moselle, overseas). */
  departement: z.string(),
  holidayZone: HolidayZone,
  openingHours: z.array(OpeningHours),
  rooms: z.array(Room),
  /** The secretariat accounts that work for this school (none: the whole network's secretariat). */
  staffUserIds: z.array(Id),
  version: Version,
});
export type School = z.infer<typeof School>;
export const SchoolStaffBody = z.object({ userIds: z.array(Id).max(100) });

export const TermInput = z.object({ name: shortText(60), start: IsoDate, end: IsoDate });
export const SeasonInput = z.object({
  /** "2026-2027". */
  name: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}$/, { message: 'invalid_season_name' }),
  start: IsoDate,
  end: IsoDate,
  terms: z.array(TermInput).min(1).max(6),
});
export const UpdateSeasonBody = SeasonInput.extend({ version: Version });
export const Season = SeasonInput.extend({ id: Id, version: Version });
export type Season = z.infer<typeof Season>;

export const CALENDAR_ENTRY_KINDS = ['school_holiday', 'closure', 'open_day'] as const;
export const CalendarEntryKind = z.enum(CALENDAR_ENTRY_KINDS);
/**
 * A day or period of the season calendar: a school holiday of a zone (imported from the official file; `start` is
 * the last day of classes, `end` the day they resume), a closure (bridge; both days closed) or an exceptional open
 * day (`start` = `end`). A closure or open day may concern one school or the whole network.
 */
export const CalendarEntryInput = z.object({
  kind: z.enum(['closure', 'open_day']),
  start: IsoDate,
  end: IsoDate,
  label: shortText(120),
  schoolId: Id.optional().nullable(),
});
export const CalendarEntry = z.object({
  id: Id,
  seasonId: Id,
  kind: CalendarEntryKind,
  start: IsoDate,
  end: IsoDate,
  label: z.string(),
  zone: HolidayZone.nullable(),
  schoolId: Id.nullable(),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

/** The official school calendar file as the admin uploads it (CSV of data.education.gouv.fr, or its ICS feed). */
export const ImportHolidaysBody = z.object({
  zone: HolidayZone,
  format: z.enum(['csv', 'ics']),
  /** The file's text: refused with NUL, bidi controls or unpaired surrogates like every text a client sends. */
  content: humanText(2_000_000, { multiline: true, markup: true }),
});
export const ImportHolidaysResult = z.object({ imported: z.array(CalendarEntry), replaced: z.number().int() });

export const CalendarDay = z.object({
  date: IsoDate,
  open: z.boolean(),
  term: z.string().nullable(),
  reason: z.enum(['outside_terms', 'public_holiday', 'school_holiday', 'closure']).nullable(),
  label: z.string().nullable(),
});
export const SchoolCalendar = z.object({
  school: z.object({ id: Id, name: z.string(), holidayZone: HolidayZone, departement: z.string() }),
  season: z.object({ id: Id, name: z.string(), start: IsoDate, end: IsoDate }),
  days: z.array(CalendarDay),
  /** Days with classes per weekday (1 = Monday … 7 = Sunday): how many lessons a weekly course gives this season. */
  lessonDaysByWeekday: z.record(z.string(), z.number().int()),
  /** Bridges the Education nationale makes that the calendar does not close yet (to adopt as closures). */
  suggestedBridges: z.array(z.object({ start: IsoDate, end: IsoDate, reason: z.string() })),
});

/** A discipline of the one catalogue shared with the agency (vocabulary.ts: `DISCIPLINES`). */
export const Discipline = z.enum(DISCIPLINES);
export type Discipline = z.infer<typeof Discipline>;

export const COURSE_KINDS = ['individual', 'group'] as const;
export const CourseKind = z.enum(COURSE_KINDS);

const courseFields = {
  seasonId: Id,
  schoolId: Id,
  discipline: Discipline,
  kind: CourseKind,
  /** Free level wording the school uses ("Cycle 1, 2e année", "FM 3"). */
  level: shortText(60),
  ageMin: z.number().int().min(0).max(120).optional().nullable(),
  ageMax: z.number().int().min(0).max(120).optional().nullable(),
  teacherId: Id,
  /** null: held at distance (then `videoLink` is required). */
  roomId: Id.optional().nullable(),
  videoLink: z.string().trim().url({ message: 'invalid_url' }).max(500).optional().nullable(),
  /** 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  start: ClockTime,
  durationMinutes: z.number().int().min(15).max(240),
  capacity: z.number().int().min(1).max(200),
};
export const CourseInput = z.object(courseFields);
export const UpdateCourseBody = CourseInput.extend({ version: Version });
export const Course = z.object({
  id: Id,
  ...courseFields,
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  roomId: Id.nullable(),
  videoLink: z.string().nullable(),
  teacherName: z.string(),
  schoolName: z.string(),
  roomName: z.string().nullable(),
  /** active | suspended (a whole course stopped, e.g. choirs) */
  status: z.enum(['active', 'suspended']),
  /** Why the whole course is suspended (null while active). */
  suspensionReason: z.string().nullable(),
  version: Version,
});
export type Course = z.infer<typeof Course>;
export const CourseListQuery = z.object({
  seasonId: Id,
  schoolId: Id.optional(),
  teacherId: Id.optional(),
  roomId: Id.optional(),
});
const videoLink = z.string().trim().url({ message: 'invalid_url' }).max(500);

/** A date range of a course held at distance (its room closed): without a link, the course's own is used. */
export const DistancePeriodInput = z.object({
  start: IsoDate,
  end: IsoDate,
  reason: shortText(200),
  videoLink: videoLink.optional().nullable(),
});
export const DistancePeriod = z.object({
  id: Id,
  start: IsoDate,
  end: IsoDate,
  reason: z.string(),
  videoLink: z.string(),
});
export type DistancePeriod = z.infer<typeof DistancePeriod>;
/** Suspends a whole course (e.g. the choirs), with the reason the teacher and families are told. */
export const SuspendCourseBody = z.object({ reason: shortText(200), version: Version });
export const ResumeCourseBody = z.object({ version: Version });

export const CourseLesson = z.object({
  date: IsoDate,
  /** Held at distance (a distance course, or a date in one of its distance periods). */
  distance: z.boolean(),
  videoLink: z.string().nullable(),
});
export type CourseLesson = z.infer<typeof CourseLesson>;
export const CourseLessons = z.object({
  courseId: Id,
  dates: z.array(IsoDate),
  lessons: z.array(CourseLesson),
  distancePeriods: z.array(DistancePeriod),
});

/** Each discipline's name in both languages (the web app's labels and the reports' CSV read this one list): the
 * instruments' names are the agency's (`INSTRUMENT_LABELS`), the collective disciplines are the schools' own. */
export const DISCIPLINE_LABELS: Record<'fr' | 'en', Record<Discipline, string>> = {
  fr: {
    ...INSTRUMENT_LABELS.fr,
    music_theory: 'Formation musicale (solfège)',
    early_years_music: 'Éveil musical',
    choir: 'Chorale',
    ensemble: 'Ensemble',
    orchestra: 'Orchestre',
    theatre: 'Théâtre',
    visual_arts: 'Arts plastiques',
  },
  en: {
    ...INSTRUMENT_LABELS.en,
    music_theory: 'Music theory',
    early_years_music: 'Early-years music',
    choir: 'Choir',
    ensemble: 'Ensemble',
    orchestra: 'Orchestra',
    theatre: 'Theatre',
    visual_arts: 'Visual arts',
  },
};

/**
 * A report's figures for a season (a school's or the network's): courses and rooms, then enrolment (places by
 * status, free seats, full courses, waiting lists) and the re-enrolment campaign's answers.
 */
/** Places of a set of courses by status, the seats still free and the active courses without a free seat. */
export const EnrolmentCounts = z.object({
  /** Confirmed places. */
  enrolled: z.number().int(),
  /** Seats held for returning students until the priority deadline. */
  held: z.number().int(),
  /** Seats offered to the first of a waiting list, not yet answered. */
  offers: z.number().int(),
  waiting: z.number().int(),
  /** Seats of active courses that no place occupies. */
  seatsFree: z.number().int(),
  /** Active courses without a free seat. */
  fullCourses: z.number().int(),
});
export type EnrolmentCounts = z.infer<typeof EnrolmentCounts>;
export const ReportFigures = z.object({
  courses: z.number().int(),
  individual: z.number().int(),
  group: z.number().int(),
  suspended: z.number().int(),
  /** Teaching minutes a week, of active courses. */
  weeklyMinutes: z.number().int(),
  /** Seats offered: the sum of the active courses' capacities. */
  seats: z.number().int(),
  /** Lessons planned in the season by the calendar; those dated before today. */
  lessons: z.number().int(),
  lessonsToDate: z.number().int(),
  distancePeriods: z.number().int(),
  /** Lessons held at distance (a distance course's, or inside a distance period). */
  distanceLessons: z.number().int(),
  /** Distinct teachers of active courses (once in the network, whatever the number of their schools). */
  teachers: z.number().int(),
  rooms: z.number().int(),
  /** Booked minutes a week of the rooms over their open minutes a week. */
  bookedMinutes: z.number().int(),
  openMinutes: z.number().int(),
  occupancyPercent: z.number().int().nullable(),
  /** Distinct students with a confirmed place (once in the network, whatever the number of their schools). */
  students: z.number().int(),
  ...EnrolmentCounts.shape,
  /** The re-enrolment campaign into this season: packs sent and their answers (null without a campaign). */
  reenrolment: z
    .object({
      packs: z.number().int(),
      confirmed: z.number().int(),
      changed: z.number().int(),
      declined: z.number().int(),
      notAnswered: z.number().int(),
      /** Confirmed over packs, in whole percent. */
      ratePercent: z.number().int().nullable(),
    })
    .nullable(),
  byDiscipline: z.array(
    z.object({
      discipline: Discipline,
      courses: z.number().int(),
      individual: z.number().int(),
      group: z.number().int(),
      weeklyMinutes: z.number().int(),
      seats: z.number().int(),
      lessons: z.number().int(),
      ...EnrolmentCounts.shape,
    }),
  ),
});
export type ReportFigures = z.infer<typeof ReportFigures>;
export const SchoolReport = ReportFigures.extend({
  schoolId: Id,
  schoolName: z.string(),
  roomDetails: z.array(
    z.object({
      roomId: Id,
      name: z.string(),
      bookedMinutes: z.number().int(),
      occupancyPercent: z.number().int().nullable(),
    }),
  ),
});
export type SchoolReport = z.infer<typeof SchoolReport>;
/** A season's report: a row per school the reader may see, and the network's row (null for a scoped reader). */
export const SeasonReport = z.object({
  schools: z.array(SchoolReport),
  network: ReportFigures.extend({ schools: z.number().int() }).nullable(),
});
export type SeasonReport = z.infer<typeof SeasonReport>;
