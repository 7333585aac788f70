/**
 * Timetable choice (issue "School network II", item 3): after the priority window of returning students, new
 * students choose their courses in waves, in the order of their administrative enrolment (rank 1 first). A full
 * course has a waiting list; a freed seat is offered to the first waiting, for a few days.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * When the priority window closes: the campaign's priority deadline (a date means the whole day is still the
 * returning students'), else the opening date the secretariat set for the season, else not known yet (null).
 */
export function choiceWindowEnd(priorityDeadline: string | null, seasonOpening: string | null): Date | null {
  const value = priorityDeadline ?? seasonOpening;
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    return priorityDeadline ? new Date(day.getTime() + DAY_MS) : day;
  }
  return new Date(value);
}

/** The wave (0 first) of the rank-th completed enrolment (rank 1 first), waves of `waveSize` families. */
export function waveOf(rank: number, waveSize: number): number {
  return Math.floor((Math.max(1, rank) - 1) / Math.max(1, waveSize));
}

/** When a wave opens: the end of the priority window, then one interval (hours) per wave before it. */
export function waveOpensAt(windowEnd: Date, wave: number, intervalHours: number): Date {
  return new Date(windowEnd.getTime() + wave * intervalHours * HOUR_MS);
}

/** Has the wave opened at `now`? */
export function waveIsOpen(opensAt: Date, now: Date): boolean {
  return now.getTime() >= opensAt.getTime();
}

/** An offer made at `now` lapses `days` days later. */
export function offerExpiresAt(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** Has an offer lapsed at `now`? (Accepting at the very instant of expiry is too late.) */
export function offerHasExpired(offerExpiresAt: string, now: Date): boolean {
  return now.getTime() >= new Date(offerExpiresAt).getTime();
}

/**
 * Whether a newcomer takes a seat: only when seats are left beyond those owed to the families already waiting
 * (a freed seat goes to the waiting list first, never to whoever asks before the sweep runs).
 */
export function seatForNewcomer(seatsLeft: number, waiting: number): boolean {
  return seatsLeft > waiting;
}

/** How many of the waiting get an offer now: one per seat left, never more than are waiting. */
export function offersToMake(seatsLeft: number, waiting: number): number {
  return Math.max(0, Math.min(seatsLeft, waiting));
}

/** The waiting list's order: the earliest to join first, then by id (stable for equal times). */
export function byWaitingOrder<T extends { waiting_since: string | null; id: string }>(a: T, b: T): number {
  const sa = a.waiting_since ?? '';
  const sb = b.waiting_since ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
