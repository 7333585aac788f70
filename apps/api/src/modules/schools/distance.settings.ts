import { z } from 'zod';
import { defineSetting } from '../../platform/settings.js';

/** Settings of distance lessons; labels in packages/contracts/src/settings-labels.ts. */

/**
 * How many days after a distance lesson (or after its material was posted, if later) a student may still say "ok";
 * past that day the deadline sweep marks them absent.
 */
export const DISTANCE_ACK_DAYS = defineSetting('schools.distanceAckDays', 3, z.number().int().min(0).max(60));

export const DISTANCE_SETTINGS = [DISTANCE_ACK_DAYS] as const;
