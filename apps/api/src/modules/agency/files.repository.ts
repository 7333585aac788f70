import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import { GIVEN_LESSON_STATUSES, type FileStage, type OwnerService } from '@contracts';
import type { Tx } from '../../db/database.js';
import type {
  AssignmentsTable,
  ExternalCandidatesTable,
  FileStageEventsTable,
  LessonFilesTable,
  SubscriptionsTable,
} from '../../db/tables.js';
import { keysetAfter } from '../../platform/cursor.js';

export type FileRow = Selectable<LessonFilesTable>;

/** The SQL of files: the file, its list, its page, its stage, its assignment and subscription. */

export async function findFile(tx: Tx, id: string): Promise<FileRow | undefined> {
  return tx.selectFrom('lesson_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `lower(expression) like pattern` with `\\` as the escape character, spelled out (SQLite has none by default). */
const likeLower = (expression: string, pattern: string) =>
  sql<SqlBool>`lower(${sql.ref(expression)}) like ${pattern} escape '\\'`;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** "A lesson that took place", as SQL literals: the same text as ('done', 'late') written by hand. */
const GIVEN = sql.join(GIVEN_LESSON_STATUSES.map((status) => sql.lit(status)));

/** A subscription being charged (hand-over passed) while no lesson was ever recorded on the file. */
export function noLessonWhileBillableSql(today: string) {
  return sql<number>`(case when exists (
      select 1 from subscriptions sub
      where sub.file_id = lesson_files.id and sub.status = 'active' and sub.billable_from is not null and sub.billable_from <= ${today}
        and not exists (select 1 from lessons l where l.file_id = lesson_files.id and l.status in (${GIVEN}))
    ) then 1 else 0 end)`;
}

export type FileListFilter = {
  stage?: FileStage;
  owner?: OwnerService;
  needsAction?: 'today';
  open?: 'true';
  teacherId?: string;
  familyId?: string;
  studentId?: string;
  /** name words of the student or family, or a reference */
  q?: string;
  city?: string;
  after?: [string, string];
  limit: number;
  today: string;
  /** per stage: files older than this instant in their stage are overdue */
  overdueBefore: Record<string, string>;
};

/** Oldest in stage first (the most urgent), keyset on (stage_changed_at, id). */
export async function listFiles(db: Tx, f: FileListFilter) {
  let q = db
    .selectFrom('lesson_files')
    .innerJoin('families', 'families.id', 'lesson_files.family_id')
    .innerJoin('people as student', 'student.id', 'lesson_files.student_id')
    .select([
      'lesson_files.id',
      'lesson_files.reference',
      'lesson_files.stage',
      'lesson_files.owner_service',
      'lesson_files.stage_changed_at',
      'lesson_files.duplicate_family_id',
      'lesson_files.family_id',
      'lesson_files.student_id',
      'lesson_files.instrument',
      'lesson_files.level',
      'lesson_files.place',
      'lesson_files.city',
      'families.name as family_name',
      'student.first_name as student_first_name',
      'student.last_name as student_last_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('tasks')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tasks.file_id', '=', 'lesson_files.id')
        .where('tasks.status', '=', 'open')
        .as('open_tasks'),
      noLessonWhileBillableSql(f.today).as('no_lesson'),
    ]);
  if (f.stage) q = q.where('lesson_files.stage', '=', f.stage);
  if (f.open) q = q.where('lesson_files.stage', 'not in', ['closed', 'new_request']);
  if (f.owner) q = q.where('lesson_files.owner_service', '=', f.owner);
  if (f.teacherId) {
    const teacherId = f.teacherId;
    // Driven from the teacher's assignments (an index range) rather than testing every file of the agency.
    q = q.where('lesson_files.id', 'in', (eb) =>
      eb
        .selectFrom('assignments')
        .select('assignments.file_id')
        .where('assignments.teacher_id', '=', teacherId)
        .where('assignments.file_id', 'is not', null)
        .$narrowType<{ file_id: string }>(),
    );
  }
  if (f.familyId) q = q.where('lesson_files.family_id', '=', f.familyId);
  if (f.studentId) q = q.where('lesson_files.student_id', '=', f.studentId);
  if (f.city) q = q.where(likeLower('lesson_files.city', `${escapeLike(f.city.toLowerCase())}%`));
  if (f.q) {
    const reference = f.q.toUpperCase();
    const words = f.q.toLowerCase().split(/\s+/).filter(Boolean).map(escapeLike);
    q = q.where((eb) =>
      eb.or([
        eb('lesson_files.reference', '=', reference),
        eb.and(
          words.map((w) =>
            eb.or([
              likeLower('student.first_name', `${w}%`),
              likeLower('student.last_name', `${w}%`),
              likeLower('families.name', `%${w}%`),
            ]),
          ),
        ),
      ]),
    );
  }
  if (f.needsAction) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('tasks')
            .select('tasks.id')
            .whereRef('tasks.file_id', '=', 'lesson_files.id')
            .where('tasks.status', '=', 'open')
            .where('tasks.due_on', '<=', f.today),
        ),
        ...Object.entries(f.overdueBefore).map(([stage, before]) =>
          eb.and([eb('lesson_files.stage', '=', stage), eb('lesson_files.stage_changed_at', '<', before)]),
        ),
        eb(noLessonWhileBillableSql(f.today), '=', 1),
      ]),
    );
  }
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(keysetAfter('lesson_files.stage_changed_at', 'lesson_files.id', '>', [at, id]));
  }
  return q
    .orderBy('lesson_files.stage_changed_at')
    .orderBy('lesson_files.id')
    .limit(f.limit + 1)
    .execute();
}

/** The file of a request reference ("R-7K2Q9"), whatever the case typed. */
export async function fileIdByReference(db: Tx, reference: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('lesson_files')
    .select('id')
    .where('reference', 'in', [reference, reference.toUpperCase()])
    .executeTakeFirst();
  return row?.id;
}

/** The teacher's assignment on a file, the latest first (past ones keep read access unless `activeOnly`). */
export async function assignmentOfTeacherOnFile(tx: Tx, teacherId: string, fileId: string, activeOnly: boolean) {
  let q = tx.selectFrom('assignments').selectAll().where('file_id', '=', fileId).where('teacher_id', '=', teacherId);
  if (activeOnly) q = q.where('ended_on', 'is', null);
  return q.orderBy('created_at', 'desc').executeTakeFirst();
}

/** The family of the person behind an account (whatever the person's kind). */
export async function familyOfPerson(tx: Tx, personId: string): Promise<string | null> {
  const person = await tx.selectFrom('people').select('family_id').where('id', '=', personId).executeTakeFirst();
  return person?.family_id ?? null;
}

/** The file's current assignment (not ended), the latest first. */
export async function activeAssignment(tx: Tx, fileId: string) {
  return tx
    .selectFrom('assignments')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('ended_on', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** The file's subscription that has not ended (pending or active). */
export async function openSubscription(tx: Tx, fileId: string) {
  return tx
    .selectFrom('subscriptions')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('status', '!=', 'ended')
    .executeTakeFirst();
}

/** Writes an assignment's change when it is still at `version`. */
export async function updateAssignmentAt(
  tx: Tx,
  id: string,
  version: number,
  set: Updateable<AssignmentsTable>,
): Promise<void> {
  await tx.updateTable('assignments').set(set).where('id', '=', id).where('version', '=', version).execute();
}

/** Writes a subscription's change when it is still at `version`; returns the rows changed (0 or 1). */
export async function updateSubscriptionAt(
  tx: Tx,
  id: string,
  version: number,
  set: Updateable<SubscriptionsTable>,
): Promise<number> {
  const result = await tx
    .updateTable('subscriptions')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateSubscription(tx: Tx, id: string, set: Updateable<SubscriptionsTable>): Promise<void> {
  await tx.updateTable('subscriptions').set(set).where('id', '=', id).execute();
}

export async function insertSubscription(tx: Tx, row: Insertable<SubscriptionsTable>): Promise<void> {
  await tx.insertInto('subscriptions').values(row).execute();
}

export async function insertExternalCandidate(tx: Tx, row: Insertable<ExternalCandidatesTable>): Promise<void> {
  await tx.insertInto('external_candidates').values(row).execute();
}

/** Cancels every open task of a closed file. */
export async function cancelOpenTasksOfFile(tx: Tx, fileId: string, at: string): Promise<void> {
  await tx
    .updateTable('tasks')
    .set({ status: 'cancelled', outcome: 'file closed', updated_at: at })
    .where('file_id', '=', fileId)
    .where('status', '=', 'open')
    .execute();
}

/** Moves a file when it is still at its version; returns the rows changed (0 or 1). */
export async function moveFileStage(tx: Tx, fileId: string, version: number, set: Updateable<LessonFilesTable>) {
  const result = await tx
    .updateTable('lesson_files')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', fileId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertStageEvent(tx: Tx, event: Insertable<FileStageEventsTable>): Promise<void> {
  await tx.insertInto('file_stage_events').values(event).execute();
}

/** Marks a file changed (its list and page show the new state) without a new version. */
export async function touchFile(tx: Tx, fileId: string, at: string): Promise<void> {
  await tx.updateTable('lesson_files').set({ updated_at: at }).where('id', '=', fileId).execute();
}

/** The family of a person, to check that a contact noted on a file is about someone of the file. */
export async function personFamily(tx: Tx, personId: string) {
  return tx.selectFrom('people').select(['family_id']).where('id', '=', personId).executeTakeFirst();
}

/** Whether the person is (or was) a teacher of the file. */
export async function isTeacherOfFile(tx: Tx, fileId: string, teacherId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('assignments')
    .select('id')
    .where('file_id', '=', fileId)
    .where('teacher_id', '=', teacherId)
    .executeTakeFirst();
  return !!row;
}

/** Everyone's part of the file page: the family, its members, slots, assignments, lessons, subscription, the flag. */
export async function filePage(db: Tx, file: FileRow, today: string) {
  const fileId = file.id;
  return Promise.all([
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
        'assignments.choice_reasons',
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
  ] as const);
}

/** The staff's part of the file page: stage history, tasks, contact log, external candidates, tickets, duplicate. */
export async function fileStaffPage(db: Tx, file: FileRow, memberIds: string[]) {
  const fileId = file.id;
  return Promise.all([
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
          eb('person_id', 'in', memberIds.length ? memberIds : ['-']),
        ]),
      )
      .orderBy('at', 'desc')
      .limit(100)
      .execute(),
    db.selectFrom('external_candidates').selectAll().where('file_id', '=', fileId).orderBy('created_at').execute(),
    db.selectFrom('tickets').selectAll().where('file_id', '=', fileId).orderBy('created_at', 'desc').execute(),
    file.duplicate_family_id
      ? db.selectFrom('families').select(['id', 'name']).where('id', '=', file.duplicate_family_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ] as const);
}

/** The file a subscription belongs to. */
export async function subscriptionFile(db: Tx, id: string) {
  return db.selectFrom('subscriptions').select('file_id').where('id', '=', id).executeTakeFirst();
}
