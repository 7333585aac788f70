import type { ExpressionBuilder } from 'kysely';
import { FILE_STAGES } from '@contracts';
import type { DB } from '../../db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { addDays, daysBetween } from '../../platform/clock.js';
import { readSetting } from '../../platform/settings.js';
import { SETTING } from './agency.settings.js';
import { todayIn } from './agency-core.js';
import { noLessonWhileBillableSql } from './files.repository.js';

/** Listed rather than "not closed", so the count reads only the open stages' ranges of the stage index, never the closed files that pile up over the years. */
const OPEN_STAGES = FILE_STAGES.filter((stage) => stage !== 'closed');

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One screen per service: today's tasks, the pipeline by stage and age, the files at risk, lead times. */
export function createDashboardsService(deps: Deps) {
  const { db, clock } = deps;

  /**
   * Per open stage: how many files, the median and the oldest age in the stage. Counted on lesson_files_stage_idx
   * (stage, stage_changed_at, id) and the median read at its middle entry, so the database never hands every
   * file of a large agency to the application to sort.
   */
  async function stageFigures() {
    const nowDate = clock.now().toISOString().slice(0, 10);
    const ageOf = (at: string) => Math.max(0, daysBetween(at.slice(0, 10), nowDate));
    const counts = await db
      .selectFrom('lesson_files')
      .select(['stage', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('stage_changed_at').as('oldest')])
      .where('stage', 'in', OPEN_STAGES)
      .groupBy('stage')
      .execute();
    return Promise.all(
      counts.map(async (c) => {
        const n = Number(c.n);
        const middle = (offset: number) =>
          db
            .selectFrom('lesson_files')
            .select('stage_changed_at')
            .where('stage', '=', c.stage)
            .orderBy('stage_changed_at', 'desc')
            .orderBy('id', 'desc')
            .limit(1)
            .offset(offset)
            .executeTakeFirst();
        // The newest first: ages ascend, so the middle entries give the median age.
        const [lower, upper] = await Promise.all([middle(Math.floor((n - 1) / 2)), middle(Math.floor(n / 2))]);
        const medianDays = lower && upper ? (ageOf(lower.stage_changed_at) + ageOf(upper.stage_changed_at)) / 2 : null;
        return { stage: c.stage, count: n, medianDaysInStage: medianDays, oldestDays: ageOf(String(c.oldest)) };
      }),
    );
  }

  return {
    async agency(actor: Actor, service: 'sales' | 'recruitment' | 'followup' | 'accounts') {
      requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts', 'board');
      const today = await todayIn(deps, db);
      const since = addDays(today, -180);
      const [tasks, stages, billable, handovers, firstLessons, teacherLoad] = await Promise.all([
        db
          .selectFrom('tasks')
          .select(['id', 'kind', 'title', 'due_on', 'file_id'])
          .where('service', '=', service)
          .where('status', '=', 'open')
          .where('due_on', '<=', today)
          .orderBy('due_on')
          .limit(50)
          .execute(),
        stageFigures(),
        // The followup sweep flags these files with an open task (and closes it when a lesson is recorded or the
        // assignment ends): reading the flags is an index range, re-deriving them tested every subscription.
        db
          .selectFrom('tasks')
          .innerJoin('lesson_files', 'lesson_files.id', 'tasks.file_id')
          .innerJoin('people', 'people.id', 'lesson_files.student_id')
          .select([
            'lesson_files.id',
            'lesson_files.stage',
            'people.first_name',
            'people.last_name',
            'lesson_files.instrument',
          ])
          .where('tasks.kind', '=', 'no-lesson-while-billable')
          .where('tasks.status', '=', 'open')
          .where(noLessonWhileBillableSql(today), '=', 1)
          .distinct()
          .limit(100)
          .execute(),
        // Request → hand-over: from the file's creation to each hand-over of the last six months.
        db
          .selectFrom('file_stage_events')
          .innerJoin('lesson_files', 'lesson_files.id', 'file_stage_events.file_id')
          .select(['file_stage_events.at', 'lesson_files.created_at'])
          .where('file_stage_events.to_stage', '=', 'contact_handed_over')
          .where('file_stage_events.at', '>=', since)
          .execute(),
        db
          .selectFrom('assignments')
          .select(['handed_over_at', 'first_lesson_on'])
          .where('handed_over_at', 'is not', null)
          .where('first_lesson_on', 'is not', null)
          .where('handed_over_at', '>=', since)
          .execute(),
        // Fifty active teachers with few lessons, walked in name order (an index) so that the count runs for about
        // fifty teachers rather than for every teacher of the network; the least busy of them come first below.
        readSetting<number>(db, SETTING.fewLessonsPerMonth).then((threshold) => {
          const lessons30 = (eb: ExpressionBuilder<DB, 'teachers' | 'people'>) =>
            eb
              .selectFrom('lessons')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('lessons.teacher_id', '=', 'teachers.person_id')
              .where('lessons.lesson_date', '>=', addDays(today, -30));
          return db
            .selectFrom('people')
            .innerJoin('teachers', 'teachers.person_id', 'people.id')
            .select(['teachers.person_id', 'people.first_name', 'people.last_name'])
            .select((eb) => lessons30(eb).as('lessons30'))
            .where('people.kind', '=', 'teacher')
            .where('teachers.status', '=', 'active')
            .where((eb) => eb(lessons30(eb), '<=', threshold))
            .orderBy('people.last_name')
            .orderBy('people.id')
            .limit(50)
            .execute();
        }),
      ]);
      const monthly = (pairs: { month: string; days: number }[]) => {
        const months = new Map<string, number[]>();
        for (const p of pairs) months.set(p.month, [...(months.get(p.month) ?? []), p.days]);
        return [...months.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([month, days]) => ({ month, medianDays: median(days), count: days.length }));
      };
      const reqToHandover = handovers.map((h) => ({
        month: h.at.slice(0, 7),
        days: daysBetween(h.created_at.slice(0, 10), h.at.slice(0, 10)),
      }));
      const handoverToFirst = firstLessons.map((a) => ({
        month: (a.handed_over_at as string).slice(0, 7),
        days: daysBetween((a.handed_over_at as string).slice(0, 10), a.first_lesson_on as string),
      }));
      return {
        service,
        today,
        myTasksToday: tasks.map((t) => ({
          id: t.id,
          kind: t.kind,
          title: t.title,
          dueOn: t.due_on,
          fileId: t.file_id,
        })),
        filesByStage: stages,
        billableWithoutLesson: billable.map((b) => ({
          fileId: b.id,
          stage: b.stage,
          studentName: `${b.first_name} ${b.last_name}`,
          instrument: b.instrument,
        })),
        leadTimes: {
          requestToHandover: { medianDays: median(reqToHandover.map((p) => p.days)), byMonth: monthly(reqToHandover) },
          handoverToFirstLesson: {
            medianDays: median(handoverToFirst.map((p) => p.days)),
            byMonth: monthly(handoverToFirst),
          },
        },
        // Already at or under the threshold (the SQL walk filters on it): least busy first.
        teachersWithFewLessons: teacherLoad
          .map((t) => ({
            teacherId: t.person_id,
            name: `${t.first_name} ${t.last_name}`,
            lessonsLast30Days: Number(t.lessons30 ?? 0),
          }))
          .sort((a, b) => a.lessonsLast30Days - b.lessonsLast30Days)
          .slice(0, 50),
      };
    },
  };
}
export type DashboardsService = ReturnType<typeof createDashboardsService>;
