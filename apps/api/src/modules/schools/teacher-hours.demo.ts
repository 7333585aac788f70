import { addDays } from '../../platform/clock.js';
import type { DemoContext } from '../../platform/demo.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { expectedOn, lessonsOfPeriod, periodOf } from './attendance.rules.js';
import * as attendance from './attendance.repository.js';
import { createSeasonsService } from './seasons.service.js';
import type { DemoCourses } from './enrolment.demo.js';

/**
 * The demo's teachers' hours and sheets (issue 16, item 7): a contract per teacher and school (the weekly minutes of
 * their courses, rounded up to the half hour, from the season's start), last month's sheets filled — one lesson of
 * the demo teacher's piano course held by a colleague (a replacement), one cancelled by the school, one by its
 * teacher — so that last month's hours report has figures, and the current month's sheets partly filled (every
 * other course, the lessons held by today). Written straight into the tables, as the sheets would have left them.
 */
export async function teacherHoursDemo(
  ctx: DemoContext,
  { currentSeasonId, courses }: { currentSeasonId: string; courses: DemoCourses },
): Promise<void> {
  const { tx, deps } = ctx;
  const at = deps.clock.now().toISOString();
  const today = await organisationToday(tx, deps.clock);
  const rows = await tx
    .selectFrom('courses')
    .selectAll()
    .where('id', 'in', [...courses.values()])
    .orderBy('school_id')
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
  if (rows.length === 0) return;

  // Contracts: each teacher's weekly minutes at each school, rounded up to the half hour.
  const weekly = new Map<string, { teacherId: string; schoolId: string; minutes: number }>();
  for (const c of rows) {
    const key = `${c.teacher_id}|${c.school_id}`;
    const entry = weekly.get(key) ?? { teacherId: c.teacher_id, schoolId: c.school_id, minutes: 0 };
    entry.minutes += c.duration_minutes;
    weekly.set(key, entry);
  }
  await tx
    .insertInto('teacher_contracts')
    .values(
      [...weekly.values()].map((w) => ({
        id: newId(),
        teacher_id: w.teacherId,
        school_id: w.schoolId,
        weekly_minutes: Math.ceil(w.minutes / 30) * 30,
        valid_from: '2026-09-01',
        valid_to: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();

  const seasons = createSeasonsService(deps);
  const places = await attendance.placesOf(
    tx,
    rows.map((c) => c.id),
  );
  const current = periodOf(today, 'month');
  const last = periodOf(addDays(current.start, -1), 'month');
  // The demo teacher's piano course (school 0, course 0): one lesson replaced, one cancelled by the school.
  const piano = courses.get('0:0');
  const colleague = rows.find(
    (c) => c.school_id === rows.find((r) => r.id === piano)?.school_id && c.teacher_id !== ctx.teacherIds[0],
  )?.teacher_id;
  let teacherCancelledOne = false;
  for (const [index, course] of rows.entries()) {
    const { calendar } = await seasons.calendarFor(tx, course.school_id, currentSeasonId);
    const shape = {
      weekday: course.weekday,
      status: course.status,
      roomId: course.room_id,
      videoLink: course.video_link,
    };
    const periods = [last, ...(index % 2 === 0 ? [current] : [])];
    for (const period of periods) {
      const lessons = lessonsOfPeriod(shape, calendar, period, []).filter((l) => l.date <= today);
      // n: the lessons written so far in the period (a lesson nobody is expected at stays off the sheet).
      let n = -1;
      for (const lesson of lessons) {
        const expected = places.filter((p) => p.course_id === course.id && expectedOn(p, lesson.date));
        if (expected.length === 0) continue;
        n += 1;
        const inLastMonth = period === last;
        const replaced = inLastMonth && course.id === piano && n === 1 && colleague;
        let mark = 'present';
        if (inLastMonth && course.id === piano && n === 0) mark = 'cancelled_by_school';
        else if (inLastMonth && course.id !== piano && !teacherCancelledOne && n === 1) {
          mark = 'cancelled_by_teacher';
          teacherCancelledOne = true;
        }
        // A day the replacements' demo gave to a substitute is theirs (attendance's contract for held lessons).
        const substitute = await tx
          .selectFrom('course_replacements')
          .select('substitute_id')
          .where('course_id', '=', course.id)
          .where('starts_on', '<=', lesson.date)
          .where('ends_on', '>=', lesson.date)
          .executeTakeFirst();
        const lessonId = await attendance.ensureLesson(tx, {
          id: newId(),
          course_id: course.id,
          lesson_date: lesson.date,
          start_time: course.start_time,
          duration_minutes: course.duration_minutes,
          distance: lesson.distance ? 1 : 0,
          teacher_id: replaced ? colleague : (substitute?.substitute_id ?? course.teacher_id),
          created_at: at,
          updated_at: at,
        });
        // A lesson the distance lessons' demo already marked (its "ok"s) keeps its marks.
        if ((await attendance.lessonMarks(tx, lessonId)).length > 0) continue;
        for (const [k, place] of expected.entries()) {
          // Now and then a student is absent or late (a deterministic pattern, the same on every load).
          const own =
            mark === 'present' && (n + k + index) % 7 === 3
              ? 'absent'
              : mark === 'present' && (n + k) % 11 === 5
                ? 'late'
                : mark;
          await attendance.upsertMark(tx, {
            lesson_id: lessonId,
            student_id: place.student_id,
            enrolment_id: place.id,
            mark: own,
            source: 'teacher',
            marked_by: null,
            marked_at: at,
          });
        }
      }
    }
  }
}
