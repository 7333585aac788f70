import type { TeacherSuspension } from '@contracts';
import type { CreateSuspensionBody, EndSuspensionBody } from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { TeacherSuspensionsTable } from '../../db/tables.js';
import { actorName, actorUserId, requireUser, SYSTEM } from '../../platform/actor.js';
import type { Actor, UserActor } from '../../platform/actor.js';
import { can, requirePermission } from '../../platform/access.js';
import { DomainError, forbidden, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import type { Sweep } from '../../platform/jobs.js';
import { assertStaffRead } from './teacher-access.js';
import { SETTINGS } from './teachers.settings.js';
import { lockTeacher, refreshTeacherStatus } from './teacher-status.js';
import { teacherStatus } from './teachers.repository.js';
import { definitiveSuspensionApproved, exclusionApprovals, suspensionEndAcceptable } from './teachers.rules.js';
import * as repo from './suspensions.repository.js';

/**
 * Suspensions. Temporary ones (followup) take effect at once and end on their date, on their condition (lifted
 * by staff) or, for the automatic meetings suspension, on attendance. A definitive exclusion is a group
 * decision: one staff member proposes with reasons, at least K others approve (setting, default 2), the
 * proposer's own approval is refused, and a standing objection blocks the decision until its author withdraws
 * it (an objection is a request to talk, not a veto for ever). Nothing is deleted: proposals, votes,
 * objections and their withdrawal stay on the teacher's page.
 */
export function createSuspensionsService(deps: Deps) {
  const { db, clock, mailer } = deps;

  async function find(tx: Tx, id: string): Promise<TeacherSuspensionsTable> {
    const row = await repo.suspensionById(tx, id);
    if (!row) throw notFound();
    return row;
  }

  async function view(tx: Tx, row: TeacherSuspensionsTable): Promise<TeacherSuspension> {
    const [votes, person, approvalsRequired] = await Promise.all([
      repo.votesOf(tx, row.id),
      repo.personNames(tx, row.teacher_id),
      SETTINGS.exclusionApprovals.read(tx),
    ]);
    const studentsToReassign =
      row.kind === 'definitive' && row.status === 'effective'
        ? await repo.openAssignmentsWithNames(tx, row.teacher_id)
        : [];
    return {
      id: row.id,
      teacherId: row.teacher_id,
      teacherName: person ? `${person.first_name} ${person.last_name}` : '',
      kind: row.kind as TeacherSuspension['kind'],
      status: row.status as TeacherSuspension['status'],
      reasonCode: row.reason_code as TeacherSuspension['reasonCode'],
      reason: row.reason,
      untilDate: row.until_date,
      untilCondition: row.until_condition,
      proposedByName: row.proposed_by_name,
      proposedByUserId: row.proposed_by,
      effectiveAt: row.effective_at,
      endedAt: row.ended_at,
      endedByName: row.ended_by_name,
      endReason: row.end_reason,
      createdAt: row.created_at,
      approvalsRequired,
      votes: votes.map((v) => ({
        userId: v.user_id,
        voterName: v.voter_name,
        vote: v.vote as 'approve' | 'object' | 'withdrawn',
        comment: v.comment,
        at: v.updated_at,
      })),
      studentsToReassign: studentsToReassign.map((a) => ({
        assignmentId: a.id,
        studentId: a.student_id,
        studentName: `${a.first_name} ${a.last_name}`,
        familyId: a.family_id,
        familyName: a.family_name,
        fileId: a.file_id,
      })),
      version: row.version,
    };
  }

  /** Makes a proposal effective when enough others approved and nobody objects; returns true if it did. */
  async function decideIfReady(tx: Tx, actor: Actor, suspension: TeacherSuspensionsTable): Promise<boolean> {
    const votes = await repo.voteTally(tx, suspension.id);
    const required = await SETTINGS.exclusionApprovals.read(tx);
    if (!definitiveSuspensionApproved(votes, required, suspension.proposed_by)) return false;
    const approvals = exclusionApprovals(votes, suspension.proposed_by);
    if (!(await repo.makeExclusionEffective(tx, suspension.id, clock.now().toISOString()))) return false;
    await recordAudit(tx, clock, actor, {
      entityType: 'teacher',
      entityId: suspension.teacher_id,
      action: 'exclusion-effective',
      summary: `${approvals} approval(s): ${suspension.reason}`,
    });
    await refreshTeacherStatus(tx, deps, actor, suspension.teacher_id);
    // The teacher's current students go back to recruitment for a new search.
    const assignments = await repo.openAssignmentsOfTeacher(tx, suspension.teacher_id);
    const due = await organisationToday(tx, clock);
    for (const a of assignments) {
      await createTask(tx, clock, {
        kind: 'reassign-after-exclusion',
        service: 'recruitment',
        title: 'Nouveau professeur à trouver (exclusion définitive)',
        dueOn: addDays(due, 2),
        fileId: a.file_id,
        familyId: a.family_id,
        teacherId: suspension.teacher_id,
        dedupeKey: `reassign-after-exclusion:${a.id}`,
      });
    }
    return true;
  }

  /** Records one person's vote (one per person and proposal; a new vote replaces their previous one). */
  async function vote(
    user: UserActor,
    id: string,
    kind: 'approve' | 'object' | 'withdrawn',
    comment: string | null,
  ): Promise<TeacherSuspension> {
    const result = await db.transaction().execute(async (tx) => {
      const pre = await find(tx, id);
      await lockTeacher(tx, pre.teacher_id);
      const suspension = await find(tx, id);
      if (suspension.kind !== 'definitive' || suspension.status !== 'proposed')
        throw new DomainError('SUSPENSION_NOT_PENDING');
      if (kind === 'approve' && suspension.proposed_by === user.userId)
        throw new DomainError('PROPOSER_CANNOT_APPROVE');
      const existing = await repo.voteOf(tx, id, user.userId);
      if (kind === 'withdrawn' && existing?.vote !== 'object') throw new DomainError('NO_OBJECTION');
      const now = clock.now().toISOString();
      if (existing) {
        await repo.updateVote(tx, id, user.userId, {
          vote: kind,
          comment: comment ?? existing.comment,
          updated_at: now,
          voter_name: user.displayName,
        });
      } else {
        await repo.insertVote(tx, {
          suspension_id: id,
          user_id: user.userId,
          voter_name: user.displayName,
          vote: kind,
          comment,
          created_at: now,
          updated_at: now,
        });
      }
      await recordAudit(tx, clock, user, {
        entityType: 'teacher',
        entityId: suspension.teacher_id,
        action: `exclusion-${kind === 'withdrawn' ? 'objection-withdrawn' : kind}`,
        before: existing ? { vote: existing.vote } : null,
        after: { vote: kind, comment },
        summary: suspension.id,
      });
      await decideIfReady(tx, user, suspension);
      return view(tx, await find(tx, id));
    });
    await mailer.flush();
    return result;
  }

  return {
    async listForTeacher(actor: Actor, teacherId: string): Promise<TeacherSuspension[]> {
      assertStaffRead(actor);
      const rows = await repo.suspensionsOfTeacher(db, teacherId);
      return Promise.all(rows.map((r) => view(db, r)));
    },

    /** Proposals waiting for votes, for any staff member to review. */
    async listPending(actor: Actor): Promise<TeacherSuspension[]> {
      assertStaffRead(actor);
      const rows = await repo.pendingExclusions(db);
      return Promise.all(rows.map((r) => view(db, r)));
    },

    async get(actor: Actor, id: string): Promise<TeacherSuspension> {
      assertStaffRead(actor);
      return view(db, await find(db, id));
    },

    /** Temporary: effective at once. Definitive: only a proposal, waiting for the others' approval. */
    async create(
      actor: Actor,
      teacherId: string,
      body: z.infer<typeof CreateSuspensionBody>,
    ): Promise<TeacherSuspension> {
      const user = requirePermission(actor, 'teachers.suspend');
      const result = await db.transaction().execute(async (tx) => {
        await lockTeacher(tx, teacherId);
        const teacher = await teacherStatus(tx, teacherId);
        if (!teacher) throw notFound();
        if (teacher.status === 'excluded') throw new DomainError('TEACHER_EXCLUDED');
        const now = clock.now().toISOString();
        if (body.kind === 'definitive') {
          const open = await repo.openExclusionOf(tx, teacherId);
          if (open) throw new DomainError('SUSPENSION_ALREADY_PROPOSED');
        }
        const untilDate = body.kind === 'temporary' ? body.untilDate : undefined;
        if (untilDate && !suspensionEndAcceptable(untilDate, await organisationToday(tx, clock))) {
          throw new DomainError('VALIDATION_FAILED', {
            status: 422,
            fields: [{ field: 'untilDate', code: 'invalid_date' }],
          });
        }
        const row: TeacherSuspensionsTable = {
          id: newId(),
          teacher_id: teacherId,
          kind: body.kind,
          status: body.kind === 'temporary' ? 'active' : 'proposed',
          reason_code: 'manual',
          reason: body.reason,
          until_date: body.kind === 'temporary' ? (body.untilDate ?? null) : null,
          until_condition: body.kind === 'temporary' ? (body.untilCondition ?? null) : null,
          proposed_by: actorUserId(user),
          proposed_by_name: actorName(user),
          effective_at: body.kind === 'temporary' ? now : null,
          ended_at: null,
          ended_by_name: null,
          end_reason: null,
          auto_key: null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await repo.insertSuspension(tx, row);
        await recordAudit(tx, clock, user, {
          entityType: 'teacher',
          entityId: teacherId,
          action: body.kind === 'temporary' ? 'suspension-created' : 'exclusion-proposed',
          after: { ...row },
        });
        if (body.kind === 'temporary') await refreshTeacherStatus(tx, deps, user, teacherId);
        return view(tx, row);
      });
      await mailer.flush();
      return result;
    },

    async approve(actor: Actor, id: string, comment: string | null): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      requirePermission(user, 'teachers.vote');
      return vote(user, id, 'approve', comment);
    },

    async object(actor: Actor, id: string, comment: string): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      requirePermission(user, 'teachers.vote');
      return vote(user, id, 'object', comment);
    },

    async withdrawObjection(actor: Actor, id: string): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      requirePermission(user, 'teachers.vote');
      return vote(user, id, 'withdrawn', null);
    },

    /** The proposer (or the director) takes a proposal back; it stays on record as withdrawn. */
    async withdraw(actor: Actor, id: string, body: z.infer<typeof EndSuspensionBody>): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      return db.transaction().execute(async (tx) => {
        const before = await find(tx, id);
        if (before.proposed_by !== user.userId && !can(user, 'teachers.withdrawAnyExclusion')) throw forbidden();
        if (before.kind !== 'definitive' || before.status !== 'proposed')
          throw new DomainError('SUSPENSION_NOT_PENDING');
        const now = clock.now().toISOString();
        const set = {
          status: 'withdrawn',
          ended_at: now,
          ended_by_name: user.displayName,
          end_reason: body.reason,
          updated_at: now,
        };
        if (!(await repo.endSuspensionAtVersion(tx, id, body.version, set))) throw stale();
        await recordAudit(tx, clock, user, {
          entityType: 'teacher',
          entityId: before.teacher_id,
          action: 'exclusion-withdrawn',
          before: { ...before },
          after: { ...before, ...set },
        });
        return view(tx, await find(tx, id));
      });
    },

    /** Followup lifts a temporary suspension (its condition is met, or staff decide so). */
    async lift(actor: Actor, id: string, body: z.infer<typeof EndSuspensionBody>): Promise<TeacherSuspension> {
      const user = requirePermission(actor, 'teachers.suspend');
      const result = await db.transaction().execute(async (tx) => {
        const pre = await find(tx, id);
        await lockTeacher(tx, pre.teacher_id);
        const before = await find(tx, id);
        if (before.kind !== 'temporary' || before.status !== 'active') throw new DomainError('SUSPENSION_NOT_ACTIVE');
        const now = clock.now().toISOString();
        const set = {
          status: 'lifted',
          ended_at: now,
          ended_by_name: actorName(user),
          end_reason: body.reason,
          updated_at: now,
        };
        if (!(await repo.endSuspensionAtVersion(tx, id, body.version, set))) throw stale();
        await recordAudit(tx, clock, user, {
          entityType: 'teacher',
          entityId: before.teacher_id,
          action: 'suspension-lifted',
          before: { ...before },
          after: { ...before, ...set },
        });
        await refreshTeacherStatus(tx, deps, user, before.teacher_id);
        return view(tx, await find(tx, id));
      });
      await mailer.flush();
      return result;
    },
  };
}
export type SuspensionsService = ReturnType<typeof createSuspensionsService>;

/** Temporary suspensions whose end date has passed lift by themselves (once: the update is conditional). */
export async function runSuspensionExpirySweep(deps: Deps): Promise<{ lifted: number }> {
  const today = await organisationToday(deps.db, deps.clock);
  const due = await repo.expiredTemporarySuspensions(deps.db, today);
  let lifted = 0;
  for (const s of due) {
    await deps.db.transaction().execute(async (tx) => {
      await lockTeacher(tx, s.teacher_id);
      const now = deps.clock.now().toISOString();
      const end = { ended_at: now, ended_by_name: SYSTEM.displayName, end_reason: 'until date reached' };
      if (!(await repo.liftActiveSuspension(tx, s.id, end))) return;
      lifted += 1;
      await recordAudit(tx, deps.clock, SYSTEM, {
        entityType: 'teacher',
        entityId: s.teacher_id,
        action: 'suspension-lifted',
        summary: 'until date reached',
      });
      await refreshTeacherStatus(tx, deps, SYSTEM, s.teacher_id);
    });
  }
  return { lifted };
}

export const suspensionExpirySweep: Sweep = { name: 'teachers.suspension-expiry', run: runSuspensionExpirySweep };
