import { z } from 'zod';
import { defineSetting } from '../../platform/settings.js';

/** Days from a campaign's opening to its priority deadline, when the secretariat gives no date. */
export const REENROLMENT_PRIORITY_DAYS = defineSetting(
  'reenrolment.priorityDays',
  30,
  z.number().int().min(1).max(180),
);
/** Days before the deadline a reminder goes to the packs without answer. */
export const REENROLMENT_REMINDER_DAYS = defineSetting(
  'reenrolment.reminderDays',
  [14, 3],
  z.array(z.number().int().min(1).max(90)).max(5),
);
export const REENROLMENT_SETTINGS = [REENROLMENT_PRIORITY_DAYS, REENROLMENT_REMINDER_DAYS] as const;
