import type { Tx } from '../../db/database.js';
import { requireUser, type Actor } from '../../platform/actor.js';
import { can, teacherSelf } from '../../platform/access.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { fields, type Fields } from '../../platform/records.js';
import { assignmentOfTeacherOnFile, familyOfPerson, findFile, type FileRow } from './files.repository.js';

/**
 * Who may see a file, and what of it. Role: staff working on files and the board see every file
 * ('agency.read'). Relation: a teacher the files they are (or were) assigned to; a guardian their own family's.
 */
export type FileAccess = 'staff' | 'teacher' | 'family';

/**
 * The family of a guardian account. Unlike platform/access.ts `guardianFamilyId`, the linked person may be of any
 * kind (an adult student given the guardian role sees their family's files): kept as the agency always did.
 */
export async function ownFamilyId(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user' || !actor.personId || !actor.roles.has('guardian')) return null;
  return familyOfPerson(tx, actor.personId);
}

/** A teacher account's assignment on a file (past ones keep read access unless `activeOnly`). */
export async function teacherAssignment(tx: Tx, actor: Actor, fileId: string, activeOnly: boolean) {
  const teacherId = teacherSelf(actor);
  if (!teacherId) return undefined;
  return assignmentOfTeacherOnFile(tx, teacherId, fileId, activeOnly);
}

/** Throws 404 for a missing file, 403 for a file of someone else; returns the file and the caller's relation. */
export async function assertFileAccess(
  tx: Tx,
  actor: Actor,
  fileId: string,
): Promise<{ file: FileRow; access: FileAccess }> {
  return assertAccessToFile(tx, actor, await findFile(tx, fileId));
}

/** The same check on a file the caller has already read (with whatever it read along with it). */
export async function assertAccessToFile<F extends FileRow>(
  tx: Tx,
  actor: Actor,
  file: F | undefined,
): Promise<{ file: F; access: FileAccess }> {
  if (!file) throw notFound();
  if (can(actor, 'agency.read')) return { file, access: 'staff' };
  requireUser(actor);
  if (await teacherAssignment(tx, actor, file.id, false)) return { file, access: 'teacher' };
  if ((await ownFamilyId(tx, actor)) === file.family_id) return { file, access: 'family' };
  throw forbidden();
}

/**
 * What the file page shows each audience of the file itself: staff also see which family it may duplicate. The
 * coordinates computed from the address are shown to nobody. Its history uses the same filter (agency.records.ts).
 */
const FILE_FIELDS = fields(
  'stage',
  'owner_service',
  'stage_changed_at',
  'source',
  'instrument',
  'level',
  'goals',
  'place',
  'address_line1',
  'postal_code',
  'city',
  'insee_code',
  'lesson_minutes',
  'frequency',
  'teacher_wishes',
  'styles',
  'closed_reason',
  'reference',
  'family_id',
  'student_id',
);
const FILE_STAFF_FIELDS = fields(...FILE_FIELDS, 'duplicate_family_id');
export const fileFields = (access: FileAccess): Fields => (access === 'staff' ? FILE_STAFF_FIELDS : FILE_FIELDS);

/** Which of a file's assignments its page shows: a teacher their own, the family the current one, staff all. */
type AssignmentSeen = { teacher_id: string; ended_on: string | null };
export function showsAssignment(access: FileAccess, actor: Actor, a: AssignmentSeen): boolean {
  if (access === 'teacher') return actor.kind === 'user' && a.teacher_id === actor.personId;
  if (access === 'family') return !a.ended_on;
  return true;
}
/** Which lessons: a teacher their own only. */
export function showsLesson(access: FileAccess, actor: Actor, lesson: { teacher_id: string }): boolean {
  return access !== 'teacher' || (actor.kind === 'user' && lesson.teacher_id === actor.personId);
}
/** The subscription (what the family pays) is not the teacher's business. */
export const showsSubscription = (access: FileAccess): boolean => access !== 'teacher';

/**
 * Whose files or lessons a list shows: staff (and the board) anyone's; a teacher only their own; a guardian only
 * their family's; anyone else nothing (403).
 */
export async function listScope(
  tx: Tx,
  actor: Actor,
): Promise<{ kind: 'staff' } | { kind: 'teacher'; teacherId: string } | { kind: 'family'; familyId: string }> {
  if (can(actor, 'agency.read')) return { kind: 'staff' };
  const teacherId = teacherSelf(actor);
  if (teacherId) return { kind: 'teacher', teacherId };
  const familyId = await ownFamilyId(tx, actor);
  if (!familyId) throw forbidden();
  return { kind: 'family', familyId };
}
