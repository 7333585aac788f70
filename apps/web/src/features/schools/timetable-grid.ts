/** Weekdays as the API numbers them: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "HH:MM" a slot ends at. */
export const endOf = (start: string, durationMinutes: number) => toTime(toMinutes(start) + durationMinutes);

interface Slot {
  weekday: number;
  start: string;
}

/**
 * A week grid's shape: the weekdays that have a course (Monday to Saturday always, Sunday when used) and the hours
 * from the first course's to the last one's, each course in the cell of its weekday and starting hour.
 */
export function weekGrid<T extends Slot>(courses: readonly T[]) {
  const days = WEEKDAYS.filter((d) => d < 7 || courses.some((c) => c.weekday === 7));
  const hoursUsed = courses.map((c) => Math.floor(toMinutes(c.start) / 60));
  const first = hoursUsed.length ? Math.min(...hoursUsed) : 9;
  const last = hoursUsed.length ? Math.max(...hoursUsed) : 18;
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const cell = (weekday: number, hour: number) =>
    courses
      .filter((c) => c.weekday === weekday && Math.floor(toMinutes(c.start) / 60) === hour)
      .sort((a, b) => a.start.localeCompare(b.start));
  return { days, hours, cell, hourLabel: (hour: number) => toTime(hour * 60) };
}
