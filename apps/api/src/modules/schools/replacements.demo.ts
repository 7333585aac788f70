import type { DemoContext } from '../../platform/demo.js';
import { addDays } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { firstUnmetNeed, type ColleagueFacts } from './replacements.rules.js';

/**
 * The demo's replacement under way (issue 16, item 7): a teacher off sick this month, one of their courses held by
 * a colleague who teaches its discipline and is free at its time — the demo teacher (teacher@) when they can, so
 * that their portal shows it. Written after the schools' courses (schools.demo.ts).
 */
export async function replacementsDemo(ctx: DemoContext, seasonId: string): Promise<void> {
  const { tx, deps, teacherIds } = ctx;
  const now = deps.clock.now().toISOString();
  const today = now.slice(0, 10);
  const monthStart = `${today.slice(0, 7)}-01`;
  const range = { start: addDays(today, -6) < monthStart ? monthStart : addDays(today, -6), end: addDays(today, 8) };
  const [courses, teachers, profile] = await Promise.all([
    tx
      .selectFrom('courses')
      .select(['id', 'teacher_id', 'school_id', 'discipline', 'level', 'weekday', 'start_time', 'duration_minutes'])
      .where('season_id', '=', seasonId)
      .where('status', '=', 'active')
      .orderBy('school_id')
      .orderBy('weekday')
      .orderBy('start_time')
      .execute(),
    tx.selectFrom('teachers').select(['person_id', 'status']).execute(),
    tx.selectFrom('teacher_instruments').select(['teacher_id', 'instrument']).execute(),
  ]);
  const slot = (c: (typeof courses)[number]) => ({
    weekday: c.weekday,
    start: c.start_time,
    minutes: c.duration_minutes,
  });
  const factsOf = (id: string): ColleagueFacts => ({
    teacherId: id,
    status: teachers.find((t) => t.person_id === id)?.status ?? 'inactive',
    disciplines: [
      ...profile.filter((p) => p.teacher_id === id).map((p) => p.instrument),
      ...courses.filter((c) => c.teacher_id === id).map((c) => c.discipline),
    ],
    levels: [],
    schools: [],
    slots: courses.filter((c) => c.teacher_id === id).map(slot),
    absences: [],
    availability: [],
  });
  // The demo teacher first, then the others in the demo's order.
  for (const substituteId of teacherIds) {
    const facts = factsOf(substituteId);
    const course = courses.find(
      (c) =>
        !firstUnmetNeed(facts, {
          teacherId: c.teacher_id,
          discipline: c.discipline,
          level: c.level,
          schoolId: c.school_id,
          slot: slot(c),
          range,
        }),
    );
    if (!course) continue;
    const absenceId = newId();
    await tx
      .insertInto('teacher_absences')
      .values({
        id: absenceId,
        teacher_id: course.teacher_id,
        school_id: course.school_id,
        reason: 'sick',
        starts_on: range.start,
        ends_on: range.end,
        note: 'Arrêt maladie de deux semaines.',
        created_by: ctx.users.secretariat ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('course_replacements')
      .values({
        id: newId(),
        absence_id: absenceId,
        course_id: course.id,
        substitute_id: substituteId,
        starts_on: range.start,
        ends_on: range.end,
        created_by: ctx.users.secretariat ?? null,
        created_at: now,
      })
      .execute();
    return;
  }
}
