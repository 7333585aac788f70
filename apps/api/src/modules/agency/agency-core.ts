import { sql, type Selectable } from 'kysely';
import { STAGE_OWNER, type FileStage, type Locale } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { LessonFilesTable } from '../../db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { actorName, actorUserId, hasRole, requireUser, type Actor } from '../../platform/actor.js';
import { forbidden, notFound, stale, DomainError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { readSetting } from '../../platform/settings.js';
import { fields, type Fields } from '../../platform/records.js';
import { PersonalLink } from '../../platform/mail-templates.js';
import { SETTING } from './agency.settings.js';

export type FileRow = Selectable<LessonFilesTable>;

/** Staff services that work on files; the board reads. */
export const FILE_STAFF = ['sales', 'recruitment', 'followup', 'accounts'] as const;

export async function todayIn(deps: Pick<Deps, 'clock'>, tx: Tx): Promise<string> {
  return dateInZone(deps.clock.now(), await readSetting<string>(tx, 'organisation.timeZone'));
}

export async function findFile(tx: Tx, id: string): Promise<FileRow | undefined> {
  return tx.selectFrom('lesson_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The family a guardian account belongs to. */
export async function guardianFamilyId(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user' || !actor.personId || !actor.roles.has('guardian')) return null;
  const person = await tx.selectFrom('people').select('family_id').where('id', '=', actor.personId).executeTakeFirst();
  return person?.family_id ?? null;
}

/** A teacher account's relation to a file: any assignment of theirs on it (past ones keep read access). */
export async function teacherAssignment(tx: Tx, actor: Actor, fileId: string, activeOnly: boolean) {
  if (actor.kind !== 'user' || !actor.personId || !actor.roles.has('teacher')) return undefined;
  let q = tx
    .selectFrom('assignments')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('teacher_id', '=', actor.personId);
  if (activeOnly) q = q.where('ended_on', 'is', null);
  return q.orderBy('created_at', 'desc').executeTakeFirst();
}

export type FileAccess = 'staff' | 'teacher' | 'family';

/**
 * Role and relation: staff see every file; a teacher only files they are (or were) assigned to; a guardian
 * only their own family's files. Throws 404 for a missing file, 403 for a file of someone else.
 */
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
  if (actor.kind === 'system' || hasRole(actor, ...FILE_STAFF, 'board')) return { file, access: 'staff' };
  requireUser(actor);
  if (await teacherAssignment(tx, actor, file.id, false)) return { file, access: 'teacher' };
  if ((await guardianFamilyId(tx, actor)) === file.family_id) return { file, access: 'family' };
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

/** Moves a file to a stage (owner follows the stage), with optimistic locking, history and audit. */
export async function changeStage(
  deps: Pick<Deps, 'clock'>,
  tx: Tx,
  actor: Actor,
  file: FileRow,
  to: FileStage,
  reason: string,
  extra: Partial<FileRow> = {},
): Promise<FileRow> {
  const now = deps.clock.now().toISOString();
  const set = { ...extra, stage: to, owner_service: STAGE_OWNER[to], stage_changed_at: now, updated_at: now };
  const result = await tx
    .updateTable('lesson_files')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', file.id)
    .where('version', '=', file.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw stale();
  await tx
    .insertInto('file_stage_events')
    .values({
      id: newId(),
      file_id: file.id,
      from_stage: file.stage,
      to_stage: to,
      reason,
      at: now,
      actor_user_id: actorUserId(actor),
      actor_name: actorName(actor),
    })
    .execute();
  const after = { ...file, ...set, version: file.version + 1 };
  await recordAudit(tx, deps.clock, actor, {
    entityType: 'lesson_file',
    entityId: file.id,
    action: 'stage',
    before: file,
    after,
    summary: `${file.stage} → ${to}: ${reason}`,
  });
  return after;
}

export function requireStage(file: FileRow, ...stages: FileStage[]): void {
  if (!stages.includes(file.stage as FileStage)) throw new DomainError('WRONG_STAGE', { status: 409 });
}

/** A signed single-use link for one person on one file; only the hash is stored, the secret goes in the e-mail. */
export async function createAccessLink(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: Tx,
  input: { fileId: string; assignmentId: string; personId: string; audience: 'family' | 'teacher' },
): Promise<PersonalLink> {
  const secret = newSecret();
  const days = await readSetting<number>(tx, SETTING.linkValidityDays);
  const now = deps.clock.now();
  await tx
    .insertInto('access_links')
    .values({
      id: newId(),
      token_hash: hashSecret(secret),
      purpose: 'first-lesson',
      file_id: input.fileId,
      assignment_id: input.assignmentId,
      person_id: input.personId,
      audience: input.audience,
      expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return new PersonalLink(`${deps.config.publicUrl}/l/${secret}`);
}

/** Who to write to on the family side: the first guardian with an e-mail, else an adult student with one. */
export async function familyContact(tx: Tx, file: FileRow) {
  const people = await tx
    .selectFrom('people')
    .selectAll()
    .where('family_id', '=', file.family_id)
    .orderBy('created_at')
    .execute();
  const family = await tx
    .selectFrom('families')
    .select(['name', 'locale'])
    .where('id', '=', file.family_id)
    .executeTakeFirstOrThrow();
  const guardians = people.filter((p) => p.kind === 'guardian');
  const student = people.find((p) => p.id === file.student_id);
  const main = guardians.find((g) => g.email) ?? guardians[0] ?? (student?.email ? student : undefined) ?? student;
  return { family, main, student, locale: (family.locale === 'en' ? 'en' : 'fr') as Locale };
}

export async function teacherContact(tx: Tx, teacherId: string, fallbackLocale: Locale) {
  const person = await tx.selectFrom('people').selectAll().where('id', '=', teacherId).executeTakeFirstOrThrow();
  const user = person.user_id
    ? await tx.selectFrom('users').select('locale').where('id', '=', person.user_id).executeTakeFirst()
    : undefined;
  const locale = (user?.locale === 'en' ? 'en' : user?.locale === 'fr' ? 'fr' : fallbackLocale) as Locale;
  return { person, locale };
}

export const LEVEL_LABEL: Record<Locale, Record<number, string>> = {
  fr: { 1: 'débutant', 2: 'intermédiaire', 3: 'avancé' },
  en: { 1: 'beginner', 2: 'intermediate', 3: 'advanced' },
};

export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export { addDays };
