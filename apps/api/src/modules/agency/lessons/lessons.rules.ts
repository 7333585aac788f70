import { GIVEN_LESSON_STATUSES } from '@contracts';
import { addDays } from '../../../platform/clock.js';

/** "A lesson that took place": done or late (the contracts' GIVEN_LESSON_STATUSES), as opposed to cancelled ones. */
export function isGivenLesson(status: string): boolean {
  return (GIVEN_LESSON_STATUSES as readonly string[]).includes(status);
}

/** A first lesson is planned or just happened: not more than 120 days ahead, not before the hand-over. */
export function isPlausibleFirstLessonDate(date: string, today: string, handedOverOn: string): boolean {
  return date <= addDays(today, 120) && date >= handedOverOn;
}

/** A lesson is recorded once given: not in the future, not before its assignment started. */
export function isRecordableLessonDate(date: string, today: string, assignmentStartedOn: string): boolean {
  return date <= today && date >= assignmentStartedOn;
}
