/**
 * DOMAIN.md, matching: instrument and level taught, ages, location and travel distance, overlapping availability,
 * capacity, status (never suspended teachers), style and goals, and fairness towards teachers with few lessons.
 * The hard filters run in SQL (matching.repository.ts) with these constants; the soft scores are below.
 */

/** "Never propose a suspended teacher": only teachers with this status are proposed or handed over. */
export const PROPOSABLE_TEACHER_STATUS = 'active';

/** A teacher may be proposed (and handed over) only while active: never suspended or excluded. */
export function isProposable(teacher: { status: string } | undefined): boolean {
  return teacher?.status === PROPOSABLE_TEACHER_STATUS;
}

/** Room for one more new student: the open assignments started within the window stay under capacity. */
export function hasRoomForNewStudent(capacity: number | null, openNew: number): boolean {
  return (capacity ?? 0) > openNew;
}

export type Window = { weekday: number; start: number; end: number };

/** How many of the family's slots fit in the teacher's week, for a lesson of this length. */
export function overlappingSlots(slots: Window[], availability: Window[], lessonMinutes: number): number {
  return slots.filter((slot) =>
    availability.some(
      (a) =>
        a.weekday === slot.weekday &&
        Math.min(slot.end, a.end) - Math.max(slot.start, a.start) >= Math.min(lessonMinutes, slot.end - slot.start),
    ),
  ).length;
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
 * In person, a teacher is within reach at most their travel distance away; one working in the family's zone is
 * admitted beyond it. Online lessons: distance does not matter.
 */
export function isWithinReach(inPerson: boolean, distance: number | null, travelKm: number, inZone: boolean): boolean {
  return !inPerson || inZone || (distance !== null && distance <= travelKm);
}

/** Score parts, each from 0 to 1. Distance: 1 online, falling to 0 at the travel distance; 0.5 admitted by zone. */
export function distanceScore(inPerson: boolean, distance: number | null, travelKm: number): number {
  if (!inPerson) return 1;
  if (distance !== null && distance <= travelKm) return Math.max(0, 1 - distance / Math.max(1, travelKm));
  return 0.5;
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

/** Fairness: teachers with few lessons in the last 30 days come first; 0 at `busy` lessons and more. */
export function loadScore(lessonsLast30Days: number, busy: number): number {
  return Math.max(0, 1 - lessonsLast30Days / busy);
}

/** Outcomes: each past assignment ended for a mismatch lowers the score. */
export function outcomesScore(mismatches: number): number {
  return 1 / (1 + mismatches);
}

/** The rank: the weighted mean of the parts, out of 100 (weights are a setting). */
export function candidateScore(parts: readonly { weight: number; score: number }[]): number {
  const totalWeight = Math.max(
    1,
    parts.reduce((sum, p) => sum + p.weight, 0),
  );
  return Math.round((parts.reduce((sum, p) => sum + p.weight * p.score, 0) / totalWeight) * 100);
}
