import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { actorName, SYSTEM, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { SETTINGS } from './teachers.settings.js';
import { lockTeacher, refreshTeacherStatus } from './teacher-status.js';
import { teacherStatus } from './teachers.repository.js';
import { meetingsAttended, meetingsMissed, teachersNeverAttending } from './meetings.repository.js';
import {
  automaticMeetingsSuspension,
  insertAutomaticSuspension,
  liftActiveSuspension,
  meetingsAutoKey,
  teachersUnderMeetingsSuspension,
} from './suspensions.repository.js';
import { meetingRuleMaySuspend, meetingRuleOutcome, missedMeetingGraceLimit } from './teachers.rules.js';

/**
 * DOMAIN.md: every teacher must attend at least one pedagogical meeting; a teacher invited several times (a
 * setting, default 3) who never attended is temporarily suspended until they attend. The decision is
 * `meetingRuleOutcome` over the counts read here; this function applies it in the caller's transaction.
 *
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
  const teacher = await teacherStatus(tx, teacherId);
  if (!teacher) throw new Error(`teacher ${teacherId} vanished under its own lock`);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const graceDays = await SETTINGS.meetingsAttendanceGraceDays.read(tx);
  const graceLimit = missedMeetingGraceLimit(now, graceDays);

  const attended = await meetingsAttended(tx, teacherId);
  const existing = await automaticMeetingsSuspension(tx, teacherId);
  const facts = { attended, teacherStatus: teacher.status, automaticSuspension: existing?.status ?? null };
  // Missed meetings and the threshold are read only when they can still decide.
  const undecided = meetingRuleMaySuspend(facts);
  const missed = undecided ? await meetingsMissed(tx, teacherId, nowIso, graceLimit) : 0;
  const threshold = undecided ? await SETTINGS.meetingsMissedBeforeSuspension.read(tx) : Infinity;
  const outcome = meetingRuleOutcome({ ...facts, missed, threshold });

  if (outcome === 'lift' && existing) {
    const end = { ended_at: nowIso, ended_by_name: actorName(actor), end_reason: 'attended' };
    if (!(await liftActiveSuspension(tx, existing.id, end))) return null;
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
  if (outcome !== 'suspend') return null;

  const inserted = await insertAutomaticSuspension(tx, {
    id: newId(),
    teacher_id: teacherId,
    kind: 'temporary',
    status: 'active',
    reason_code: 'meetings',
    reason: `Invited to ${missed} pedagogical meetings without attending any`,
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
  });
  if (!inserted) return null;
  await recordAudit(tx, deps.clock, actor, {
    entityType: 'teacher',
    entityId: teacherId,
    action: 'suspension-created',
    after: { kind: 'temporary', reason_code: 'meetings', missed },
    summary: 'meetings',
  });
  await refreshTeacherStatus(tx, deps, actor, teacherId);
  return 'suspended';
}

/** The teachers the rule may change: never attended yet invited to a meeting that is over, or under the automatic suspension. */
export async function meetingRuleCandidates(tx: Tx, nowIso: string): Promise<string[]> {
  const invited = await teachersNeverAttending(tx, nowIso);
  const suspended = await teachersUnderMeetingsSuspension(tx);
  return [...new Set([...invited, ...suspended])];
}
