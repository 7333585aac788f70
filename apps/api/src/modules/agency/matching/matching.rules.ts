import { MATCHING_FILTERS } from '@contracts';
import { isProposable } from '../../../platform/ranking.js';

// Shared with the schools' replacements (platform/ranking.ts); named here too, where the matching rules are listed.
export {
  candidateScore,
  isProposable,
  loadScore,
  overlappingSlots,
  PROPOSABLE_TEACHER_STATUS,
  type Window,
} from '../../../platform/ranking.js';

/**
 * DOMAIN.md, matching: instrument and level taught, ages, location and travel distance, overlapping availability,
 * capacity, status (never suspended teachers), style and goals, and fairness towards teachers with few lessons.
 * The hard filters run in SQL (matching.repository.ts) with these constants; the soft scores are below.
 */

/** Room for one more new student: the open assignments started within the window stay under capacity. */
export function hasRoomForNewStudent(capacity: number | null, openNew: number): boolean {
  return (capacity ?? 0) > openNew;
}

/** A box around a point wide enough for `radiusKm`, so the database can prefilter with plain comparisons. */
export function boundingBox(lat: number, lng: number, radiusKm: number) {
  const dLat = radiusKm / 111.32;
  const dLng = radiusKm / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** Kilometres per degree of latitude on the sphere `distanceKm` uses (radius 6371 km). */
const KM_PER_DEGREE = (6371 * Math.PI) / 180;

/**
 * Scales that turn a box's degrees into plane kilometres no longer than great-circle ones: along a meridian a degree
 * is KM_PER_DEGREE; across, the cosines of the origin's latitude and of the box edge farthest from the equator
 * bound the haversine's cos φ₁·cos φ₂ from below. Only for boxes small enough that the small-angle bound holds.
 */
export function planeScales(lat: number, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }) {
  const farthest = Math.max(Math.abs(box.minLat), Math.abs(box.maxLat));
  if (farthest >= 89 || box.maxLat - box.minLat > 10 || box.maxLng - box.minLng > 10) return null;
  const rad = Math.PI / 180;
  return {
    kmPerDegLat: KM_PER_DEGREE,
    kmPerDegLng: KM_PER_DEGREE * Math.sqrt(Math.cos(lat * rad) * Math.cos(farthest * rad)),
  };
}

/**
 * How far a teacher goes: their own maximum (the organisation's default when they gave none), never beyond the
 * organisation's longest travel distance (a visible setting). No other cap: the search box is as wide as this.
 */
export function travelReachKm(own: number | null, defaultKm: number, longestKm: number): number {
  return Math.min(own ?? defaultKm, longestKm);
}

/**
 * In person, a teacher is within reach at most their travel distance away; one working in the family's zone is
 * admitted beyond it. Online lessons: distance does not matter.
 */
export function isWithinReach(inPerson: boolean, distance: number | null, travelKm: number, inZone: boolean): boolean {
  return !inPerson || inZone || (distance !== null && distance <= travelKm);
}

/** At this distance a teacher gets half the distance points (a quarter at three times it). */
export const DISTANCE_HALF_SCORE_KM = 10;

/**
 * Score parts, each from 0 to 1. Distance: one function of the distance alone, so that the same distance always
 * gets the same points whoever the teacher: 1 online or at the door, ½ at DISTANCE_HALF_SCORE_KM, falling smoothly
 * beyond; ½ for a teacher admitted by their zone whose distance is unknown.
 */
export function distanceScore(inPerson: boolean, distance: number | null): number {
  if (!inPerson) return 1;
  if (distance === null) return 0.5;
  return DISTANCE_HALF_SCORE_KM / (DISTANCE_HALF_SCORE_KM + Math.max(0, distance));
}

/** Availability: the share of the family's slots the teacher can take; 0.5 when the family gave none. */
export function availabilityScore(overlapping: number, slots: number): number {
  return slots ? overlapping / slots : 0.5;
}

/** Style and goals: the share of the file's styles the teacher shares (at most 1); 0.5 without a preference. */
export function stylesScore(shared: number, fileStyles: number, hasPreference: boolean): number {
  if (!hasPreference) return 0.5;
  return shared ? Math.min(1, shared / Math.max(1, fileStyles)) : 0;
}

/**
 * Availability as a hard filter: when the family gave slots and the teacher gave their week, a teacher with no
 * slot in common is not proposed (counted under "availability"). A teacher who gave no week is kept, worded
 * "availability not given", since nothing says they cannot.
 */
export function hasCommonSlot(overlapping: number, familySlots: number, teacherWindows: number): boolean {
  return familySlots === 0 || teacherWindows === 0 || overlapping > 0;
}

/**
 * The endings that were the teacher's doing: they stopped (no time) or failed their commitments. A mismatch is
 * nobody's fault (seed 000), nor is a family that stops, a teacher or family that moves, a change of instrument.
 * Migration 2026-12-03-0300 counts these in teacher_match_index.mismatches (the column keeps its name).
 */
export const TEACHER_CAUSED_END_REASONS = ['teacher_unavailable', 'teacher_conduct'] as const;

export function isTeacherCausedEnding(reason: string | null): boolean {
  return (TEACHER_CAUSED_END_REASONS as readonly (string | null)[]).includes(reason);
}

/** Outcomes: each past assignment the teacher ended (see TEACHER_CAUSED_END_REASONS) lowers the score. */
export function outcomesScore(teacherCausedEndings: number): number {
  return 1 / (1 + teacherCausedEndings);
}

/** The hard filters, in the order "why nobody" counts them: each teacher is counted under the first one failed. */
export const HARD_FILTERS = MATCHING_FILTERS;
export type HardFilter = (typeof HARD_FILTERS)[number];

export type FilterInput = {
  status: string;
  levelMin: number;
  levelMax: number;
  ageMin: number;
  ageMax: number;
  teachesHere: boolean;
  withinReach: boolean;
  capacity: number | null;
  openNew: number;
  commonSlot: boolean;
  previous: boolean;
};

/** The first hard filter a teacher of the instrument fails for a file (null: proposed). */
export function firstFailedFilter(t: FilterInput, file: { level: number; age: number | null }): HardFilter | null {
  if (!isProposable(t)) return 'suspension';
  if (t.levelMin > file.level || t.levelMax < file.level) return 'level';
  if (file.age !== null && (t.ageMin > file.age || t.ageMax < file.age)) return 'age';
  if (!t.teachesHere) return 'place';
  if (!t.withinReach) return 'distance';
  if (!hasRoomForNewStudent(t.capacity, t.openNew)) return 'capacity';
  if (!t.commonSlot) return 'availability';
  if (t.previous) return 'previous';
  return null;
}
