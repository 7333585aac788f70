import { addDays, daysBetween } from '../../../platform/clock.js';

/**
 * First lesson reminders: on each reminder day after the hand-over (a setting, e.g. days 2, 5 and 8) both sides
 * are reminded to fix the first lesson; only the latest day reached is sent, so no burst follows a downtime.
 * 0: no reminder is due yet.
 */
export function dueReminderDay(reminderDays: readonly number[], daysSinceHandover: number): number {
  return Math.max(0, ...reminderDays.filter((d) => d <= daysSinceHandover));
}

/** "The followup team gets an alert when no first-lesson date is known before the first debit." */
export function needsFirstLessonAlert(
  s: { hasLesson: boolean; hasDate: boolean; firstDebitBy: string },
  alertDaysBeforeDebit: number,
  today: string,
): boolean {
  return !s.hasLesson && !s.hasDate && addDays(s.firstDebitBy, -alertDaysBeforeDebit) <= today;
}

/**
 * "Billable without lesson" — the one definition the pipeline's marker, the file page and the dashboard share: an
 * active subscription billable from today or before, and no lesson given (done or late) on the file. The SQL of
 * `noLessonWhileBillableSql` (files.repository.ts) says the same; `dashboards.test.ts` checks both agree.
 */
export function isBillableWithoutLesson(
  s: { status: string; billableFrom: string | null; hasGivenLesson: boolean },
  today: string,
): boolean {
  return s.status === 'active' && s.billableFrom !== null && s.billableFrom <= today && !s.hasGivenLesson;
}

/** "A subscription being charged with no lesson recorded is flagged": its first debit is due and no lesson took place. */
export function isChargedWithoutLesson(s: { hasLesson: boolean; firstDebitBy: string }, today: string): boolean {
  return !s.hasLesson && s.firstDebitBy <= today;
}

/**
 * Followup checks in regularly with both sides: a first time `afterFirst` days after the first lesson, then every
 * `every` days. The occurrence due today (0 is the first check-in), or null before the first one.
 */
export function checkInOccurrence(
  firstLessonOn: string,
  today: string,
  afterFirst: number,
  every: number,
): number | null {
  const since = daysBetween(firstLessonOn, today) - afterFirst;
  return since < 0 ? null : Math.floor(since / every);
}
