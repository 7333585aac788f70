import type { Kysely } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB, SuspensionVotesTable, TeacherSuspensionsTable } from '../../db/tables.js';

/** Every query of suspensions, exclusion votes and the automatic meetings suspension. */

export async function suspensionById(tx: Tx, id: string): Promise<TeacherSuspensionsTable | undefined> {
  return tx.selectFrom('teacher_suspensions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function suspensionsOfTeacher(tx: Tx, teacherId: string): Promise<TeacherSuspensionsTable[]> {
  return tx
    .selectFrom('teacher_suspensions')
    .selectAll()
    .where('teacher_id', '=', teacherId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Definitive exclusions proposed and waiting for votes, oldest first. */
export async function pendingExclusions(tx: Tx): Promise<TeacherSuspensionsTable[]> {
  return tx
    .selectFrom('teacher_suspensions')
    .selectAll()
    .where('kind', '=', 'definitive')
    .where('status', '=', 'proposed')
    .orderBy('created_at')
    .execute();
}

/** The teacher's definitive exclusion proposed or in effect, if any. */
export async function openExclusionOf(tx: Tx, teacherId: string) {
  return tx
    .selectFrom('teacher_suspensions')
    .select('id')
    .where('teacher_id', '=', teacherId)
    .where('kind', '=', 'definitive')
    .where('status', 'in', ['proposed', 'effective'])
    .executeTakeFirst();
}

/** What weighs on the teacher's status: effective exclusions and active temporary suspensions, oldest first. */
export async function suspensionsInForce(tx: Tx, teacherId: string): Promise<TeacherSuspensionsTable[]> {
  return tx
    .selectFrom('teacher_suspensions')
    .selectAll()
    .where('teacher_id', '=', teacherId)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'definitive'), eb('status', '=', 'effective')]),
        eb.and([eb('kind', '=', 'temporary'), eb('status', '=', 'active')]),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

export async function insertSuspension(tx: Tx, row: TeacherSuspensionsTable): Promise<void> {
  await tx.insertInto('teacher_suspensions').values(row).execute();
}

/** Ends (withdraws or lifts) a suspension at the version the caller saw; false when someone changed it first. */
export async function endSuspensionAtVersion(
  tx: Tx,
  id: string,
  version: number,
  set: { status: string; ended_at: string; ended_by_name: string; end_reason: string; updated_at: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('teacher_suspensions')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Lifts an active suspension (once: the update is conditional); false when it was no longer active. */
export async function liftActiveSuspension(
  tx: Tx,
  id: string,
  end: { ended_at: string; ended_by_name: string; end_reason: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('teacher_suspensions')
    .set((eb) => ({
      status: 'lifted',
      ...end,
      updated_at: end.ended_at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Makes a proposed exclusion effective (once); false when it was no longer proposed. */
export async function makeExclusionEffective(tx: Tx, id: string, now: string): Promise<boolean> {
  const updated = await tx
    .updateTable('teacher_suspensions')
    .set((eb) => ({ status: 'effective', effective_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Temporary suspensions whose end date is reached. */
export async function expiredTemporarySuspensions(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('teacher_suspensions')
    .select(['id', 'teacher_id'])
    .where('kind', '=', 'temporary')
    .where('status', '=', 'active')
    .where('until_date', '<=', today)
    .execute();
}

// Votes on a definitive exclusion.

export async function votesOf(tx: Tx, suspensionId: string): Promise<SuspensionVotesTable[]> {
  return tx
    .selectFrom('suspension_votes')
    .selectAll()
    .where('suspension_id', '=', suspensionId)
    .orderBy('created_at')
    .execute();
}

/** Who voted what (for the decision). */
export async function voteTally(tx: Tx, suspensionId: string): Promise<{ userId: string; vote: string }[]> {
  const rows = await tx
    .selectFrom('suspension_votes')
    .select(['user_id', 'vote'])
    .where('suspension_id', '=', suspensionId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, vote: r.vote }));
}

export async function voteOf(tx: Tx, suspensionId: string, userId: string): Promise<SuspensionVotesTable | undefined> {
  return tx
    .selectFrom('suspension_votes')
    .selectAll()
    .where('suspension_id', '=', suspensionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function updateVote(
  tx: Tx,
  suspensionId: string,
  userId: string,
  set: { vote: string; comment: string | null; updated_at: string; voter_name: string },
): Promise<void> {
  await tx
    .updateTable('suspension_votes')
    .set(set)
    .where('suspension_id', '=', suspensionId)
    .where('user_id', '=', userId)
    .execute();
}

export async function insertVote(tx: Tx, row: SuspensionVotesTable): Promise<void> {
  await tx.insertInto('suspension_votes').values(row).execute();
}

// The teacher's students, when an exclusion takes effect.

/** The teacher's current assignments with the student's and family's names, by student name. */
export async function openAssignmentsWithNames(tx: Tx, teacherId: string) {
  return tx
    .selectFrom('assignments')
    .innerJoin('people as s', 's.id', 'assignments.student_id')
    .innerJoin('families as f', 'f.id', 'assignments.family_id')
    .select([
      'assignments.id',
      'assignments.student_id',
      'assignments.family_id',
      'assignments.file_id',
      's.first_name',
      's.last_name',
      'f.name as family_name',
    ])
    .where('assignments.teacher_id', '=', teacherId)
    .where('assignments.ended_on', 'is', null)
    .orderBy('s.last_name')
    .execute();
}

export async function openAssignmentsOfTeacher(tx: Tx, teacherId: string) {
  return tx
    .selectFrom('assignments')
    .select(['id', 'file_id', 'family_id'])
    .where('teacher_id', '=', teacherId)
    .where('ended_on', 'is', null)
    .execute();
}

export async function personNames(tx: Tx, personId: string) {
  return tx.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', personId).executeTakeFirst();
}

// The automatic suspension of the meeting rule (one per teacher: unique auto_key).

export const meetingsAutoKey = (teacherId: string) => `meetings:${teacherId}`;

export async function automaticMeetingsSuspension(
  tx: Tx,
  teacherId: string,
): Promise<TeacherSuspensionsTable | undefined> {
  return tx
    .selectFrom('teacher_suspensions')
    .selectAll()
    .where('auto_key', '=', meetingsAutoKey(teacherId))
    .executeTakeFirst();
}

/** Inserts the automatic suspension unless it exists (insert-or-ignore on auto_key); true when inserted. */
export async function insertAutomaticSuspension(tx: Tx, row: TeacherSuspensionsTable): Promise<boolean> {
  const inserted = await tx
    .insertInto('teacher_suspensions')
    .values(row)
    .onConflict((oc) => oc.column('auto_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 0;
}

/** Teachers under an active automatic meetings suspension. */
export async function teachersUnderMeetingsSuspension(tx: Tx): Promise<string[]> {
  const rows = await tx
    .selectFrom('teacher_suspensions')
    .select('teacher_id')
    .where('reason_code', '=', 'meetings')
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.teacher_id);
}
