import type { Role } from '@contracts';
import { STAFF_ROLES } from '../../api/contract-values';

/** Who may open each office area; the API checks again on every request. */
export const OFFICE_ACCESS = {
  office: STAFF_ROLES,
  directory: STAFF_ROLES,
  users: ['admin'],
  /** Recruitment and followup onboard and follow teachers (applications, low activity). */
  teacherKeepers: ['admin', 'recruitment', 'followup'],
  outbox: STAFF_ROLES.filter((role) => role !== 'board'),
  /** The people of the agency loop and the board (the API's FILE_STAFF + board), and the director. */
  lessons: ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'board'],
  /** Read the files (GET /api/files: 'agency.read'): the lists of files on the family, person and teacher pages. */
  files: ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'board'],
  /** Complete a task with an outcome (the board reads the tasks only). */
  completeTasks: ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat'],
  billing: ['admin', 'accounts'],
  billingHolds: ['admin', 'accounts', 'followup'],
  /** The board votes deferrals (and records them); accounts applies them (the API's billing.deferrals.read). */
  billingDeferrals: ['admin', 'accounts', 'board'],
  /** Accounts works the ticket queue; followup reads it (and writes in it); the API refuses the rest. */
  tickets: ['admin', 'accounts', 'followup'],
  /** The board's decisions and the seasons' tariffs (the API's board.decisions.read); the board records them. */
  board: ['board', 'secretariat', 'accounts'],
  /** Take a request on the phone (the API's agency.sell). */
  sell: ['admin', 'sales'],
  /** The organisation's settings: the director changes them (the others' menus stay shorter). */
  settings: ['admin'],
  /** The requests near a teacher, to recruit for them (the API's agency.match). */
  match: ['admin', 'recruitment', 'followup'],
} satisfies Record<string, readonly Role[]>;
