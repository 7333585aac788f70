import type { Tx } from '../../db/database.js';
import type { MeetingInvitationsTable, MeetingsTable } from '../../db/tables.js';

/** Every query of pedagogical meetings and their invitations. */

export async function meetingById(tx: Tx, id: string): Promise<MeetingsTable | undefined> {
  return tx.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Meetings, latest first, each with its counts of invitations, answers and attendance (one meeting by `id`). */
export async function meetingsWithCounts(tx: Tx, filter: { id?: string }) {
  let query = tx
    .selectFrom('meetings')
    .selectAll()
    .select((eb) => [
      eb
        .selectFrom('meeting_invitations as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.meeting_id', '=', 'meetings.id')
        .as('invited'),
      eb
        .selectFrom('meeting_invitations as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.meeting_id', '=', 'meetings.id')
        .where('i.response', '=', 'yes')
        .as('yes'),
      eb
        .selectFrom('meeting_invitations as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.meeting_id', '=', 'meetings.id')
        .where('i.response', '=', 'no')
        .as('no'),
      eb
        .selectFrom('meeting_invitations as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.meeting_id', '=', 'meetings.id')
        .where('i.attended', '=', 1)
        .as('attended'),
    ])
    .orderBy('starts_at', 'desc')
    .limit(300);
  if (filter.id) query = query.where('id', '=', filter.id);
  return query.execute();
}

/** A meeting's invitations with the teachers' names, by name. */
export async function invitationsOfMeeting(tx: Tx, meetingId: string) {
  return tx
    .selectFrom('meeting_invitations')
    .innerJoin('people', 'people.id', 'meeting_invitations.teacher_id')
    .selectAll('meeting_invitations')
    .select(['people.first_name', 'people.last_name'])
    .where('meeting_id', '=', meetingId)
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .execute();
}

/** One invitation with its meeting, as the teacher sees it. */
export async function invitationWithMeeting(tx: Tx, invitationId: string) {
  return tx
    .selectFrom('meeting_invitations')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitations.meeting_id')
    .select([
      'meeting_invitations.id',
      'meeting_invitations.response',
      'meeting_invitations.attended',
      'meetings.id as meeting_id',
      'meetings.subject',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.place',
      'meetings.video_url',
      'meetings.facilitator',
    ])
    .where('meeting_invitations.id', '=', invitationId)
    .executeTakeFirst();
}

export async function invitationById(tx: Tx, id: string): Promise<MeetingInvitationsTable | undefined> {
  return tx.selectFrom('meeting_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function invitationByTokenHash(tx: Tx, tokenHash: string): Promise<MeetingInvitationsTable | undefined> {
  return tx.selectFrom('meeting_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The teacher an invitation is for. */
export async function invitationTeacher(tx: Tx, invitationId: string) {
  return tx.selectFrom('meeting_invitations').select(['teacher_id']).where('id', '=', invitationId).executeTakeFirst();
}

/** Takes the meeting's row lock, so two last-seat answers cannot both pass the capacity check. */
export async function lockMeeting(tx: Tx, meetingId: string): Promise<void> {
  await tx
    .updateTable('meetings')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', meetingId)
    .execute();
}

/** Seats taken: the "yes" answers. */
export async function yesAnswers(tx: Tx, meetingId: string): Promise<number> {
  const taken = await tx
    .selectFrom('meeting_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('response', '=', 'yes')
    .executeTakeFirstOrThrow();
  return Number(taken.n);
}

/** Records an answer; with `consumeToken`, only while the e-mail link is unused (and uses it). False on a miss. */
export async function setInvitationAnswer(
  tx: Tx,
  invitationId: string,
  answer: 'yes' | 'no',
  now: string,
  consumeToken: boolean,
): Promise<boolean> {
  let query = tx
    .updateTable('meeting_invitations')
    .set({ response: answer, responded_at: now, ...(consumeToken ? { token_used_at: now } : {}) })
    .where('id', '=', invitationId);
  if (consumeToken) query = query.where('token_used_at', 'is', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertMeeting(tx: Tx, row: MeetingsTable): Promise<void> {
  await tx.insertInto('meetings').values(row).execute();
}

/**
 * The teachers to invite: among the active and suspended ones, the chosen ids, or (ids null) every teacher who
 * never attended a meeting.
 */
export async function teachersToInvite(tx: Tx, chosen: string[] | null) {
  let query = tx.selectFrom('teachers').select('person_id').where('status', 'in', ['active', 'suspended']);
  if (chosen) {
    query = query.where('person_id', 'in', chosen);
  } else {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('meeting_invitations')
            .select('id')
            .whereRef('meeting_invitations.teacher_id', '=', 'teachers.person_id')
            .where('attended', '=', 1),
        ),
      ),
    );
  }
  return query.execute();
}

/** Inserts an invitation unless the teacher is already invited; true when inserted. */
export async function insertInvitationIfNew(tx: Tx, row: MeetingInvitationsTable): Promise<boolean> {
  const inserted = await tx
    .insertInto('meeting_invitations')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'teacher_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 0;
}

export async function insertInvitation(tx: Tx, row: MeetingInvitationsTable): Promise<void> {
  await tx.insertInto('meeting_invitations').values(row).execute();
}

/** A teacher's invitations, latest meeting first. */
export async function invitationIdsOfTeacher(tx: Tx, teacherId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('meeting_invitations')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitations.meeting_id')
    .select('meeting_invitations.id')
    .where('meeting_invitations.teacher_id', '=', teacherId)
    .orderBy('meetings.starts_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => r.id);
}

/** Who was marked present or absent at a meeting. */
export async function attendanceOfMeeting(tx: Tx, meetingId: string) {
  return tx
    .selectFrom('meeting_invitations')
    .select(['teacher_id', 'attended'])
    .where('meeting_id', '=', meetingId)
    .execute();
}

/** Marks one teacher present or absent; false when they had no invitation. */
export async function setAttendance(tx: Tx, meetingId: string, teacherId: string, attended: boolean): Promise<boolean> {
  const updated = await tx
    .updateTable('meeting_invitations')
    .set({ attended: attended ? 1 : 0 })
    .where('meeting_id', '=', meetingId)
    .where('teacher_id', '=', teacherId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) !== 0;
}

export async function markAttendanceRecorded(tx: Tx, meetingId: string, now: string): Promise<void> {
  await tx
    .updateTable('meetings')
    .set((eb) => ({ attendance_recorded_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', meetingId)
    .execute();
}

// What the meeting rule counts.

export async function meetingsAttended(tx: Tx, teacherId: string): Promise<number> {
  const attended = await tx
    .selectFrom('meeting_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('teacher_id', '=', teacherId)
    .where('attended', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(attended.n);
}

/**
 * Meetings the teacher was invited to and that count as missed: over, and either with attendance recorded or
 * ended before `graceLimit` (see `missedMeetingGraceLimit`).
 */
export async function meetingsMissed(tx: Tx, teacherId: string, nowIso: string, graceLimit: string): Promise<number> {
  const missed = await tx
    .selectFrom('meeting_invitations')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitations.meeting_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_invitations.teacher_id', '=', teacherId)
    .where('meetings.ends_at', '<=', nowIso)
    .where((eb) =>
      eb.or([eb('meetings.attendance_recorded_at', 'is not', null), eb('meetings.ends_at', '<=', graceLimit)]),
    )
    .executeTakeFirstOrThrow();
  return Number(missed.n);
}

/**
 * Teachers the meeting rule may suspend: active or suspended, invited to a meeting that is over, who never
 * attended and were never under the automatic suspension.
 */
export async function teachersNeverAttending(tx: Tx, nowIso: string): Promise<string[]> {
  const invited = await tx
    .selectFrom('meeting_invitations')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitations.meeting_id')
    .innerJoin('teachers', 'teachers.person_id', 'meeting_invitations.teacher_id')
    .select('meeting_invitations.teacher_id')
    .distinct()
    .where('meetings.ends_at', '<=', nowIso)
    .where('teachers.status', 'in', ['active', 'suspended'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('meeting_invitations as mi')
            .select('mi.id')
            .whereRef('mi.teacher_id', '=', 'meeting_invitations.teacher_id')
            .where('mi.attended', '=', 1),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('teacher_suspensions as ts')
            .select('ts.id')
            .whereRef('ts.teacher_id', '=', 'meeting_invitations.teacher_id')
            .where('ts.reason_code', '=', 'meetings'),
        ),
      ),
    )
    .execute();
  return invited.map((r) => r.teacher_id);
}
