import { definePermissions } from './define.js';

/**
 * Permissions of the teachers module: permission → roles that hold it (admin holds all). Reading meetings,
 * incidents and suspensions is any staff member's (`isStaffMember`); a teacher's own profile, documents and
 * invitations are theirs (`isTeacherSelf`).
 */
export const TEACHERS_PERMISSIONS = definePermissions({
  /** Keep teacher profiles and onboard teachers: applications, interviews, acceptance. */
  'teachers.manage': ['recruitment', 'followup'],
  /** Read, add and remove any teacher's or applicant's documents (CV, diplomas, ID). */
  'teachers.readDocuments': ['recruitment', 'followup'],
  /** Schedule pedagogical meetings, invite teachers, record attendance, record an answer given on the phone. */
  'teachers.scheduleMeetings': ['followup'],
  /** Suspend a teacher for a time, propose a definitive exclusion, lift a temporary suspension. */
  'teachers.suspend': ['followup'],
  /** Vote on a definitive exclusion (approve, object, withdraw one's objection); the board only reads. */
  'teachers.vote': ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'],
  /** Withdraw a proposed exclusion someone else proposed (the proposer may always withdraw their own). */
  'teachers.withdrawAnyExclusion': [],
  /** Record an incident about a teacher as staff (families report through their own relation). */
  'teachers.reportIncident': ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'],
  /** The low-activity list and its follow-up calls. */
  'teachers.followActivity': ['followup', 'recruitment'],
});
