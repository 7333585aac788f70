import { definePermissions } from './define.js';

/** Every office role but the director's own, board included: those who read the directory and the settings. */
const OFFICE_READERS = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board'] as const;
/** The services that talk to families and teachers (the board reads, it does not act). */
const SERVICES = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'] as const;

/**
 * Permissions of the core modules (people, users, contacts, outbox, settings): permission → roles that hold it
 * (admin holds all; an empty list means the director alone). A guardian's own family, a teacher's own students and
 * anyone's own person record are relations, checked in people.service.ts with platform/access.ts.
 */
export const CORE_PERMISSIONS = definePermissions({
  /** Search people, list families and teachers, read any family or person record. */
  'people.read': OFFICE_READERS,
  /** Create families and edit families, guardians and students. */
  'people.writeFamilies': ['sales', 'followup', 'accounts', 'secretariat'],
  /** Create teachers and edit teachers' person records. */
  'people.writeTeachers': ['recruitment', 'followup'],
  /** Edit staff members' person records. */
  'people.writeStaff': [],
  /** List, invite and edit accounts and their roles. */
  'users.manage': [],
  /** Send a teacher account its login (reset or invitation) link; anyone else's is the director's call. */
  'users.sendTeacherLoginLink': ['followup'],
  /** Log a call, e-mail or note in the contact log. */
  'contacts.log': SERVICES,
  /** Read the contact log. */
  'contacts.read': [...SERVICES, 'board'],
  /** Read the e-mails the system wrote (personal links hidden outside demo mode). */
  'outbox.read': SERVICES,
  /** Read the organisation's settings. */
  'settings.read': OFFICE_READERS,
  /** Change the organisation's settings. */
  'settings.update': [],
});
