import type { z } from 'zod';
import type {
  CloseFileBody,
  EndAssignmentBody,
  ExternalCandidateBody,
  FileNoteBody,
  FileStage,
  FileSummary,
  OwnerService,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { hasRole, requireRole, type Actor } from '../../platform/actor.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { daysBetween } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { readSetting } from '../../platform/settings.js';
import { closeTasks } from '../../platform/tasks.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import { SETTING } from './agency.settings.js';
import {
  FILE_STAFF,
  ageOn,
  assertFileAccess,
  changeStage,
  guardianFamilyId,
  requireStage,
  todayIn,
  type FileRow,
} from './agency-core.js';
import { fileFields, showsAssignment, showsLesson, showsSubscription } from './agency-core.js';
import { listFiles, noLessonWhileBillableSql } from './files.repository.js';
import { toPlan } from './plans.service.js';

/** Files (dossiers) through the pipeline: lists, the file page, subscription, end of an assignment, closing. */
export function createFilesService(deps: Deps, contacts: ContactsService) {
  const { db, clock } = deps;

  async function overdueBefore(tx: Tx): Promise<Record<string, string>> {
    const days = await readSetting<Record<string, number>>(tx, SETTING.overdueDays);
    const now = clock.now().getTime();
    return Object.fromEntries(
      Object.entries(days).map(([stage, d]) => [stage, new Date(now - d * 86_400_000).toISOString()]),
    );
  }

  function isOverdue(stage: string, stageChangedAt: string, before: Record<string, string>): boolean {
    const limit = before[stage];
    return stage !== 'closed' && !!limit && stageChangedAt < limit;
  }

  async function activeAssignment(tx: Tx, fileId: string) {
    return tx
      .selectFrom('assignments')
      .selectAll()
      .where('file_id', '=', fileId)
      .where('ended_on', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  async function openSubscription(tx: Tx, fileId: string) {
    return tx
      .selectFrom('subscriptions')
      .selectAll()
      .where('file_id', '=', fileId)
      .where('status', '!=', 'ended')
      .executeTakeFirst();
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
    await tx
      .updateTable('assignments')
      .set(set)
      .where('id', '=', assignment.id)
      .where('version', '=', assignment.version)
      .execute();
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

  return {
    activeAssignment,

    async list(
      actor: Actor,
      query: {
        stage?: FileStage;
        owner?: OwnerService;
        needsAction?: 'today';
        open?: 'true';
        cursor?: string;
        limit: number;
      },
    ): Promise<{ items: FileSummary[]; nextCursor: string | null }> {
      let teacherId: string | undefined;
      let familyId: string | undefined;
      if (!hasRole(actor, ...FILE_STAFF, 'board')) {
        // Teachers and families list only their own files (their portal), never anyone else's.
        if (actor.kind === 'user' && actor.roles.has('teacher') && actor.personId) teacherId = actor.personId;
        else {
          const own = await guardianFamilyId(db, actor);
          if (!own) throw forbidden();
          familyId = own;
        }
      }
      const today = await todayIn(deps, db);
      const before = await overdueBefore(db);
      const rows = await listFiles(db, {
        ...query,
        teacherId,
        familyId,
        after: decodeCursor(query.cursor),
        limit: query.limit,
        today,
        overdueBefore: before,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nowDate = clock.now().toISOString().slice(0, 10);
      return {
        items: page.map((r) => ({
          id: r.id,
          reference: r.reference,
          stage: r.stage as FileStage,
          ownerService: r.owner_service,
          stageChangedAt: r.stage_changed_at,
          daysInStage: Math.max(0, daysBetween(r.stage_changed_at.slice(0, 10), nowDate)),
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
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.stage_changed_at, last.id]) : null,
      };
    },

    /** The file page: what each audience may see of it (staff everything; teacher and family their part). */
    async get(actor: Actor, fileId: string) {
      const { file, access } = await assertFileAccess(db, actor, fileId);
      const today = await todayIn(deps, db);
      const before = await overdueBefore(db);
      const staff = access === 'staff';
      const [family, members, slots, assignments, lessons, subscription, flag] = await Promise.all([
        db
          .selectFrom('families')
          .select(['id', 'name', 'locale'])
          .where('id', '=', file.family_id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('people')
          .select(['id', 'kind', 'first_name', 'last_name', 'email', 'phone', 'birth_date'])
          .where('family_id', '=', file.family_id)
          .execute(),
        db
          .selectFrom('file_slots')
          .select(['weekday', 'start_minute', 'end_minute'])
          .where('file_id', '=', fileId)
          .orderBy('weekday')
          .orderBy('start_minute')
          .execute(),
        db
          .selectFrom('assignments')
          .innerJoin('people', 'people.id', 'assignments.teacher_id')
          .select([
            'assignments.id',
            'assignments.teacher_id',
            'assignments.started_on',
            'assignments.ended_on',
            'assignments.end_reason',
            'assignments.handed_over_at',
            'assignments.first_lesson_on',
            'assignments.could_not_reach_at',
            'assignments.version',
            'people.first_name',
            'people.last_name',
            'people.email',
            'people.phone',
          ])
          .where('assignments.file_id', '=', fileId)
          .orderBy('assignments.created_at', 'desc')
          .execute(),
        db
          .selectFrom('lessons')
          .selectAll()
          .where('file_id', '=', fileId)
          .orderBy('lesson_date', 'desc')
          .limit(100)
          .execute(),
        db
          .selectFrom('subscriptions')
          .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
          .selectAll('subscriptions')
          .select(['plans.name as plan_name'])
          .where('subscriptions.file_id', '=', fileId)
          .orderBy('subscriptions.created_at', 'desc')
          .executeTakeFirst(),
        db
          .selectFrom('lesson_files')
          .select(noLessonWhileBillableSql(today).as('no_lesson'))
          .where('id', '=', fileId)
          .executeTakeFirstOrThrow(),
      ]);
      const student = members.find((m) => m.id === file.student_id);
      // A teacher sees the assignments that are theirs only; the family sees the current teacher's contact.
      const visibleAssignments = assignments.filter((a) => showsAssignment(access, actor, a));
      const staffOnly = staff
        ? await Promise.all([
            db.selectFrom('file_stage_events').selectAll().where('file_id', '=', fileId).orderBy('at').execute(),
            db
              .selectFrom('tasks')
              .selectAll()
              .where('file_id', '=', fileId)
              .orderBy('status', 'desc')
              .orderBy('due_on')
              .limit(100)
              .execute(),
            db
              .selectFrom('contact_log')
              .selectAll()
              .where((eb) =>
                eb.or([
                  eb('subject_id', '=', fileId),
                  eb('family_id', '=', file.family_id),
                  eb('person_id', 'in', members.length ? members.map((m) => m.id) : ['-']),
                ]),
              )
              .orderBy('at', 'desc')
              .limit(100)
              .execute(),
            db
              .selectFrom('external_candidates')
              .selectAll()
              .where('file_id', '=', fileId)
              .orderBy('created_at')
              .execute(),
            db.selectFrom('tickets').selectAll().where('file_id', '=', fileId).orderBy('created_at', 'desc').execute(),
            file.duplicate_family_id
              ? db
                  .selectFrom('families')
                  .select(['id', 'name'])
                  .where('id', '=', file.duplicate_family_id)
                  .executeTakeFirst()
              : Promise.resolve(undefined),
          ])
        : null;
      return {
        id: file.id,
        reference: file.reference,
        access,
        stage: file.stage,
        ownerService: file.owner_service,
        stageChangedAt: file.stage_changed_at,
        daysInStage: Math.max(
          0,
          daysBetween(file.stage_changed_at.slice(0, 10), clock.now().toISOString().slice(0, 10)),
        ),
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
      requireRole(actor, 'sales');
      const result = await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, 'new_request');
        if (await openSubscription(tx, fileId)) throw new DomainError('ALREADY_SUBSCRIBED', { status: 409 });
        const plan = await tx.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
        if (!plan || plan.active !== 1)
          throw new DomainError('PLAN_INACTIVE', { status: 422, fields: [{ field: 'planId', code: 'PLAN_INACTIVE' }] });
        const now = clock.now().toISOString();
        const row = {
          id: newId(),
          file_id: fileId,
          family_id: file.family_id,
          student_id: file.student_id,
          plan_id: planId,
          status: 'pending',
          subscribed_on: await todayIn(deps, tx),
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
        await tx.insertInto('subscriptions').values(row).execute();
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
      requireRole(actor, 'recruitment');
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
        await tx.insertInto('external_candidates').values(row).execute();
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
      requireRole(actor, 'followup', 'recruitment');
      await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, 'contact_handed_over', 'first_lesson_scheduled', 'ongoing');
        const today = await todayIn(deps, tx);
        const ended = await endActive(tx, actor, file, body.reason, today);
        if (!ended) throw new DomainError('NO_ACTIVE_ASSIGNMENT', { status: 409 });
        for (const kind of ['first-lesson-alert', 'could-not-reach', 'check-in', 'no-lesson-while-billable'])
          await closeTasks(tx, clock, { kind, fileId }, `assignment ended: ${body.reason}`);
        if (body.newSearch) {
          // No teacher, no charge: the subscription waits (pending) until the next hand-over restarts the clock.
          const sub = await openSubscription(tx, fileId);
          if (sub && sub.status === 'active') {
            const set = { status: 'pending', updated_at: clock.now().toISOString(), version: sub.version + 1 };
            await tx
              .updateTable('subscriptions')
              .set(set)
              .where('id', '=', sub.id)
              .where('version', '=', sub.version)
              .execute();
            await recordAudit(tx, clock, actor, {
              entityType: 'subscription',
              entityId: sub.id,
              action: 'update',
              before: sub,
              after: { ...sub, ...set },
              summary: 'new teacher search: not billable until the next hand-over',
            });
          }
          await changeStage(
            deps,
            tx,
            actor,
            file,
            'matching',
            `new search after ${body.reason}${body.details ? `: ${body.details}` : ''}`,
          );
        } else {
          await recordAudit(tx, clock, actor, {
            entityType: 'lesson_file',
            entityId: fileId,
            action: 'assignment-ended',
            summary: `${body.reason}${body.details ? `: ${body.details}` : ''}`,
          });
        }
      });
      return { id: fileId };
    },

    async close(actor: Actor, fileId: string, body: z.infer<typeof CloseFileBody>) {
      requireRole(actor, 'sales', 'followup');
      await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        if (file.stage === 'closed') throw new DomainError('WRONG_STAGE', { status: 409 });
        const today = await todayIn(deps, tx);
        await endActive(tx, actor, file, 'family_stopped', today);
        const sub = await openSubscription(tx, fileId);
        if (sub) {
          const set = {
            status: 'ended',
            ended_on: today,
            updated_at: clock.now().toISOString(),
            version: sub.version + 1,
          };
          await tx.updateTable('subscriptions').set(set).where('id', '=', sub.id).execute();
          await recordAudit(tx, clock, actor, {
            entityType: 'subscription',
            entityId: sub.id,
            action: 'update',
            before: sub,
            after: { ...sub, ...set },
            summary: 'file closed',
          });
        }
        await tx
          .updateTable('tasks')
          .set({ status: 'cancelled', outcome: 'file closed', updated_at: clock.now().toISOString() })
          .where('file_id', '=', fileId)
          .where('status', '=', 'open')
          .execute();
        await changeStage(deps, tx, actor, file, 'closed', body.reason, { closed_reason: body.reason });
      });
      return { id: fileId };
    },

    /** Every call, e-mail or mediation note about a file, in the shared contact log. */
    async logContact(actor: Actor, fileId: string, body: z.infer<typeof FileNoteBody>) {
      requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts');
      return db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        if (body.personId) {
          const person = await tx
            .selectFrom('people')
            .select(['family_id'])
            .where('id', '=', body.personId)
            .executeTakeFirst();
          const onFile =
            person &&
            (person.family_id === file.family_id ||
              (await tx
                .selectFrom('assignments')
                .select('id')
                .where('file_id', '=', fileId)
                .where('teacher_id', '=', body.personId)
                .executeTakeFirst()));
          if (!onFile)
            throw new DomainError('VALIDATION_FAILED', {
              status: 400,
              fields: [{ field: 'personId', code: 'invalid_value' }],
            });
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
