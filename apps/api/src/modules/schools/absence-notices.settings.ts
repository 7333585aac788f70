import { z } from 'zod';
import { defineSetting } from '../../platform/settings.js';

/** Settings of absence notices and the missing-students report; labels in packages/contracts/src/settings-labels.ts. */

/** The school requires absence notices for minors: a family's "never" is then not honoured for them. */
export const ABSENCE_NOTICE_FOR_MINORS = defineSetting('schools.absenceNoticeForMinors', false, z.boolean());

/** A student with no presence for this many days shows in the missing-students report (unless a date is asked). */
export const MISSING_AFTER_DAYS = defineSetting('schools.missingAfterDays', 21, z.number().int().min(1).max(365));

export const ABSENCE_NOTICE_SETTINGS = [ABSENCE_NOTICE_FOR_MINORS, MISSING_AFTER_DAYS] as const;
