import { definePermissions } from './define.js';

/**
 * Permissions of the school network (schools, rooms, seasons, the calendar): permission → roles holding it (admin
 * holds all). A secretariat member assigned to some schools changes only those (checked in schools.service.ts).
 */
export const SCHOOLS_PERMISSIONS = definePermissions({
  /** Read schools, rooms, seasons and the season calendar (the calendar itself is also a public iCal feed). */
  'schools.read': ['secretariat', 'board', 'sales', 'followup', 'accounts', 'recruitment', 'teacher', 'guardian'],
  /**
   * Read the season's reports (courses, hours, seats, lessons, teachers, rooms): the board the whole network, a
   * secretariat member their schools' rows only (reports.service.ts).
   */
  'schools.reports': ['secretariat', 'board'],
  /** Create and configure schools, their rooms and opening hours, and who works for each. */
  'schools.configure': [],
  /** Create seasons and their terms, import the zone's school holidays. */
  'seasons.manage': [],
  /** Create and change courses and their slots (a secretariat member: in the schools they work for). */
  'courses.manage': ['secretariat'],
  /** Set closures (bridges) and exceptional open days. */
  'calendar.manage': ['board'],
});
