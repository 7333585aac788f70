import { definePermissions } from './define.js';

/** The administrative enrolment of new students (issue 15, item 1); admin holds all. */
export const ADMISSION_PERMISSIONS = definePermissions({
  /** Read a school's registrations in rank order (a secretariat member: in the schools they work for). */
  'admissions.read': ['secretariat'],
});
