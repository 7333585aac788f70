import { FILE_STAGES } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { addDays, daysBetween } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import type { LowActivityService } from '../teachers/low-activity.service.js';
import { openTasksOf } from './tasks.repository.js';
import { toTaskItem } from './tasks.service.js';
import {
  filesChargedWithoutLesson,
  firstLessonsSince,
  handoversSince,
  stageChangeAt,
  stageCounts,
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
export function createDashboardsService(deps: Deps, lowActivity?: LowActivityService) {
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
        openTasksOf(db, { services: [service], dueBy: today, limit: 50 }),
        stageFigures(),
        // The same rule as the pipeline's marker (`isBillableWithoutLesson`, `noLessonWhileBillableSql`), read from
        // the subscriptions being charged: the sweep's task is raised later (at the first debit) and is no measure.
        filesChargedWithoutLesson(db, today),
        // Request → hand-over: from the file's creation to each hand-over of the last six months.
        handoversSince(db, since),
        firstLessonsSince(db, since),
        // The low-activity page's rule and period (`hasLowActivity`): fifty teachers, the least busy first.
        lowActivity ? lowActivity.fewLessonTeachers(50) : Promise.resolve({ since: today, minLessons: 0, items: [] }),
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
        myTasksToday: tasks.map((t) => toTaskItem(t, today)),
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
        fewLessons: { since: teacherLoad.since, minLessons: teacherLoad.minLessons },
        teachersWithFewLessons: teacherLoad.items,
      };
    },
  };
}
export type DashboardsService = ReturnType<typeof createDashboardsService>;
