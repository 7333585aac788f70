import type { TeacherSuspension } from '@contracts';
import type { CreateSuspensionBody, EndSuspensionBody } from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { TeacherSuspensionsTable } from '../../db/tables.js';
import { actorName, actorUserId, requireRole, requireUser, SYSTEM } from '../../platform/actor.js';
import type { Actor, UserActor } from '../../platform/actor.js';
import { DomainError, forbidden, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { readSetting } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import { registerSweep } from '../../platform/jobs.js';
import { VOTERS, assertStaffRead } from './teacher-access.js';
import { SETTINGS } from './teachers.settings.js';
import { lockTeacher, refreshTeacherStatus } from './teacher-status.js';

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
    const row = await tx.selectFrom('teacher_suspensions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return row;
  }

  async function view(tx: Tx, row: TeacherSuspensionsTable): Promise<TeacherSuspension> {
    const [votes, person, approvalsRequired] = await Promise.all([
      tx.selectFrom('suspension_votes').selectAll().where('suspension_id', '=', row.id).orderBy('created_at').execute(),
      tx.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', row.teacher_id).executeTakeFirst(),
      readSetting<number>(tx, SETTINGS.exclusionApprovals),
    ]);
    const studentsToReassign =
      row.kind === 'definitive' && row.status === 'effective'
        ? await tx
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
            .where('assignments.teacher_id', '=', row.teacher_id)
            .where('assignments.ended_on', 'is', null)
            .orderBy('s.last_name')
            .execute()
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

  async function today(tx: Tx): Promise<string> {
    return dateInZone(clock.now(), await readSetting<string>(tx, 'organisation.timeZone'));
  }

  /** Makes a proposal effective when enough others approved and nobody objects; returns true if it did. */
  async function decideIfReady(tx: Tx, actor: Actor, suspension: TeacherSuspensionsTable): Promise<boolean> {
    const votes = await tx
      .selectFrom('suspension_votes')
      .select(['user_id', 'vote'])
      .where('suspension_id', '=', suspension.id)
      .execute();
    const approvals = votes.filter((v) => v.vote === 'approve' && v.user_id !== suspension.proposed_by).length;
    const objections = votes.filter((v) => v.vote === 'object').length;
    const required = await readSetting<number>(tx, SETTINGS.exclusionApprovals);
    if (approvals < required || objections > 0) return false;
    const now = clock.now().toISOString();
    const updated = await tx
      .updateTable('teacher_suspensions')
      .set((eb) => ({ status: 'effective', effective_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', suspension.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await recordAudit(tx, clock, actor, {
      entityType: 'teacher',
      entityId: suspension.teacher_id,
      action: 'exclusion-effective',
      summary: `${approvals} approval(s): ${suspension.reason}`,
    });
    await refreshTeacherStatus(tx, deps, actor, suspension.teacher_id);
    // The teacher's current students go back to recruitment for a new search.
    const assignments = await tx
      .selectFrom('assignments')
      .select(['id', 'file_id', 'family_id'])
      .where('teacher_id', '=', suspension.teacher_id)
      .where('ended_on', 'is', null)
      .execute();
    const due = await today(tx);
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
        throw new DomainError('SUSPENSION_NOT_PENDING', { status: 409 });
      if (kind === 'approve' && suspension.proposed_by === user.userId)
        throw new DomainError('PROPOSER_CANNOT_APPROVE', { status: 403 });
      const existing = await tx
        .selectFrom('suspension_votes')
        .selectAll()
        .where('suspension_id', '=', id)
        .where('user_id', '=', user.userId)
        .executeTakeFirst();
      if (kind === 'withdrawn' && existing?.vote !== 'object') throw new DomainError('NO_OBJECTION', { status: 409 });
      const now = clock.now().toISOString();
      if (existing) {
        await tx
          .updateTable('suspension_votes')
          .set({ vote: kind, comment: comment ?? existing.comment, updated_at: now, voter_name: user.displayName })
          .where('suspension_id', '=', id)
          .where('user_id', '=', user.userId)
          .execute();
      } else {
        await tx
          .insertInto('suspension_votes')
          .values({
            suspension_id: id,
            user_id: user.userId,
            voter_name: user.displayName,
            vote: kind,
            comment,
            created_at: now,
            updated_at: now,
          })
          .execute();
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
      const rows = await db
        .selectFrom('teacher_suspensions')
        .selectAll()
        .where('teacher_id', '=', teacherId)
        .orderBy('created_at', 'desc')
        .execute();
      return Promise.all(rows.map((r) => view(db, r)));
    },

    /** Proposals waiting for votes, for any staff member to review. */
    async listPending(actor: Actor): Promise<TeacherSuspension[]> {
      assertStaffRead(actor);
      const rows = await db
        .selectFrom('teacher_suspensions')
        .selectAll()
        .where('kind', '=', 'definitive')
        .where('status', '=', 'proposed')
        .orderBy('created_at')
        .execute();
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
      const user = requireRole(actor, 'followup');
      const result = await db.transaction().execute(async (tx) => {
        await lockTeacher(tx, teacherId);
        const teacher = await tx
          .selectFrom('teachers')
          .select(['status'])
          .where('person_id', '=', teacherId)
          .executeTakeFirstOrThrow();
        if (teacher.status === 'excluded') throw new DomainError('TEACHER_EXCLUDED', { status: 409 });
        const now = clock.now().toISOString();
        if (body.kind === 'definitive') {
          const open = await tx
            .selectFrom('teacher_suspensions')
            .select('id')
            .where('teacher_id', '=', teacherId)
            .where('kind', '=', 'definitive')
            .where('status', 'in', ['proposed', 'effective'])
            .executeTakeFirst();
          if (open) throw new DomainError('SUSPENSION_ALREADY_PROPOSED', { status: 409 });
        }
        if (body.kind === 'temporary' && body.untilDate && body.untilDate <= (await today(tx))) {
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
        await tx.insertInto('teacher_suspensions').values(row).execute();
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
      requireRole(user, ...VOTERS);
      return vote(user, id, 'approve', comment);
    },

    async object(actor: Actor, id: string, comment: string): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      requireRole(user, ...VOTERS);
      return vote(user, id, 'object', comment);
    },

    async withdrawObjection(actor: Actor, id: string): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      requireRole(user, ...VOTERS);
      return vote(user, id, 'withdrawn', null);
    },

    /** The proposer (or the director) takes a proposal back; it stays on record as withdrawn. */
    async withdraw(actor: Actor, id: string, body: z.infer<typeof EndSuspensionBody>): Promise<TeacherSuspension> {
      const user = requireUser(actor);
      return db.transaction().execute(async (tx) => {
        const before = await find(tx, id);
        if (before.proposed_by !== user.userId && !user.roles.has('admin')) throw forbidden();
        if (before.kind !== 'definitive' || before.status !== 'proposed')
          throw new DomainError('SUSPENSION_NOT_PENDING', { status: 409 });
        const now = clock.now().toISOString();
        const set = {
          status: 'withdrawn',
          ended_at: now,
          ended_by_name: user.displayName,
          end_reason: body.reason,
          updated_at: now,
        };
        const result = await tx
          .updateTable('teacher_suspensions')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale();
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
      const user = requireRole(actor, 'followup');
      const result = await db.transaction().execute(async (tx) => {
        const pre = await find(tx, id);
        await lockTeacher(tx, pre.teacher_id);
        const before = await find(tx, id);
        if (before.kind !== 'temporary' || before.status !== 'active')
          throw new DomainError('SUSPENSION_NOT_ACTIVE', { status: 409 });
        const now = clock.now().toISOString();
        const set = {
          status: 'lifted',
          ended_at: now,
          ended_by_name: actorName(user),
          end_reason: body.reason,
          updated_at: now,
        };
        const result = await tx
          .updateTable('teacher_suspensions')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale();
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
  const today = dateInZone(deps.clock.now(), await readSetting<string>(deps.db, 'organisation.timeZone'));
  const due = await deps.db
    .selectFrom('teacher_suspensions')
    .select(['id', 'teacher_id'])
    .where('kind', '=', 'temporary')
    .where('status', '=', 'active')
    .where('until_date', '<=', today)
    .execute();
  let lifted = 0;
  for (const s of due) {
    await deps.db.transaction().execute(async (tx) => {
      await lockTeacher(tx, s.teacher_id);
      const now = deps.clock.now().toISOString();
      const result = await tx
        .updateTable('teacher_suspensions')
        .set((eb) => ({
          status: 'lifted',
          ended_at: now,
          ended_by_name: SYSTEM.displayName,
          end_reason: 'until date reached',
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', s.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
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

registerSweep({ name: 'teachers.suspension-expiry', run: runSuspensionExpirySweep });
