import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { isoWeekday } from './calendar.rules.js';
import { makeTeacher } from '../../testing/factories.js';
import { makeUser } from '../../testing/harness.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';

/**
 * Fixtures of teachers' hours, inserted directly: attendance's school (a Wednesday choir of 60 minutes, one term
 * from 14 September to 19 December of `year`) with, for November of that year, a Friday course of 45 minutes and a suspended
 * Monday course of 30 minutes of the same teacher, a closure on Wednesday 25 November, a colleague with an account,
 * and sheets as a month of work leaves them:
 * - the first Wednesday (in 2026: the 4th): held (present); the second (the 18th, the 11th being Armistice): held
 *   by the colleague (a replacement: the lesson's teacher_id is the colleague's, as the replacements part writes
 *   it); the last (the 25th): closed;
 * - the first Friday (the 6th): cancelled by the school; the second (13th): cancelled by the teacher; the third
 *   (20th): left for the test to mark (`toMark`).
 */
export async function hoursSchool(deps: Deps, year = 2026) {
  const school = await attendanceSchool(deps, year);
  // November's days of a weekday, but its public holidays (the 1st and the 11th).
  const days = (weekday: number) => {
    const found: string[] = [];
    for (let d = 1; d <= 30; d += 1) {
      const date = `${year}-11-${String(d).padStart(2, '0')}`;
      if (d !== 1 && d !== 11 && isoWeekday(date) === weekday) found.push(date);
    }
    return found;
  };
  const [held, replaced] = days(3) as [string, string];
  const closed = days(3).at(-1)!;
  const [bySchool, byTeacher, toMark] = days(5) as [string, string, string];
  const now = deps.clock.now().toISOString();
  const course = await deps.db
    .selectFrom('courses')
    .selectAll()
    .where('id', '=', school.courseId)
    .executeTakeFirstOrThrow();
  const fridayId = newId();
  const mondayId = newId();
  await deps.db
    .insertInto('courses')
    .values([
      { ...course, id: fridayId, weekday: 5, duration_minutes: 45, level: 'Chœur ados' },
      { ...course, id: mondayId, weekday: 1, duration_minutes: 30, level: 'Chœur adultes', status: 'suspended' },
    ])
    .execute();
  await deps.db
    .insertInto('calendar_entries')
    .values({
      id: newId(),
      season_id: school.seasonId,
      kind: 'closure',
      zone: null,
      school_id: school.schoolId,
      starts_on: closed,
      ends_on: closed,
      label: 'Fermeture (chauffage en panne)',
      created_at: now,
    })
    .execute();
  const wednesdayFamily = await placedFamily(deps, school.courseId);
  const fridayFamily = await placedFamily(deps, fridayId);
  const colleague = await makeTeacher(deps, { firstName: 'Rémi', lastName: 'Remplaçant' });
  const colleagueUser = await makeUser(deps, ['teacher'], { personId: colleague.id });

  async function lesson(
    courseId: string,
    date: string,
    teacherId: string,
    minutes: number,
    studentId: string,
    mark: string,
  ) {
    const enrolment = await deps.db
      .selectFrom('course_enrolments')
      .select('id')
      .where('course_id', '=', courseId)
      .where('student_id', '=', studentId)
      .executeTakeFirstOrThrow();
    const id = newId();
    await deps.db
      .insertInto('attendance_lessons')
      .values({
        id,
        course_id: courseId,
        lesson_date: date,
        start_time: '17:00',
        duration_minutes: minutes,
        distance: 0,
        teacher_id: teacherId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await deps.db
      .insertInto('attendance_marks')
      .values({
        lesson_id: id,
        student_id: studentId,
        enrolment_id: enrolment.id,
        mark,
        source: 'teacher',
        marked_by: null,
        marked_at: now,
      })
      .execute();
  }
  await lesson(school.courseId, held, school.teacherId, 60, wednesdayFamily.studentId, 'present');
  await lesson(school.courseId, replaced, colleague.id, 60, wednesdayFamily.studentId, 'present');
  await lesson(fridayId, bySchool, school.teacherId, 45, fridayFamily.studentId, 'cancelled_by_school');
  await lesson(fridayId, byTeacher, school.teacherId, 45, fridayFamily.studentId, 'cancelled_by_teacher');
  return {
    ...school,
    /** the Friday left for a test to mark */
    toMark,
    /** the suspended Monday course's lessons of November (its Mondays but the holidays) */
    suspendedLessons: days(1).length,
    fridayId,
    mondayId,
    colleagueId: colleague.id,
    colleagueEmail: colleagueUser.email,
    guardianEmail: wednesdayFamily.guardianEmail,
  };
}
