/**
 * The rules every part of enrolment shares (issue "School network II"): which statuses of a course enrolment occupy a
 * seat, and how many seats a course has left. Re-enrolment, timetable choice, waiting lists and cancellations all
 * count seats through these two functions.
 */

/** Statuses of a course enrolment, in the order a place usually moves through them. */
export const ENROLMENT_STATUSES = [
  'held',
  'offered',
  'confirmed',
  'waiting',
  'declined',
  'released',
  'expired',
  'cancelled',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** Statuses that keep a seat: a returning student's held seat, an open offer, a confirmed place. */
export const SEAT_STATUSES: readonly EnrolmentStatus[] = ['held', 'offered', 'confirmed'];

/** Whether an enrolment in this status occupies one of the course's seats. */
export function occupiesSeat(status: string): boolean {
  return (SEAT_STATUSES as readonly string[]).includes(status);
}

/** Seats a course has left: its capacity less the enrolments that occupy a seat, never below zero. */
export function seatsLeft(capacity: number, occupiedSeats: number): number {
  return Math.max(0, capacity - occupiedSeats);
}
