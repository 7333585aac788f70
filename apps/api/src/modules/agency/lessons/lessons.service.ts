import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { LessonListItem, LessonResponseBody, RecordLessonBody } from '@contracts';
import type { AssignmentsTable } from '../../../db/tables.js';
import type { Tx } from '../../../db/database.js';
import type { Deps } from '../../../platform/deps.js';
import { actorName, requireUser, type Actor } from '../../../platform/actor.js';
import { can } from '../../../platform/access.js';
import { decodeCursor, keysetPage } from '../../../platform/cursor.js';
import { DomainError, forbidden, notFound } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit.js';
import { newId } from '../../../platform/ids.js';
import { lastDayOfMonth } from '../../../platform/clock.js';
import { organisationToday } from '../../../platform/settings.js';
import { closeTasks, createTask } from '../../../platform/tasks.js';
import { activeAssignment, touchFile, type FileRow } from '../files.repository.js';
import { assertFileAccess, listScope, ownFamilyId, teacherAssignment } from '../files.access.js';
import { requireStage } from '../stages.rules.js';
import { changeStage } from '../stages.service.js';
import { insertLesson, lessonById, listLessons, updateAssignment, updateLesson } from './lessons.repository.js';
import { isGivenLesson, isPlausibleFirstLessonDate, isRecordableLessonDate } from './lessons.rules.js';

export type FirstLessonAnswer = { date: string } | { couldNotReach: true };

/** First-lesson answers (portal, staff or signed link), lessons recorded by teachers, families' confirmations. */
export function createLessonsService(deps: Deps) {
  const { db, clock } = deps;

  /** Used by the portals and by the signed link: one rule for both. */
  async function answerFirstLesson(
    tx: Tx,
    actor: Actor,
    file: FileRow,
    assignment: Selectable<AssignmentsTable>,
    answer: FirstLessonAnswer,
    by: string,
  ) {
    requireStage(file, 'contact_handed_over', 'first_lesson_scheduled');
    const now = clock.now().toISOString();
    const today = await organisationToday(tx, clock);
    if ('date' in answer) {
      // A first lesson is planned or just happened: not years away, not long before the hand-over.
      if (!isPlausibleFirstLessonDate(answer.date, today, (assignment.handed_over_at ?? now).slice(0, 10)))
        throw new DomainError('VALIDATION_FAILED', {
          fields: [{ field: 'date', code: 'first_lesson_date_implausible' }],
        });
      const set = {
        first_lesson_on: answer.date,
        first_lesson_recorded_by: by,
        could_not_reach_at: null,
        updated_at: now,
        version: assignment.version + 1,
      };
      await updateAssignment(tx, assignment.id, set);
      await recordAudit(tx, clock, actor, {
        entityType: 'assignment',
        entityId: assignment.id,
        action: 'update',
        before: assignment,
        after: { ...assignment, ...set },
        summary: `first lesson on ${answer.date} (${by})`,
      });
      await closeTasks(
        tx,
        clock,
        { kind: 'first-lesson-alert', fileId: file.id },
        `first lesson date known: ${answer.date}`,
      );
      await closeTasks(
        tx,
        clock,
        { kind: 'could-not-reach', fileId: file.id },
        `first lesson date known: ${answer.date}`,
      );
      if (file.stage === 'contact_handed_over')
        await changeStage(deps, tx, actor, file, 'first_lesson_scheduled', `first lesson on ${answer.date} (${by})`);
      else await touchFile(tx, file.id, now);
    } else {
      const set = { could_not_reach_at: now, updated_at: now, version: assignment.version + 1 };
      await updateAssignment(tx, assignment.id, set);
      await recordAudit(tx, clock, actor, {
        entityType: 'assignment',
        entityId: assignment.id,
        action: 'update',
        before: assignment,
        after: { ...assignment, ...set },
        summary: `could not reach each other (${by})`,
      });
      await createTask(tx, clock, {
        kind: 'could-not-reach',
        service: 'followup',
        title: `Call both sides: they could not reach each other (${by})`,
        dueOn: today,
        fileId: file.id,
        familyId: file.family_id,
        teacherId: assignment.teacher_id,
        dedupeKey: `could-not-reach:${assignment.id}:${today}`,
      });
    }
  }

  return {
    answerFirstLesson,

    /**
     * A month of lessons. Staff see everyone's (optionally one teacher's or family's); a teacher only their own and
     * a guardian only their family's — asking for someone else's is refused, not silently narrowed.
     */
    async listMonth(
      actor: Actor,
      query: { month: string; teacherId?: string; familyId?: string; cursor?: string; limit: number },
    ): Promise<{ items: LessonListItem[]; nextCursor: string | null }> {
      let { teacherId, familyId } = query;
      if (!can(actor, 'agency.read')) requireUser(actor);
      const scope = await listScope(db, actor);
      if (scope.kind === 'teacher') {
        if (teacherId && teacherId !== scope.teacherId) throw forbidden();
        teacherId = scope.teacherId;
      } else if (scope.kind === 'family') {
        if (familyId && familyId !== scope.familyId) throw forbidden();
        familyId = scope.familyId;
      }
      const from = `${query.month}-01`;
      const to = lastDayOfMonth(Number(query.month.slice(0, 4)), Number(query.month.slice(5, 7)));
      const rows = await listLessons(db, {
        from,
        to,
        teacherId,
        familyId,
        after: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { page, nextCursor } = keysetPage(rows, query.limit, (r) => [r.lesson_date, r.id]);
      return {
        items: page.map((r) => ({
          id: r.id,
          date: r.lesson_date,
          minutes: r.minutes,
          status: r.status,
          place: r.place,
          familyResponse: r.family_response,
          disputeReason: r.dispute_reason,
          fileId: r.file_id,
          instrument: r.instrument,
          teacherId: r.teacher_id,
          teacherName: `${r.teacher_first_name} ${r.teacher_last_name}`,
          studentId: r.student_id,
          studentName: `${r.student_first_name} ${r.student_last_name}`,
          familyId: r.family_id,
          familyName: r.family_name,
          version: r.version,
        })),
        nextCursor,
      };
    },

    async firstLesson(actor: Actor, fileId: string, answer: FirstLessonAnswer) {
      await db.transaction().execute(async (tx) => {
        const { file, access } = await assertFileAccess(tx, actor, fileId);
        if (access === 'staff' && !can(actor, 'agency.followup')) throw forbidden();
        const assignment =
          access === 'teacher' ? await teacherAssignment(tx, actor, fileId, true) : await activeAssignment(tx, fileId);
        if (!assignment) throw new DomainError('NO_ACTIVE_ASSIGNMENT', { status: 409 });
        await answerFirstLesson(tx, actor, file, assignment, answer, access === 'staff' ? actorName(actor) : access);
      });
      return { id: fileId };
    },

    /** The teacher of the file (or followup) records a lesson; the first one done moves the file to ongoing. */
    async record(actor: Actor, fileId: string, body: z.infer<typeof RecordLessonBody>) {
      return db.transaction().execute(async (tx) => {
        const { file, access } = await assertFileAccess(tx, actor, fileId);
        if (access === 'family' || (access === 'staff' && !can(actor, 'agency.followup'))) throw forbidden();
        const assignment =
          access === 'teacher' ? await teacherAssignment(tx, actor, fileId, true) : await activeAssignment(tx, fileId);
        if (!assignment) throw new DomainError('NO_ACTIVE_ASSIGNMENT', { status: 409 });
        const today = await organisationToday(tx, clock);
        if (!isRecordableLessonDate(body.date, today, assignment.started_on)) {
          const code = body.date > today ? 'lesson_date_future' : 'lesson_date_before_start';
          throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'date', code }] });
        }
        const now = clock.now().toISOString();
        const row = {
          id: newId(),
          assignment_id: assignment.id,
          file_id: fileId,
          teacher_id: assignment.teacher_id,
          student_id: file.student_id,
          family_id: file.family_id,
          lesson_date: body.date,
          minutes: body.minutes,
          status: body.status,
          place: body.place ?? file.place,
          family_response: null,
          dispute_reason: null,
          recorded_by: actorName(actor),
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await insertLesson(tx, row);
        await recordAudit(tx, clock, actor, { entityType: 'lesson', entityId: row.id, action: 'create', after: row });
        if (isGivenLesson(body.status)) {
          await closeTasks(tx, clock, { kind: 'no-lesson-while-billable', fileId }, 'a lesson was recorded');
          await closeTasks(tx, clock, { kind: 'first-lesson-alert', fileId }, 'a lesson was recorded');
          if (!assignment.first_lesson_on)
            await updateAssignment(tx, assignment.id, {
              first_lesson_on: body.date,
              first_lesson_recorded_by: access,
              updated_at: now,
            });
          if (file.stage === 'contact_handed_over' || file.stage === 'first_lesson_scheduled')
            await changeStage(deps, tx, actor, file, 'ongoing', `first lesson given on ${body.date}`);
        }
        return {
          id: row.id,
          date: row.lesson_date,
          minutes: row.minutes,
          status: row.status,
          place: row.place,
          familyResponse: null,
          disputeReason: null,
          teacherId: row.teacher_id,
          version: 1,
        };
      });
    },

    /** The family confirms or disputes a lesson; a dispute becomes a followup task. */
    async respond(actor: Actor, lessonId: string, body: z.infer<typeof LessonResponseBody>) {
      return db.transaction().execute(async (tx) => {
        const lesson = await lessonById(tx, lessonId);
        if (!lesson) throw notFound();
        if ((await ownFamilyId(tx, actor)) !== lesson.family_id) throw forbidden();
        const set = {
          family_response: body.response,
          dispute_reason: body.response === 'disputed' ? body.reason : null,
          updated_at: clock.now().toISOString(),
          version: lesson.version + 1,
        };
        await updateLesson(tx, lessonId, set);
        await recordAudit(tx, clock, actor, {
          entityType: 'lesson',
          entityId: lessonId,
          action: 'update',
          before: lesson,
          after: { ...lesson, ...set },
        });
        if (body.response === 'disputed') {
          await createTask(tx, clock, {
            kind: 'lesson-disputed',
            service: 'followup',
            title: `Lesson of ${lesson.lesson_date} disputed by the family`,
            details: body.reason,
            dueOn: await organisationToday(tx, clock),
            fileId: lesson.file_id,
            familyId: lesson.family_id,
            teacherId: lesson.teacher_id,
            dedupeKey: `lesson-disputed:${lessonId}`,
          });
        }
        return { id: lessonId, familyResponse: set.family_response, disputeReason: set.dispute_reason };
      });
    },
  };
}
export type LessonsService = ReturnType<typeof createLessonsService>;
