import { addDays } from '../../platform/clock.js';
import type { IsoDate } from './calendar.rules.js';

/**
 * The rules of distance lessons (issue "School network III", item 2): who receives a material, until when it may be
 * acknowledged, and which mark an acknowledgement or its deadline may write (never over the teacher's own).
 */

/** Material is posted for a distance lesson whose day has come (the acknowledgement marks a presence). */
export function mayPostMaterial(lesson: { distance: boolean; date: IsoDate }, today: IsoDate): boolean {
  return lesson.distance && lesson.date <= today;
}

/**
 * Who must acknowledge a material: every student expected at the lesson (the class), or the one student named,
 * if expected; null when the student named is not expected that day.
 */
export function materialRecipients(expected: readonly string[], studentId: string | null): string[] | null {
  if (studentId === null) return [...expected];
  return expected.includes(studentId) ? [studentId] : null;
}

/** The last day to acknowledge: some days after the lesson, or after the posting when it came later. */
export function ackDeadline(lessonDate: IsoDate, postedOn: IsoDate, days: number): IsoDate {
  return addDays(lessonDate > postedOn ? lessonDate : postedOn, days);
}

export type AckState = 'open' | 'acknowledged' | 'expired';

/** Where an acknowledgement stands on a day: answered, still open (up to its last day included), or expired. */
export function ackState(
  ack: { acknowledged_at: string | null; lapsed_at: string | null; ack_until: IsoDate },
  today: IsoDate,
): AckState {
  if (ack.acknowledged_at) return 'acknowledged';
  if (ack.lapsed_at || today > ack.ack_until) return 'expired';
  return 'open';
}

/** An acknowledgement marks the student present, unless the teacher marked them on the sheet (their word stands). */
export function ackMayMark(existing: { source: string } | undefined): boolean {
  return existing?.source !== 'teacher';
}

/** The deadline marks the student absent only where nobody marked them (teacher, acknowledgement of another material). */
export function deadlineMayMark(existing: { source: string } | undefined): boolean {
  return existing === undefined;
}
