import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { actorName, SYSTEM, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { readSetting } from '../../platform/settings.js';
import { SETTINGS } from './teachers.settings.js';
import { lockTeacher, refreshTeacherStatus } from './teacher-status.js';

export const meetingsAutoKey = (teacherId: string) => `meetings:${teacherId}`;

/**
 * DOMAIN.md: every teacher must attend at least one pedagogical meeting; a teacher invited several times (a
 * setting, default 3) who never attended is temporarily suspended until they attend.
 *
 * A meeting counts as missed once it is over AND staff have recorded its attendance, or once the grace period
 * after it has passed (so a teacher who did come is not suspended in the hours before staff fill the sheet).
 * One automatic suspension per teacher (unique auto_key): running this twice, or on two instances at once,
 * suspends once. When staff lift it by hand, it is not re-created: that is a staff decision.
 */
export async function applyMeetingRule(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'mailer'>,
  actor: Actor,
  teacherId: string,
): Promise<'suspended' | 'lifted' | null> {
  await lockTeacher(tx, teacherId);
  const teacher = await tx
    .selectFrom('teachers')
    .select(['status'])
    .where('person_id', '=', teacherId)
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const graceDays = await readSetting<number>(tx, SETTINGS.meetingsAttendanceGraceDays);
  const graceLimit = new Date(now.getTime() - graceDays * 86_400_000).toISOString();

  const attended = await tx
    .selectFrom('meeting_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('teacher_id', '=', teacherId)
    .where('attended', '=', 1)
    .executeTakeFirstOrThrow();
  const existing = await tx
    .selectFrom('teacher_suspensions')
    .selectAll()
    .where('auto_key', '=', meetingsAutoKey(teacherId))
    .executeTakeFirst();

  if (Number(attended.n) > 0) {
    if (existing?.status !== 'active') return null;
    const lifted = await tx
      .updateTable('teacher_suspensions')
      .set((eb) => ({
        status: 'lifted',
        ended_at: nowIso,
        ended_by_name: actorName(actor),
        end_reason: 'attended',
        updated_at: nowIso,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', existing.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(lifted.numUpdatedRows) !== 1) return null;
    await recordAudit(tx, deps.clock, actor, {
      entityType: 'teacher',
      entityId: teacherId,
      action: 'suspension-lifted',
      before: { status: 'active' },
      after: { status: 'lifted' },
      summary: 'meetings: attended a meeting',
    });
    await refreshTeacherStatus(tx, deps, actor, teacherId);
    return 'lifted';
  }

  if (existing || teacher.status === 'excluded' || teacher.status === 'inactive') return null;
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
  const threshold = await readSetting<number>(tx, SETTINGS.meetingsMissedBeforeSuspension);
  if (Number(missed.n) < threshold) return null;

  const inserted = await tx
    .insertInto('teacher_suspensions')
    .values({
      id: newId(),
      teacher_id: teacherId,
      kind: 'temporary',
      status: 'active',
      reason_code: 'meetings',
      reason: `Invited to ${Number(missed.n)} pedagogical meetings without attending any`,
      until_date: null,
      until_condition: 'attend a pedagogical meeting',
      proposed_by: null,
      proposed_by_name: SYSTEM.displayName,
      effective_at: nowIso,
      ended_at: null,
      ended_by_name: null,
      end_reason: null,
      auto_key: meetingsAutoKey(teacherId),
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .onConflict((oc) => oc.column('auto_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  await recordAudit(tx, deps.clock, actor, {
    entityType: 'teacher',
    entityId: teacherId,
    action: 'suspension-created',
    after: { kind: 'temporary', reason_code: 'meetings', missed: Number(missed.n) },
    summary: 'meetings',
  });
  await refreshTeacherStatus(tx, deps, actor, teacherId);
  return 'suspended';
}

/** The teachers the rule may change: never attended yet invited to a meeting that is over, or under the automatic suspension. */
export async function meetingRuleCandidates(tx: Tx, nowIso: string): Promise<string[]> {
  const invited = await tx
    .selectFrom('meeting_invitations')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitations.meeting_id')
    .innerJoin('teachers', 'teachers.person_id', 'meeting_invitations.teacher_id')
    .select('meeting_invitations.teacher_id')
    .distinct()
    .where('meetings.ends_at', '<=', nowIso)
    .where('teachers.status', 'in', ['active', 'suspended'])
    // Only those who never attended and are not already (or no longer) under the automatic suspension.
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
  const suspended = await tx
    .selectFrom('teacher_suspensions')
    .select('teacher_id')
    .where('reason_code', '=', 'meetings')
    .where('status', '=', 'active')
    .execute();
  return [...new Set([...invited.map((r) => r.teacher_id), ...suspended.map((r) => r.teacher_id)])];
}
