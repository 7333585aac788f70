import type { z } from 'zod';
import { TASK_SERVICES } from '@contracts';
import type { CompleteTaskBody, CompletedTask, FamilyRequestBody, TaskItem, TaskList, TaskListQuery } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import { actorUserId, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, forbidden, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { organisationToday } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import { newId } from '../../platform/ids.js';
import { assertFileAccess } from './files.access.js';
import { findTask, openTasksOf, schoolOutOfReach, taskIdByDedupeKey, updateTaskAt } from './tasks.repository.js';
import { seesEverySchool, servicesOfRoles, taskGroup } from './tasks.rules.js';

type TaskRow = Awaited<ReturnType<typeof openTasksOf>>[number];

/** Whom a task is about, and the page of their record: the file's student, else the teacher, else the family. */
function subjectOf(r: TaskRow): TaskItem['subject'] {
  if (r.student_id && r.student_first_name !== null)
    return {
      kind: 'student',
      id: r.student_id,
      name: `${r.student_first_name} ${r.student_last_name ?? ''}`.trim(),
      path: `/office/people/${r.student_id}`,
    };
  if (r.teacher_id && r.teacher_first_name !== null)
    return {
      kind: 'teacher',
      id: r.teacher_id,
      name: `${r.teacher_first_name} ${r.teacher_last_name ?? ''}`.trim(),
      path: `/office/teachers/${r.teacher_id}`,
    };
  if (r.family_id && r.family_name !== null)
    return { kind: 'family', id: r.family_id, name: r.family_name, path: `/office/families/${r.family_id}` };
  return null;
}

export function toTaskItem(r: TaskRow, today: string): TaskItem {
  return {
    id: r.id,
    kind: r.kind,
    service: r.service,
    title: r.title,
    details: r.details,
    dueOn: r.due_on,
    group: taskGroup(r.due_on, today),
    fileId: r.file_id,
    subject: subjectOf(r),
    version: r.version,
  };
}

/** The services' tasks: each sees its own by default, completes them with an outcome; families ask from their portal. */
export function createTasksService(deps: Deps) {
  const { db, clock } = deps;

  return {
    /** Open tasks: the caller's services by default (`scope=all` for everyone's), today's with the overdue apart. */
    async list(actor: Actor, query: z.infer<typeof TaskListQuery>): Promise<TaskList> {
      const user = requirePermission(actor, 'agency.readTasks');
      const today = await organisationToday(db, clock);
      const mine = user.kind === 'user' ? servicesOfRoles(user.roles) : [];
      const services = query.service ? [query.service] : query.scope === 'all' ? [...TASK_SERVICES] : mine;
      // A school's task (a secretariat's follow-up) is shown to the staff of that school, or of every school.
      const schoolsOfUser = user.kind === 'user' && !seesEverySchool(user.roles) ? user.userId : null;
      const dueBy = query.when === 'today' ? today : null;
      const rows = await openTasksOf(db, { services, dueBy, limit: 200, schoolsOfUser });
      return { today, services, items: rows.map((r) => toTaskItem(r, today)) };
    },

    /** Marks an open task done with an outcome (a choice and a note), audited; a second completion is a 409. */
    async complete(
      actor: Actor,
      id: string,
      body: z.infer<typeof CompleteTaskBody>,
    ): Promise<z.infer<typeof CompletedTask>> {
      requirePermission(actor, 'agency.completeTasks');
      return db.transaction().execute(async (tx) => {
        const task = await findTask(tx, id);
        if (!task) throw notFound();
        if (
          task.school_id &&
          actor.kind === 'user' &&
          !seesEverySchool(actor.roles) &&
          (await schoolOutOfReach(tx, actor.userId, task.school_id))
        )
          throw notFound();
        if (task.status !== 'open') throw new DomainError('TASK_NOT_OPEN');
        const now = clock.now().toISOString();
        const set = {
          status: 'done',
          done_at: now,
          done_by: actorUserId(actor),
          outcome_kind: body.outcome,
          outcome: body.note ?? null,
          updated_at: now,
          version: task.version + 1,
        };
        if (task.version !== body.version || (await updateTaskAt(tx, id, body.version, set)) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'task',
          entityId: id,
          action: 'complete',
          before: task,
          after: { ...task, ...set },
          summary: body.note ? `${body.outcome}: ${body.note}` : body.outcome,
        });
        return { id, status: 'done', outcomeKind: body.outcome, outcome: set.outcome, version: set.version };
      });
    },

    /**
     * A family asks for a change of teacher or reports a problem about its own child's file, from its portal: the
     * followup team gets a task with the message, due today. Only a guardian of the file's family may (staff write
     * tickets and contacts instead); a closed file takes no request.
     */
    async familyRequest(actor: Actor, fileId: string, body: z.infer<typeof FamilyRequestBody>) {
      return db.transaction().execute(async (tx) => {
        const { file, access } = await assertFileAccess(tx, actor, fileId);
        if (access !== 'family') throw forbidden();
        if (file.stage === 'closed') throw new DomainError('WRONG_STAGE');
        const taskId = newId();
        const title =
          body.kind === 'change_teacher' ? 'The family asks for a change of teacher' : 'The family reports a problem';
        await createTask(tx, clock, {
          kind: `family-${body.kind.replace('_', '-')}`,
          service: 'followup',
          title,
          details: body.message,
          dueOn: await organisationToday(tx, clock),
          fileId,
          familyId: file.family_id,
          dedupeKey: `family-request:${taskId}`,
        });
        const id = await taskIdByDedupeKey(tx, `family-request:${taskId}`);
        // On the task, not the file: the file's history is read by its teacher, whom the message may be about.
        await recordAudit(tx, clock, actor, {
          entityType: 'task',
          entityId: id,
          action: 'create',
          after: { kind: body.kind, file_id: fileId, message: body.message },
          summary: title,
        });
        return { taskId: id };
      });
    },
  };
}
export type TasksService = ReturnType<typeof createTasksService>;
