import { z } from 'zod';
import { defineSetting } from '../../platform/settings.js';

/** Settings of absence notices and the missing-students report; labels in packages/contracts/src/settings-labels.ts. */

/**
 * Whether absence notices are required for minors ("required": a family's "never" is then not honoured for them) or
 * left to the family ("optional", the default). A word rather than a boolean, as the settings page edits text.
 */
export const ABSENCE_NOTICE_FOR_MINORS = defineSetting(
  'schools.absenceNoticeForMinors',
  'optional',
  z.enum(['optional', 'required']),
);

/** A student with no presence for this many days shows in the missing-students report (unless a date is asked). */
export const MISSING_AFTER_DAYS = defineSetting('schools.missingAfterDays', 21, z.number().int().min(1).max(365));

export const ABSENCE_NOTICE_SETTINGS = [ABSENCE_NOTICE_FOR_MINORS, MISSING_AFTER_DAYS] as const;
