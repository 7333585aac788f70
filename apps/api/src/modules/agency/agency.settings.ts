import { z } from 'zod';
import { registerSetting } from '../../platform/settings.js';

/** Settings of the agency loop; admins change them in the settings screen, tests through writeSetting. */
export const SETTING = {
  firstDebitDays: 'agency.firstDebitDays',
  reminderDays: 'agency.firstLessonReminderDays',
  alertDaysBeforeDebit: 'agency.firstLessonAlertDaysBeforeDebit',
  overdueDays: 'agency.stageOverdueDays',
  weights: 'agency.matchingWeights',
  searchRadiusKm: 'agency.matchingSearchRadiusKm',
  defaultTravelKm: 'agency.defaultMaxTravelKm',
  newStudentWindowDays: 'agency.newStudentWindowDays',
  busyLessonsPerMonth: 'agency.busyTeacherLessonsPerMonth',
  fewLessonsPerMonth: 'agency.fewLessonsPerMonth',
  checkInAfterFirstDays: 'agency.checkInAfterFirstLessonDays',
  checkInEveryDays: 'agency.checkInEveryDays',
  linkValidityDays: 'agency.linkValidityDays',
  publicRateLimit: 'agency.publicRequestRateLimit',
} as const;

export type MatchingWeights = {
  distance: number;
  availability: number;
  styles: number;
  load: number;
  outcomes: number;
};

registerSetting(SETTING.firstDebitDays, 9, z.number().int().min(0).max(60));
registerSetting(SETTING.reminderDays, [2, 5, 8], z.array(z.number().int().min(1).max(60)).max(10));
registerSetting(SETTING.alertDaysBeforeDebit, 2, z.number().int().min(0).max(30));
registerSetting(
  SETTING.overdueDays,
  { new_request: 2, subscribed: 2, matching: 7, contact_handed_over: 7, first_lesson_scheduled: 14, ongoing: 45 },
  z.record(z.string(), z.number().int().min(1).max(365)),
);
registerSetting(
  SETTING.weights,
  { distance: 30, availability: 30, styles: 10, load: 20, outcomes: 10 } satisfies MatchingWeights,
  z.object({
    distance: z.number().min(0).max(100),
    availability: z.number().min(0).max(100),
    styles: z.number().min(0).max(100),
    load: z.number().min(0).max(100),
    outcomes: z.number().min(0).max(100),
  }),
);
registerSetting(SETTING.searchRadiusKm, 60, z.number().int().min(1).max(500));
registerSetting(SETTING.defaultTravelKm, 10, z.number().int().min(1).max(200));
registerSetting(SETTING.newStudentWindowDays, 60, z.number().int().min(1).max(365));
registerSetting(SETTING.busyLessonsPerMonth, 40, z.number().int().min(1).max(500));
registerSetting(SETTING.fewLessonsPerMonth, 4, z.number().int().min(0).max(200));
registerSetting(SETTING.checkInAfterFirstDays, 7, z.number().int().min(1).max(90));
registerSetting(SETTING.checkInEveryDays, 30, z.number().int().min(7).max(365));
registerSetting(SETTING.linkValidityDays, 30, z.number().int().min(1).max(90));
registerSetting(
  SETTING.publicRateLimit,
  { limit: 10, windowMinutes: 60 },
  z.object({ limit: z.number().int().min(1).max(10_000), windowMinutes: z.number().int().min(1).max(1440) }),
);
