import type { z } from 'zod';
import type {
  CloseFileBody,
  EndAssignmentBody,
  ExternalCandidateBody,
  FileAssignment,
  FileNoteBody,
  FileStage,
  FileSummary,
  OwnerService,
  UpdateRequestBody,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, invalidField, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { organisationToday } from '../../platform/settings.js';
import { closeTasks } from '../../platform/tasks.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import { STAGE_OVERDUE_DAYS } from './agency.settings.js';
import {
  activeAssignment,
  cancelOpenTasksOfFile,
  fileIdByReference,
  filePage,
  fileStaffPage,
  insertExternalCandidate,
  insertSubscription,
  isTeacherOfFile,
  findFile,
  listFiles,
  moveFileStage,
  openSubscription,
  personFamily,
  updateAssignmentAt,
  updateSubscription,
  updateSubscriptionAt,
  type FileRow,
} from './files.repository.js';
import {
  assertFileAccess,
  fileFields,
  listScope,
  showsAssignment,
  showsLesson,
  showsSubscription,
} from './files.access.js';
import { planById } from './plans.repository.js';
import { toPlan } from './plans.service.js';
import { ageOn } from './requests.rules.js';
import {
  ASSIGNED_STAGES,
  daysInStage,
  isOverdue,
  overdueBefore,
  requireStage,
  stageAfterAssignmentEnds,
} from './stages.rules.js';
import { changeStage } from './stages.service.js';

/** Files (dossiers) through the pipeline: lists, the file page, subscription, end of an assignment, closing. */
export function createFilesService(deps: Deps, contacts: ContactsService) {
  const { db, clock } = deps;

  /** Per stage, the instant before which a file still there is overdue (the stages' delays are a setting). */
  async function stageDeadlines(tx: Tx): Promise<Record<string, string>> {
    return overdueBefore(await STAGE_OVERDUE_DAYS.read(tx), clock.now());
  }

  async function endActive(tx: Tx, actor: Actor, file: FileRow, reason: string, today: string) {
    const assignment = await activeAssignment(tx, file.id);
    if (!assignment) return null;
    const set = {
      ended_on: today,
      end_reason: reason,
      updated_at: clock.now().toISOString(),
      version: assignment.version + 1,
    };
    await updateAssignmentAt(tx, assignment.id, assignment.version, set);
    await recordAudit(tx, clock, actor, {
      entityType: 'assignment',
      entityId: assignment.id,
      action: 'end',
      before: assignment,
      after: { ...assignment, ...set },
      summary: reason,
    });
    return assignment;
  }

  /**
   * Ends the file's current assignment with its reason, closes the tasks about it, and either sends the file back to
   * a new search (subscription pending: no teacher, no charge) or records the end alone.
   */
  async function endAssignmentOf(
    tx: Tx,
    actor: Actor,
    file: FileRow,
    reason: string,
    details: string | null | undefined,
    newSearch: boolean,
  ) {
    const today = await organisationToday(tx, clock);
    const ended = await endActive(tx, actor, file, reason, today);
    if (!ended) throw new DomainError('NO_ACTIVE_ASSIGNMENT');
    for (const kind of ['first-lesson-alert', 'could-not-reach', 'check-in', 'no-lesson-while-billable'])
      await closeTasks(tx, clock, { kind, fileId: file.id }, `assignment ended: ${reason}`);
    const newStage = stageAfterAssignmentEnds(newSearch);
    if (newStage) {
      // No teacher, no charge: the subscription waits (pending) until the next hand-over restarts the clock.
      const sub = await openSubscription(tx, file.id);
      if (sub && sub.status === 'active') {
        const set = { status: 'pending', updated_at: clock.now().toISOString(), version: sub.version + 1 };
        await updateSubscriptionAt(tx, sub.id, sub.version, set);
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: sub.id,
          action: 'update',
          before: sub,
          after: { ...sub, ...set },
          summary: 'new teacher search: not billable until the next hand-over',
        });
      }
      await changeStage(deps, tx, actor, file, newStage, `new search after ${reason}${details ? `: ${details}` : ''}`);
    } else {
      await recordAudit(tx, clock, actor, {
        entityType: 'lesson_file',
        entityId: file.id,
        action: 'assignment-ended',
        summary: `${reason}${details ? `: ${details}` : ''}`,
      });
    }
  }

  return {
    activeAssignment,

    /** The file of a request reference typed in the search box (404 when none); staff only. */
    async lookup(actor: Actor, reference: string): Promise<{ id: string }> {
      requirePermission(actor, 'agency.read');
      const id = await fileIdByReference(db, reference.trim());
      if (!id) throw notFound();
      return { id };
    },

    async list(
      actor: Actor,
      query: {
        stage?: FileStage;
        owner?: OwnerService;
        needsAction?: 'today';
        open?: 'true';
        q?: string;
        city?: string;
        familyId?: string;
        studentId?: string;
        teacherId?: string;
        cursor?: string;
        limit: number;
      },
    ): Promise<{ items: FileSummary[]; nextCursor: string | null }> {
      // Teachers and families list only their own files (their portal), never anyone else's: their scope replaces
      // whatever family or teacher they asked for.
      const scope = await listScope(db, actor);
      const teacherId =
        scope.kind === 'teacher' ? scope.teacherId : scope.kind === 'staff' ? query.teacherId : undefined;
      const familyId = scope.kind === 'family' ? scope.familyId : scope.kind === 'staff' ? query.familyId : undefined;
      const today = await organisationToday(db, clock);
      const before = await stageDeadlines(db);
      const rows = await listFiles(db, {
        ...query,
        teacherId,
        familyId,
        after: decodeCursor(query.cursor),
        limit: query.limit,
        today,
        overdueBefore: before,
      });
      const { page, nextCursor } = keysetPage(rows, query.limit, (r) => [r.stage_changed_at, r.id]);
      const now = clock.now();
      return {
        items: page.map((r) => ({
          id: r.id,
          reference: r.reference,
          stage: r.stage as FileStage,
          ownerService: r.owner_service,
          stageChangedAt: r.stage_changed_at,
          daysInStage: daysInStage(r.stage_changed_at, now),
          overdue: isOverdue(r.stage, r.stage_changed_at, before),
          noLessonWhileBillable: Number(r.no_lesson) === 1,
          duplicateFamilyId: r.duplicate_family_id,
          familyId: r.family_id,
          familyName: r.family_name,
          studentId: r.student_id,
          studentName: `${r.student_first_name} ${r.student_last_name}`,
          instrument: r.instrument,
          level: r.level,
          place: r.place,
          city: r.city,
          openTasks: Number(r.open_tasks ?? 0),
        })),
        nextCursor,
      };
    },

    /** The file page: what each audience may see of it (staff everything; teacher and family their part). */
    async get(actor: Actor, fileId: string) {
      const { file, access } = await assertFileAccess(db, actor, fileId);
      const today = await organisationToday(db, clock);
      const before = await stageDeadlines(db);
      const staff = access === 'staff';
      const [family, members, slots, assignments, lessons, subscription, flag] = await filePage(db, file, today);
      const student = members.find((m) => m.id === file.student_id);
      // A teacher sees the assignments that are theirs only; the family sees the current teacher's contact.
      const visibleAssignments = assignments.filter((a) => showsAssignment(access, actor, a));
      const staffOnly = staff
        ? await fileStaffPage(
            db,
            file,
            members.map((m) => m.id),
          )
        : null;
      return {
        id: file.id,
        reference: file.reference,
        access,
        stage: file.stage,
        ownerService: file.owner_service,
        stageChangedAt: file.stage_changed_at,
        daysInStage: daysInStage(file.stage_changed_at, clock.now()),
        overdue: isOverdue(file.stage, file.stage_changed_at, before),
        noLessonWhileBillable: Number(flag.no_lesson) === 1,
        source: file.source,
        instrument: file.instrument,
        level: file.level,
        goals: file.goals,
        place: file.place,
        address: {
          line1: file.address_line1,
          postalCode: file.postal_code,
          city: file.city,
          inseeCode: file.insee_code,
        },
        lessonMinutes: file.lesson_minutes,
        frequency: file.frequency,
        teacherWishes: file.teacher_wishes,
        styles: file.styles ? (JSON.parse(file.styles) as string[]) : [],
        closedReason: file.closed_reason,
        version: file.version,
        createdAt: file.created_at,
        slots: slots.map((s) => ({ weekday: s.weekday, startMinute: s.start_minute, endMinute: s.end_minute })),
        family: {
          id: family.id,
          name: family.name,
          locale: family.locale,
          members: members.map((m) => ({
            id: m.id,
            kind: m.kind,
            firstName: m.first_name,
            lastName: m.last_name,
            email: m.email,
            phone: m.phone,
          })),
        },
        student: student
          ? {
              id: student.id,
              firstName: student.first_name,
              lastName: student.last_name,
              age: ageOn(student.birth_date, today),
            }
          : null,
        assignments: visibleAssignments.map((a) => ({
          id: a.id,
          teacherId: a.teacher_id,
          teacherName: `${a.first_name} ${a.last_name}`,
          teacherEmail: a.email,
          teacherPhone: a.phone,
          startedOn: a.started_on,
          endedOn: a.ended_on,
          endReason: a.end_reason,
          handedOverAt: a.handed_over_at,
          firstLessonOn: a.first_lesson_on,
          couldNotReachAt: a.could_not_reach_at,
          // Scores and reasons are the staff's working notes, not shown to the teacher or the family.
          choiceReasons:
            access === 'staff' && a.choice_reasons
              ? (JSON.parse(a.choice_reasons) as FileAssignment['choiceReasons'])
              : null,
        })),
        lessons: lessons
          .filter((l) => showsLesson(access, actor, l))
          .map((l) => ({
            id: l.id,
            date: l.lesson_date,
            minutes: l.minutes,
            status: l.status,
            place: l.place,
            familyResponse: l.family_response,
            disputeReason: l.dispute_reason,
            teacherId: l.teacher_id,
            version: l.version,
          })),
        subscription:
          subscription && showsSubscription(access)
            ? {
                id: subscription.id,
                planId: subscription.plan_id,
                planName: subscription.plan_name,
                status: subscription.status,
                subscribedOn: subscription.subscribed_on,
                billableFrom: subscription.billable_from,
                firstDebitBy: subscription.first_debit_by,
                endedOn: subscription.ended_on,
                onHold: subscription.on_hold === 1,
              }
            : null,
        duplicateOf: fileFields(access).has('duplicate_family_id') ? (staffOnly?.[5] ?? null) : null,
        history: (staffOnly?.[0] ?? []).map((e) => ({
          at: e.at,
          from: e.from_stage,
          to: e.to_stage,
          reason: e.reason,
          actorName: e.actor_name,
        })),
        tasks: (staffOnly?.[1] ?? []).map((t) => ({
          id: t.id,
          kind: t.kind,
          service: t.service,
          title: t.title,
          dueOn: t.due_on,
          status: t.status,
          outcome: t.outcome,
        })),
        contacts: (staffOnly?.[2] ?? []).map((c) => ({
          id: c.id,
          at: c.at,
          actorName: c.actor_name,
          channel: c.channel,
          direction: c.direction,
          personId: c.person_id,
          summary: c.summary,
          outcome: c.outcome,
          mediation: c.subject_type === 'lesson_file_mediation',
        })),
        externalCandidates: (staffOnly?.[3] ?? []).map((c) => ({
          id: c.id,
          name: c.name,
          contact: c.contact,
          notes: c.notes,
          createdAt: c.created_at,
        })),
        tickets: (staffOnly?.[4] ?? []).map((t) => ({
          id: t.id,
          subject: t.subject,
          status: t.status,
          createdAt: t.created_at,
          solvedAt: t.solved_at,
        })),
      };
    },

    /** Sales subscribes the family to a plan: pending (never billable before the hand-over), then to recruitment. */
    async subscribe(actor: Actor, fileId: string, planId: string) {
      requirePermission(actor, 'agency.sell');
      const result = await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, 'new_request');
        if (await openSubscription(tx, fileId)) throw new DomainError('ALREADY_SUBSCRIBED');
        const plan = await planById(tx, planId);
        if (!plan || plan.active !== 1) throw invalidField('planId', 'PLAN_INACTIVE');
        const now = clock.now().toISOString();
        const row = {
          id: newId(),
          file_id: fileId,
          family_id: file.family_id,
          student_id: file.student_id,
          plan_id: planId,
          status: 'pending',
          subscribed_on: await organisationToday(tx, clock),
          billable_from: null,
          first_debit_by: null,
          ended_on: null,
          on_hold: 0,
          hold_reason: null,
          hold_since: null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await insertSubscription(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: row.id,
          action: 'create',
          after: row,
          summary: plan.name,
        });
        const subscribed = await changeStage(deps, tx, actor, file, 'subscribed', `subscribed to ${plan.name}`);
        await changeStage(deps, tx, actor, subscribed, 'matching', 'sent to recruitment for a teacher search');
        return { subscriptionId: row.id, plan: toPlan(plan) };
      });
      return { id: fileId, ...result };
    },

    async addExternalCandidate(actor: Actor, fileId: string, body: z.infer<typeof ExternalCandidateBody>) {
      requirePermission(actor, 'agency.recruit');
      return db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, 'matching');
        const row = {
          id: newId(),
          file_id: fileId,
          name: body.name,
          contact: body.contact,
          notes: body.notes ?? null,
          created_by: actor.kind === 'user' ? actor.displayName : null,
          created_at: clock.now().toISOString(),
        };
        await insertExternalCandidate(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'lesson_file',
          entityId: fileId,
          action: 'external-candidate',
          after: row,
          summary: body.name,
        });
        return { id: row.id, name: row.name, contact: row.contact, notes: row.notes, createdAt: row.created_at };
      });
    },

    /** Ends the current assignment with a reason; a new search sends the file back to recruitment, history kept. */
    async endAssignment(actor: Actor, fileId: string, body: z.infer<typeof EndAssignmentBody>) {
      requirePermission(actor, 'agency.endAssignment');
      await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, ...ASSIGNED_STAGES);
        await endAssignmentOf(tx, actor, file, body.reason, body.details, body.newSearch);
      });
      return { id: fileId };
    },

    /**
     * Changes a request on its file (the student switches from piano to violin…): the same file keeps its history;
     * a new instrument on a file with a teacher ends that assignment (`student_changed_instrument`) and sends the
     * file back to a new search. Every change is audited in the one transaction.
     */
    async updateRequest(actor: Actor, fileId: string, body: z.infer<typeof UpdateRequestBody>) {
      requirePermission(actor, 'agency.work');
      return db.transaction().execute(async (tx) => {
        let { file } = await assertFileAccess(tx, actor, fileId);
        if (file.stage === 'closed') throw new DomainError('WRONG_STAGE');
        if (file.version !== body.version) throw stale();
        const instrument = body.instrument?.toLowerCase();
        const newInstrument = instrument !== undefined && instrument !== file.instrument;
        if (newInstrument && (ASSIGNED_STAGES as readonly string[]).includes(file.stage)) {
          await endAssignmentOf(
            tx,
            actor,
            file,
            'student_changed_instrument',
            `${file.instrument} → ${instrument}`,
            true,
          );
          const reread = await findFile(tx, fileId);
          if (!reread) throw notFound();
          file = reread;
        }
        const set = {
          ...(instrument !== undefined ? { instrument } : {}),
          ...(body.level !== undefined ? { level: body.level } : {}),
          ...(body.lessonMinutes !== undefined ? { lesson_minutes: body.lessonMinutes } : {}),
          ...(body.goals !== undefined ? { goals: body.goals || null } : {}),
          ...(body.teacherWishes !== undefined ? { teacher_wishes: body.teacherWishes || null } : {}),
          updated_at: clock.now().toISOString(),
        };
        if ((await moveFileStage(tx, file.id, file.version, set)) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'lesson_file',
          entityId: file.id,
          action: 'update',
          before: file,
          after: { ...file, ...set, version: file.version + 1 },
          summary: newInstrument ? `request changed: ${file.instrument} → ${instrument}` : 'request changed',
        });
        return { id: file.id, newSearch: newInstrument };
      });
    },

    async close(actor: Actor, fileId: string, body: z.infer<typeof CloseFileBody>) {
      requirePermission(actor, 'agency.close');
      await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        if (file.stage === 'closed') throw new DomainError('WRONG_STAGE');
        const today = await organisationToday(tx, clock);
        await endActive(tx, actor, file, 'family_stopped', today);
        const sub = await openSubscription(tx, fileId);
        if (sub) {
          const set = {
            status: 'ended',
            ended_on: today,
            updated_at: clock.now().toISOString(),
            version: sub.version + 1,
          };
          await updateSubscription(tx, sub.id, set);
          await recordAudit(tx, clock, actor, {
            entityType: 'subscription',
            entityId: sub.id,
            action: 'update',
            before: sub,
            after: { ...sub, ...set },
            summary: 'file closed',
          });
        }
        await cancelOpenTasksOfFile(tx, fileId, clock.now().toISOString());
        await changeStage(deps, tx, actor, file, 'closed', body.reason, { closed_reason: body.reason });
      });
      return { id: fileId };
    },

    /** Every call, e-mail or mediation note about a file, in the shared contact log. */
    async logContact(actor: Actor, fileId: string, body: z.infer<typeof FileNoteBody>) {
      requirePermission(actor, 'agency.work');
      return db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        if (body.personId) {
          const person = await personFamily(tx, body.personId);
          const onFile =
            person && (person.family_id === file.family_id || (await isTeacherOfFile(tx, fileId, body.personId)));
          if (!onFile)
            throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'personId', code: 'invalid_value' }] });
        }
        return contacts.log(tx, actor, {
          channel: body.channel,
          direction: body.direction ?? null,
          personId: body.personId ?? null,
          familyId: file.family_id,
          subjectType: body.mediation ? 'lesson_file_mediation' : 'lesson_file',
          subjectId: fileId,
          summary: body.summary,
          outcome: body.outcome ?? null,
        });
      });
    },
  };
}
export type FilesService = ReturnType<typeof createFilesService>;
