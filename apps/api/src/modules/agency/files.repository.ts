import { sql } from 'kysely';
import type { FileStage, OwnerService } from '@contracts';
import type { Tx } from '../../db/database.js';
import { keysetAfter } from '../../platform/cursor.js';

/** A subscription being charged (hand-over passed) while no lesson was ever recorded on the file. */
export function noLessonWhileBillableSql(today: string) {
  return sql<number>`(case when exists (
      select 1 from subscriptions sub
      where sub.file_id = lesson_files.id and sub.status = 'active' and sub.billable_from is not null and sub.billable_from <= ${today}
        and not exists (select 1 from lessons l where l.file_id = lesson_files.id and l.status in ('done', 'late'))
    ) then 1 else 0 end)`;
}

export type FileListFilter = {
  stage?: FileStage;
  owner?: OwnerService;
  needsAction?: 'today';
  open?: 'true';
  teacherId?: string;
  familyId?: string;
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
