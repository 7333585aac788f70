import { z } from 'zod';
import { defineSetting } from '../../platform/settings.js';

/** Settings of the timetable choice; labels in packages/contracts/src/settings-labels.ts. */

/** Families per wave of the timetable choice, in the order of their administrative enrolment. */
export const CHOICE_WAVE_SIZE = defineSetting('schools.choiceWaveSize', 20, z.number().int().min(1).max(10_000));
/** Hours between two waves of the timetable choice. */
export const CHOICE_WAVE_INTERVAL_HOURS = defineSetting(
  'schools.choiceWaveIntervalHours',
  24,
  z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
);
/** Days a family has to accept a seat offered from the waiting list. */
export const WAITING_OFFER_DAYS = defineSetting('schools.waitingOfferDays', 3, z.number().int().min(1).max(60));

export const CHOICE_SETTINGS = [CHOICE_WAVE_SIZE, CHOICE_WAVE_INTERVAL_HOURS, WAITING_OFFER_DAYS] as const;
