import type { Insertable } from 'kysely';
import type { Role } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** SQL of calendar feeds: the feeds themselves, and what a feed lists (meetings, first lessons, places). */

export async function feedsOfUser(db: Tx, userId: string) {
  return db
    .selectFrom('calendar_feeds')
    .leftJoin('schools', 'schools.id', 'calendar_feeds.school_id')
    .select([
      'calendar_feeds.id',
      'calendar_feeds.scope',
      'calendar_feeds.school_id',
      'calendar_feeds.created_at',
      'calendar_feeds.last_read_at',
      'schools.name as school_name',
    ])
    .where('calendar_feeds.user_id', '=', userId)
    .where('calendar_feeds.revoked_at', 'is', null)
    .orderBy('calendar_feeds.created_at')
    .execute();
}

/** Revokes a user's live feeds of one subject (all of them when no subject): returns how many. */
export async function revokeFeeds(
  tx: Tx,
  userId: string,
  at: string,
  subject?: { id?: string; scope?: string; schoolId?: string | null },
): Promise<number> {
  let query = tx
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (subject?.id) query = query.where('id', '=', subject.id);
  if (subject?.scope) query = query.where('scope', '=', subject.scope);
  if (subject?.scope && subject.schoolId !== undefined)
    query =
      subject.schoolId === null
        ? query.where('school_id', 'is', null)
        : query.where('school_id', '=', subject.schoolId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertFeed(tx: Tx, row: Insertable<DB['calendar_feeds']>): Promise<void> {
  await tx.insertInto('calendar_feeds').values(row).execute();
}

/** A live feed by its token's hash, with its user (active or not) and the user's roles. */
export async function feedByTokenHash(db: Tx, tokenHash: string) {
  const feed = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select([
      'calendar_feeds.id',
      'calendar_feeds.scope',
      'calendar_feeds.school_id',
      'users.id as user_id',
      'users.status',
      'users.email',
      'users.display_name',
      'users.person_id',
      'users.locale',
    ])
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .where('calendar_feeds.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!feed) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', feed.user_id).execute();
  return { ...feed, roles: roles.map((r) => r.role as Role) };
}

export async function markRead(db: Tx, feedId: string, at: string): Promise<void> {
  await db.updateTable('calendar_feeds').set({ last_read_at: at }).where('id', '=', feedId).execute();
}

/** A teacher's meetings between two instants (ISO), with their answer. */
export async function meetingsOfTeacher(db: Tx, teacherId: string, from: string, to: string) {
  return db
    .selectFrom('meeting_invitations')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitations.meeting_id')
    .select([
      'meetings.id',
      'meetings.subject',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.place',
      'meetings.video_url',
      'meeting_invitations.response',
    ])
    .where('meeting_invitations.teacher_id', '=', teacherId)
    .where('meetings.starts_at', '>=', from)
    .where('meetings.starts_at', '<', to)
    .orderBy('meetings.starts_at')
    .execute();
}

/** The agency's first lessons set in a window, for a teacher or a family (a first lesson is a day, not a time). */
export async function firstLessons(db: Tx, who: { teacherId?: string; familyId?: string }, from: string, to: string) {
  let query = db
    .selectFrom('assignments')
    .innerJoin('people as student', 'student.id', 'assignments.student_id')
    .innerJoin('people as teacher', 'teacher.id', 'assignments.teacher_id')
    .select([
      'assignments.id',
      'assignments.first_lesson_on',
      'student.first_name as student_first_name',
      'teacher.first_name as teacher_first_name',
      'teacher.last_name as teacher_last_name',
    ])
    .where('assignments.ended_on', 'is', null)
    .where('assignments.first_lesson_on', '>=', from)
    .where('assignments.first_lesson_on', '<=', to);
  if (who.teacherId) query = query.where('assignments.teacher_id', '=', who.teacherId);
  if (who.familyId) query = query.where('assignments.family_id', '=', who.familyId);
  return query.orderBy('assignments.first_lesson_on').execute();
}

/** The courses a family's students hold a place in (confirmed, or cancelled: `expectedOn` decides each day). */
export async function familyCourseIds(db: Tx, familyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('course_enrolments')
    .select('course_id')
    .distinct()
    .where('family_id', '=', familyId)
    .where('status', 'in', ['confirmed', 'cancelled'])
    .execute();
  return rows.map((r) => r.course_id);
}
