import { definePermissions } from './define.js';

/** Re-enrolment of returning students (issue 15, item 2). */
export const REENROLMENT_PERMISSIONS = definePermissions({
  /** Open a campaign and follow its progress (a secretariat member: their schools' packs only). */
  'reenrolment.manage': ['secretariat'],
  /** Read and answer one's own family's packs in the portal. */
  'reenrolment.answer': ['guardian'],
});
