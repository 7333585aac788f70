import { z } from 'zod';
import { ATTENDANCE_PERIOD_LENGTHS } from '@contracts';
import { defineSetting } from '../../platform/settings.js';

/** Settings of attendance sheets; labels in packages/contracts/src/settings-labels.ts. */

/** How long the period of an attendance sheet is: a calendar month (the default) or an ISO week. */
export const ATTENDANCE_PERIOD = defineSetting('schools.attendancePeriod', 'month', z.enum(ATTENDANCE_PERIOD_LENGTHS));

export const ATTENDANCE_SETTINGS = [ATTENDANCE_PERIOD] as const;
