import { FILE_STAGES } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { addDays, daysBetween } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import { FEW_LESSONS_PER_MONTH } from './agency.settings.js';
import {
  dueTasks,
  filesChargedWithoutLesson,
  firstLessonsSince,
  handoversSince,
  stageChangeAt,
  stageCounts,
  teachersWithFewLessons,
} from './dashboards.repository.js';

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
    const counts = await stageCounts(db, OPEN_STAGES);
    return Promise.all(
      counts.map(async (c) => {
        const n = Number(c.n);
        const middle = (offset: number) => stageChangeAt(db, c.stage, offset);
        // The newest first: ages ascend, so the middle entries give the median age.
        const [lower, upper] = await Promise.all([middle(Math.floor((n - 1) / 2)), middle(Math.floor(n / 2))]);
        const medianDays = lower && upper ? (ageOf(lower.stage_changed_at) + ageOf(upper.stage_changed_at)) / 2 : null;
        return { stage: c.stage, count: n, medianDaysInStage: medianDays, oldestDays: ageOf(String(c.oldest)) };
      }),
    );
  }

  return {
    async agency(actor: Actor, service: 'sales' | 'recruitment' | 'followup' | 'accounts') {
      requirePermission(actor, 'agency.read');
      const today = await organisationToday(db, clock);
      const since = addDays(today, -180);
      const [tasks, stages, billable, handovers, firstLessons, teacherLoad] = await Promise.all([
        dueTasks(db, service, today),
        stageFigures(),
        // The followup sweep flags these files with an open task (and closes it when a lesson is recorded or the
        // assignment ends): reading the flags is an index range, re-deriving them tested every subscription.
        filesChargedWithoutLesson(db, today),
        // Request → hand-over: from the file's creation to each hand-over of the last six months.
        handoversSince(db, since),
        firstLessonsSince(db, since),
        // Fifty active teachers with few lessons, walked in name order (an index) so that the count runs for about
        // fifty teachers rather than for every teacher of the network; the least busy of them come first below.
        FEW_LESSONS_PER_MONTH.read(db).then((threshold) => teachersWithFewLessons(db, today, threshold)),
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
