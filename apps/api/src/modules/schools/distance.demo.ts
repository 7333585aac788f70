import type { UserActor } from '../../platform/actor.js';
import { demoDeps, type DemoContext } from '../../platform/demo.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { addDays } from '../../platform/clock.js';
import { adjacentPeriods, periodOf } from './attendance.rules.js';
import { createAttendanceService } from './attendance.service.js';
import { createDistanceService } from './distance.service.js';
import type { DemoCourses } from './enrolment.demo.js';
import { createSchoolsService } from './schools.service.js';
import { createSeasonsService } from './seasons.service.js';

const DAY = 86_400_000;

/**
 * A distance lesson this month (issue 16, item 7): the latest lesson held of a course with a class (the demo teacher's
 * first, so that teacher@ sees it), switched to distance for that day; its material posted to the class that evening,
 * and about half of the students' "ok" given the next day; the others still have until the deadline.
 */
export async function distanceDemo(ctx: DemoContext, courses: DemoCourses): Promise<void> {
  const { tx, deps } = ctx;
  const now = deps.clock.now();
  const today = await organisationToday(tx, deps.clock);
  const admin: UserActor = {
    kind: 'user',
    userId: ctx.users.admin ?? '',
    displayName: 'Direction',
    email: 'admin',
    roles: new Set(['admin']),
    personId: null,
    locale: 'fr',
  };
  const services = (at: Date) => {
    const d = demoDeps(ctx, at);
    const attendance = createAttendanceService(d, createSchoolsService(d), createSeasonsService(d));
    return { attendance, distance: createDistanceService(d, attendance) };
  };
  const { attendance } = services(now);
  const teacherOf = new Map(
    (await tx.selectFrom('courses').select(['id', 'teacher_id']).execute()).map((c) => [c.id, c.teacher_id]),
  );
  const ids = [...courses.values()].sort(
    (a, b) => Number(teacherOf.get(b) === ctx.teacherIds[0]) - Number(teacherOf.get(a) === ctx.teacherIds[0]),
  );
  const current = periodOf(today, 'month');
  for (const period of [current, adjacentPeriods(current).previous]) {
    for (const courseId of ids) {
      const sheet = await attendance.sheet(admin, courseId, period.key);
      const lesson = sheet.sheetLessons.filter((l) => l.due && l.expected.length >= 2).at(-1);
      if (!lesson) continue;
      await tx
        .insertInto('course_distance_periods')
        .values({
          id: newId(),
          course_id: courseId,
          starts_on: lesson.date,
          ends_on: lesson.date,
          video_link: 'https://visio.example.org/harmonie-cours',
          reason: 'Salle indisponible (travaux)',
          created_at: now.toISOString(),
        })
        .execute();
      const evening = new Date(Math.min(Date.parse(`${lesson.date}T17:30:00.000Z`), now.getTime()));
      const teacher = await tx
        .selectFrom('users')
        .select('id')
        .where('person_id', '=', sheet.teacherId)
        .executeTakeFirst();
      const poster: UserActor = teacher
        ? { ...admin, userId: teacher.id, roles: new Set(['teacher']), personId: sheet.teacherId }
        : admin;
      const posted = await services(evening).distance.post(poster, courseId, lesson.date, {
        text: 'Bonsoir à tous : reprenez l’exercice de la semaine dernière, puis jouez la pièce page 14 deux fois lentement. Envoyez « ok » quand c’est fait.',
        link: 'https://visio.example.org/harmonie-cours',
      });
      const nextDay = new Date(Math.min(Date.parse(`${addDays(lesson.date, 1)}T09:00:00.000Z`), now.getTime()));
      const acks = await tx
        .selectFrom('distance_acks')
        .innerJoin('people', 'people.id', 'distance_acks.student_id')
        .select(['distance_acks.id', 'people.first_name', 'people.last_name'])
        .where('distance_acks.material_id', '=', posted.materials[0]!.id)
        .orderBy('people.last_name')
        .execute();
      const { distance } = services(new Date(Math.max(nextDay.getTime(), evening.getTime() + DAY / 24)));
      for (const ack of acks.slice(0, Math.ceil(acks.length / 2))) {
        const who = { kind: 'anonymous' as const, label: `${ack.first_name} ${ack.last_name} (e-mail link)` };
        await distance.acknowledgeById(who, ack.id, 'link');
      }
      return;
    }
  }
}
