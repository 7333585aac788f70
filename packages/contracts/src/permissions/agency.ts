import { definePermissions } from './define.js';

/** The services that work on files; the board reads them too. */
const FILE_STAFF = ['sales', 'recruitment', 'followup', 'accounts'] as const;

/** Permissions of the agency module: permission → roles that hold it (admin holds all). */
export const AGENCY_PERMISSIONS = definePermissions({
  /** See every file, lesson, plan, ticket and the dashboards (teachers and families see their own, by relation). */
  'agency.read': [...FILE_STAFF, 'board'],
  /** Work on files: log contacts, open tickets and write in them. */
  'agency.work': FILE_STAFF,
  /** Take requests on the phone, merge or keep apart duplicates, subscribe a family to a plan. */
  'agency.sell': ['sales'],
  /** Hand a teacher's contact over, note an external candidate. */
  'agency.recruit': ['recruitment'],
  /** Read the ranked candidates of a file. */
  'agency.match': ['recruitment', 'followup'],
  /** End the current assignment (and send the file back to recruitment). */
  'agency.endAssignment': ['followup', 'recruitment'],
  /** Close a file. */
  'agency.close': ['sales', 'followup'],
  /** Answer for either side (first lesson, lessons), use anyone's signed link, run the sweeps on demand. */
  'agency.followup': ['followup'],
  /** Move tickets; a solved ticket goes back to the file's service. */
  'agency.solveTickets': ['accounts'],
  /** Read the tasks of every service (each sees its own by default); the board reads them too. */
  'agency.readTasks': [...FILE_STAFF, 'secretariat', 'board'],
  /** Complete a task with an outcome (audited). */
  'agency.completeTasks': [...FILE_STAFF, 'secretariat'],
  /** Create and change plans; read assignments outside any file: the director only. */
  'agency.manage': [],
});
