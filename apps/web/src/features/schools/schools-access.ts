import type { Role } from '@contracts';

/** Who may open each school-network page; the API checks again on every request (permissions/schools.ts). */
export const SCHOOLS_ACCESS = {
  /** The schools' daily pages: schools, seasons, the calendar, courses and timetables. */
  read: ['admin', 'secretariat', 'board'],
  /** Create and configure schools, their rooms, hours and staff; create seasons and import holidays. */
  configure: ['admin'],
  /** Create courses (a scoped secretariat member: in their schools). */
  courses: ['admin', 'secretariat'],
  /** The season's reports: the network's for the board and admin, their schools' for a scoped secretariat. */
  reports: ['admin', 'secretariat', 'board'],
  /** Closures (bridges) and exceptional open days. */
  calendar: ['admin', 'board'],
  /** A school's administrative enrolments (a scoped secretariat: their schools). */
  admissions: ['admin', 'secretariat'],
  /** Re-enrolment campaigns: open one, follow its answers (a scoped secretariat: their schools' packs). */
  reenrolment: ['admin', 'secretariat'],
} satisfies Record<string, readonly Role[]>;
