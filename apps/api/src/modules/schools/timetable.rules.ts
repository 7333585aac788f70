/**
 * Timetable conflicts of the school network (issue "School network I", DOMAIN.md "The school network"): a teacher
 * in two places at once, a room booked twice, a room too small for the class, a slot outside the school's opening
 * hours, and a teacher who would have to cross from one school to another with too little time. Pure functions
 * over weekly slots: the same check serves one new course and a whole network's timetable.
 */

/** Minutes since midnight of "HH:MM". */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export interface WeeklySlot {
  courseId: string;
  teacherId: string;
  schoolId: string;
  /** null: the course is held at distance (no room, no travel). */
  roomId: string | null;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: string;
  durationMinutes: number;
  /** Places offered by the course (a class of 12 needs a room for 12). */
  capacity: number;
}

export interface RoomCapacity {
  id: string;
  schoolId: string;
  capacity: number;
}

export interface OpeningHours {
  weekday: number;
  opens: string;
  closes: string;
}

export type TimetableConflict =
  | { code: 'TEACHER_DOUBLE_BOOKED'; courseId: string; otherCourseId: string }
  | { code: 'ROOM_DOUBLE_BOOKED'; courseId: string; otherCourseId: string }
  | { code: 'TEACHER_TRAVEL_TOO_SHORT'; courseId: string; otherCourseId: string; minutesBetween: number }
  | { code: 'ROOM_TOO_SMALL'; courseId: string; roomCapacity: number }
  | { code: 'ROOM_OF_ANOTHER_SCHOOL'; courseId: string }
  | { code: 'OUTSIDE_OPENING_HOURS'; courseId: string };

const endOf = (slot: WeeklySlot) => minutesOf(slot.start) + slot.durationMinutes;

/** Whether two weekly slots share some minute of the same day (one ending at 10:00, the next starting at 10:00 do not). */
export function slotsOverlap(a: WeeklySlot, b: WeeklySlot): boolean {
  return a.weekday === b.weekday && minutesOf(a.start) < endOf(b) && minutesOf(b.start) < endOf(a);
}

/** Whether a slot lies within its school's opening hours that day (a school closed that day refuses every slot). */
export function withinOpeningHours(slot: WeeklySlot, hours: readonly OpeningHours[]): boolean {
  return hours.some(
    (h) =>
      h.weekday === slot.weekday && minutesOf(h.opens) <= minutesOf(slot.start) && endOf(slot) <= minutesOf(h.closes),
  );
}

/** Slots grouped by a key and sorted by day and start, so neighbours are the only candidates for a clash. */
function sortedGroups(slots: readonly WeeklySlot[], key: (slot: WeeklySlot) => string | null): WeeklySlot[][] {
  const groups = new Map<string, WeeklySlot[]>();
  for (const slot of slots) {
    const k = key(slot);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(slot);
    else groups.set(k, [slot]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start));
  }
  return [...groups.values()];
}

/**
 * Every conflict of a set of weekly slots (one season), each reported once on the later course of a pair.
 * `travelMinutes`: the least time a teacher needs between two schools (a setting; an hour by default, "in the same
 * hour" in the issue). Runs in O(n log n) plus the conflicts found, for a network's whole timetable.
 */
export function timetableConflicts(
  slots: readonly WeeklySlot[],
  rooms: readonly RoomCapacity[],
  openingHours: ReadonlyMap<string, readonly OpeningHours[]>,
  travelMinutes = 60,
): TimetableConflict[] {
  const conflicts: TimetableConflict[] = [];
  const roomById = new Map(rooms.map((room) => [room.id, room]));
  for (const slot of slots) {
    const hours = openingHours.get(slot.schoolId);
    if (slot.roomId !== null && hours && !withinOpeningHours(slot, hours)) {
      conflicts.push({ code: 'OUTSIDE_OPENING_HOURS', courseId: slot.courseId });
    }
    const room = slot.roomId === null ? undefined : roomById.get(slot.roomId);
    if (room && room.schoolId !== slot.schoolId)
      conflicts.push({ code: 'ROOM_OF_ANOTHER_SCHOOL', courseId: slot.courseId });
    if (room && room.capacity < slot.capacity) {
      conflicts.push({ code: 'ROOM_TOO_SMALL', courseId: slot.courseId, roomCapacity: room.capacity });
    }
  }
  for (const group of sortedGroups(slots, (slot) => slot.roomId)) {
    forEachOverlap(group, 0, (earlier, later) =>
      conflicts.push({ code: 'ROOM_DOUBLE_BOOKED', courseId: later.courseId, otherCourseId: earlier.courseId }),
    );
  }
  for (const group of sortedGroups(slots, (slot) => slot.teacherId)) {
    forEachOverlap(group, travelMinutes, (earlier, later) => {
      if (slotsOverlap(earlier, later)) {
        conflicts.push({ code: 'TEACHER_DOUBLE_BOOKED', courseId: later.courseId, otherCourseId: earlier.courseId });
        return;
      }
      // A distance lesson needs no travel; two courses in the same school need none either.
      if (earlier.roomId === null || later.roomId === null || earlier.schoolId === later.schoolId) return;
      const minutesBetween = minutesOf(later.start) - endOf(earlier);
      conflicts.push({
        code: 'TEACHER_TRAVEL_TOO_SHORT',
        courseId: later.courseId,
        otherCourseId: earlier.courseId,
        minutesBetween,
      });
    });
  }
  return conflicts;
}

/**
 * Calls `found` for each pair of a day-sorted group whose later slot starts less than `margin` minutes after the
 * earlier one ends (margin 0: a true overlap). Scans forward from each slot only while such a pair is possible.
 */
function forEachOverlap(
  group: readonly WeeklySlot[],
  margin: number,
  found: (earlier: WeeklySlot, later: WeeklySlot) => void,
): void {
  for (let i = 0; i < group.length; i++) {
    const earlier = group[i]!;
    for (let j = i + 1; j < group.length; j++) {
      const later = group[j]!;
      if (later.weekday !== earlier.weekday || minutesOf(later.start) >= endOf(earlier) + margin) break;
      found(earlier, later);
    }
  }
}

/** The conflicts a new or changed course would bring into an existing timetable (the course's own slot excluded). */
export function conflictsOfSlot(
  slot: WeeklySlot,
  existing: readonly WeeklySlot[],
  rooms: readonly RoomCapacity[],
  openingHours: ReadonlyMap<string, readonly OpeningHours[]>,
  travelMinutes = 60,
): TimetableConflict[] {
  const relevant = existing.filter(
    (other) =>
      other.courseId !== slot.courseId &&
      other.weekday === slot.weekday &&
      (other.teacherId === slot.teacherId || (slot.roomId !== null && other.roomId === slot.roomId)),
  );
  return timetableConflicts([...relevant, slot], rooms, openingHours, travelMinutes).filter(
    (c) => c.courseId === slot.courseId || ('otherCourseId' in c && c.otherCourseId === slot.courseId),
  );
}
