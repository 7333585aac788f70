import type { Locale } from '@contracts';
import {
  candidateScore,
  isProposable,
  loadScore,
  overlappingSlots,
  scoredPart,
  type ScoredPart,
  type Window,
} from '../../platform/ranking.js';
import type { IsoDate } from './calendar.rules.js';

/**
 * The rules of replacements (issue "School network III", item 5; DOMAIN.md "a teacher off sick or away is replaced
 * by an available colleague for a period"): when a replacement fits its absence, which colleague may take a course
 * (discipline, status, not away, free at that time), how the others are ranked with their reasons (the matching
 * engine's parts and score, platform/ranking.ts), and who holds a lesson on a day.
 */

export type DateRange = { start: IsoDate; end: IsoDate };

/** Two ranges of days share at least one day. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A range of days runs forward (one day at least). */
export function isForwardRange(range: DateRange): boolean {
  return range.start <= range.end;
}

/** A replacement runs forward and lies within its absence. */
export function replacementFitsAbsence(replacement: DateRange, absence: DateRange): boolean {
  return isForwardRange(replacement) && replacement.start >= absence.start && replacement.end <= absence.end;
}

/** The replacement (if any) that covers a day: a course has at most one substitute a day. */
export function replacementOn<R extends DateRange>(date: IsoDate, replacements: readonly R[]): R | undefined {
  return replacements.find((r) => r.start <= date && date <= r.end);
}

/** Who holds a course's lesson on a day: the substitute of a replacement covering it, else the course's teacher. */
export function holderOn(
  date: IsoDate,
  teacherId: string,
  replacements: readonly (DateRange & { substituteId: string })[],
): string {
  return replacementOn(date, replacements)?.substituteId ?? teacherId;
}

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** A weekly slot of a course: its weekday, its start ("17:00") and its length. */
export type WeeklySlot = { weekday: number; start: string; minutes: number };

/** Two weekly slots overlap: the same weekday and times that cross (back-to-back lessons do not). */
export function slotsOverlap(a: WeeklySlot, b: WeeklySlot): boolean {
  if (a.weekday !== b.weekday) return false;
  const [as, bs] = [minutesOf(a.start), minutesOf(b.start)];
  return as < bs + b.minutes && bs < as + a.minutes;
}

/** The weekly window of a slot, as matching's availability reads it. */
export function windowOf(slot: WeeklySlot): Window {
  const start = minutesOf(slot.start);
  return { weekday: slot.weekday, start, end: start + slot.minutes };
}

/** What may keep a colleague from taking a course, in the order the secretariat is told (first one failed). */
export const SUBSTITUTE_NEEDS = ['discipline', 'suspension', 'absent', 'busy'] as const;
export type SubstituteNeed = (typeof SUBSTITUTE_NEEDS)[number];

/** What a colleague brings for one course and one range of days. */
export type ColleagueFacts = {
  teacherId: string;
  status: string;
  /** disciplines of their profile and of every course they teach or taught */
  disciplines: readonly string[];
  /** the levels of the course's discipline they teach or taught in the schools */
  levels: readonly string[];
  /** schools where they have a course in a season overlapping the range */
  schools: readonly string[];
  /** their own courses and the courses they already replace, over the range */
  slots: readonly WeeklySlot[];
  /** their own absences (any school) */
  absences: readonly DateRange[];
  /** the weekly availability they gave (empty: not given) */
  availability: readonly Window[];
};

export type CourseNeed = {
  teacherId: string;
  discipline: string;
  level: string;
  schoolId: string;
  slot: WeeklySlot;
  range: DateRange;
};

/** The first need a colleague fails for a course over a range (null: they may take it). */
export function firstUnmetNeed(c: ColleagueFacts, course: CourseNeed): SubstituteNeed | null {
  if (c.teacherId === course.teacherId) return 'absent';
  if (!c.disciplines.includes(course.discipline)) return 'discipline';
  if (!isProposable(c)) return 'suspension';
  if (c.absences.some((a) => rangesOverlap(a, course.range))) return 'absent';
  if (c.slots.some((s) => slotsOverlap(s, course.slot))) return 'busy';
  return null;
}

/** The weights of a substitute's parts: the level already taught first, then the school, the week, the load. */
export const SUBSTITUTE_WEIGHTS = { level: 40, school: 25, availability: 20, load: 15 } as const;
/** At this many weekly courses a colleague counts as fully busy (no fairness points). */
export const BUSY_WEEKLY_COURSES = 12;

const sameLevel = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

const WORDS = {
  fr: {
    fit: (discipline: string) => `enseigne : ${discipline}`,
    sameLevel: (level: string) => `enseigne déjà le niveau « ${level} »`,
    otherLevel: (level: string) => `n’a pas encore enseigné le niveau « ${level} »`,
    sameSchool: 'donne déjà cours dans cette école',
    otherSchool: 'ne donne pas encore cours dans cette école',
    free: 'disponible à cette heure-là selon sa semaine',
    noWeek: 'disponibilités non renseignées',
    notInWeek: 'hors des disponibilités qu’il a données',
    load: (n: number) => `${n} cours par semaine cette saison`,
  },
  en: {
    fit: (discipline: string) => `teaches: ${discipline}`,
    sameLevel: (level: string) => `already teaches “${level}”`,
    otherLevel: (level: string) => `has not taught “${level}” yet`,
    sameSchool: 'already teaches in this school',
    otherSchool: 'does not teach in this school yet',
    free: 'available at that time in their week',
    noWeek: 'availability not given',
    notInWeek: 'outside the availability they gave',
    load: (n: number) => `${n} course${n === 1 ? '' : 's'} a week this season`,
  },
} as const;

/**
 * The parts of a colleague's score for a course, each with its reason (matching's `Candidate.parts`): the course's
 * level already taught, the school, the weekly availability they gave (matching's `overlappingSlots`), and fairness
 * towards colleagues with fewer weekly courses (matching's `loadScore`).
 */
export function substituteParts(
  c: ColleagueFacts,
  course: CourseNeed,
  weeklyCourses: number,
  locale: Locale,
): ScoredPart[] {
  const W = WORDS[locale];
  const knowsLevel = c.levels.some((l) => sameLevel(l, course.level));
  const inSchool = c.schools.includes(course.schoolId);
  const fits = overlappingSlots([windowOf(course.slot)], [...c.availability], course.slot.minutes) > 0;
  return [
    scoredPart(
      'level',
      SUBSTITUTE_WEIGHTS.level,
      knowsLevel ? 1 : 0.5,
      knowsLevel ? W.sameLevel(course.level) : W.otherLevel(course.level),
    ),
    scoredPart('school', SUBSTITUTE_WEIGHTS.school, inSchool ? 1 : 0, inSchool ? W.sameSchool : W.otherSchool),
    scoredPart(
      'availability',
      SUBSTITUTE_WEIGHTS.availability,
      c.availability.length === 0 ? 0.5 : fits ? 1 : 0,
      c.availability.length === 0 ? W.noWeek : fits ? W.free : W.notInWeek,
    ),
    scoredPart('load', SUBSTITUTE_WEIGHTS.load, loadScore(weeklyCourses, BUSY_WEEKLY_COURSES), W.load(weeklyCourses)),
  ];
}

/** The fit line of a proposal: the discipline they teach. */
export function substituteFit(disciplineLabel: string, locale: Locale): string {
  return WORDS[locale].fit(disciplineLabel);
}

/** A proposal's score out of 100 (matching's `candidateScore`). */
export const substituteScore = candidateScore;
