import { z } from 'zod';
import { defineSetting, type SettingDefinition } from '../../platform/settings.js';

/** Settings of the agency loop; admins change them in the settings screen, tests through writeSetting. */

/** Days after the hand-over within which the first debit may happen (DOMAIN.md: "within 9 days"). */
export const FIRST_DEBIT_DAYS = defineSetting('agency.firstDebitDays', 9, z.number().int().min(0).max(60));
/** Days after the hand-over on which both sides are reminded to fix the first lesson. */
export const FIRST_LESSON_REMINDER_DAYS = defineSetting(
  'agency.firstLessonReminderDays',
  [2, 5, 8],
  z.array(z.number().int().min(1).max(60)).max(10),
);
/** Followup is alerted this many days before the first debit when no first-lesson date is known. */
export const FIRST_LESSON_ALERT_DAYS_BEFORE_DEBIT = defineSetting(
  'agency.firstLessonAlertDaysBeforeDebit',
  2,
  z.number().int().min(0).max(30),
);
/** Per stage: days after which a file waiting in that stage is overdue. */
export const STAGE_OVERDUE_DAYS = defineSetting(
  'agency.stageOverdueDays',
  { new_request: 2, subscribed: 2, matching: 7, contact_handed_over: 7, first_lesson_scheduled: 14, ongoing: 45 },
  z.record(z.string(), z.number().int().min(1).max(365)),
);

export type MatchingWeights = {
  distance: number;
  availability: number;
  styles: number;
  load: number;
  outcomes: number;
};
export const MATCHING_WEIGHTS = defineSetting(
  'agency.matchingWeights',
  { distance: 30, availability: 30, styles: 10, load: 20, outcomes: 10 } as MatchingWeights,
  z.object({
    distance: z.number().min(0).max(100),
    availability: z.number().min(0).max(100),
    styles: z.number().min(0).max(100),
    load: z.number().min(0).max(100),
    outcomes: z.number().min(0).max(100),
  }),
);
/**
 * The longest travel distance matching considers: each teacher's own maximum counts up to this, never beyond (the
 * search is the true circle of each teacher's distance; no hidden radius).
 */
export const LONGEST_TRAVEL_KM = defineSetting('agency.longestTravelKm', 150, z.number().int().min(1).max(500));
export const DEFAULT_MAX_TRAVEL_KM = defineSetting('agency.defaultMaxTravelKm', 10, z.number().int().min(1).max(200));
export const NEW_STUDENT_WINDOW_DAYS = defineSetting(
  'agency.newStudentWindowDays',
  60,
  z.number().int().min(1).max(365),
);
export const BUSY_TEACHER_LESSONS_PER_MONTH = defineSetting(
  'agency.busyTeacherLessonsPerMonth',
  40,
  z.number().int().min(1).max(500),
);
export const FEW_LESSONS_PER_MONTH = defineSetting('agency.fewLessonsPerMonth', 4, z.number().int().min(0).max(200));
export const CHECK_IN_AFTER_FIRST_LESSON_DAYS = defineSetting(
  'agency.checkInAfterFirstLessonDays',
  7,
  z.number().int().min(1).max(90),
);
export const CHECK_IN_EVERY_DAYS = defineSetting('agency.checkInEveryDays', 30, z.number().int().min(7).max(365));
export const LINK_VALIDITY_DAYS = defineSetting('agency.linkValidityDays', 30, z.number().int().min(1).max(90));
export const PUBLIC_REQUEST_RATE_LIMIT = defineSetting(
  'agency.publicRequestRateLimit',
  { limit: 10, windowMinutes: 60 },
  z.object({ limit: z.number().int().min(1).max(10_000), windowMinutes: z.number().int().min(1).max(1440) }),
);

/** Every setting of the agency, for its manifest (the order of the settings screen). */
export const AGENCY_SETTINGS: readonly SettingDefinition<unknown>[] = [
  FIRST_DEBIT_DAYS,
  FIRST_LESSON_REMINDER_DAYS,
  FIRST_LESSON_ALERT_DAYS_BEFORE_DEBIT,
  STAGE_OVERDUE_DAYS,
  MATCHING_WEIGHTS,
  LONGEST_TRAVEL_KM,
  DEFAULT_MAX_TRAVEL_KM,
  NEW_STUDENT_WINDOW_DAYS,
  BUSY_TEACHER_LESSONS_PER_MONTH,
  FEW_LESSONS_PER_MONTH,
  CHECK_IN_AFTER_FIRST_LESSON_DAYS,
  CHECK_IN_EVERY_DAYS,
  LINK_VALIDITY_DAYS,
  PUBLIC_REQUEST_RATE_LIMIT,
];

/** A setting's value from the whole settings map read at once (matching reads every setting in one statement). */
export function settingIn<T>(all: Record<string, unknown>, setting: SettingDefinition<T>): T {
  return (setting.key in all ? all[setting.key] : setting.defaultValue) as T;
}
