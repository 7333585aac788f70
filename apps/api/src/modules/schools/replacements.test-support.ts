import type { Deps } from '../../platform/deps.js';
import { makeTeacher } from '../../testing/factories.js';
import { makeUser } from '../../testing/harness.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';
import { insertCourse } from './reenrolment.fixtures.js';

/**
 * Fixtures of replacements, over attendance's school (a Wednesday 17:00 "Chœur enfants" choir course, its teacher,
 * its secretariat): two placed families and colleagues in the same school and season — one free at 17:00 who
 * teaches the same level on Wednesday at 15:00 (the one to propose), one busy at 17:30 (half-hour courses), one teaching theatre only,
 * one suspended.
 */
export async function replacementSchool(deps: Deps, year = 2026) {
  const school = await attendanceSchool(deps, year);
  const a = await placedFamily(deps, school.courseId, 'confirmed', null, 'Alma');
  const b = await placedFamily(deps, school.courseId, 'confirmed', null, 'Basile');
  const colleague = async (
    lastName: string,
    discipline: string,
    weekday: number,
    start: string,
    level = 'Chœur enfants',
  ) => {
    const teacher = await makeTeacher(deps, { firstName: 'Claire', lastName });
    const user = await makeUser(deps, ['teacher'], { personId: teacher.id });
    const courseId = await insertCourse(deps.db, {
      seasonId: school.seasonId,
      schoolId: school.schoolId,
      teacherId: teacher.id,
      discipline,
      kind: 'group',
      level,
      weekday,
      start,
    });
    return { id: teacher.id, email: user.email, courseId };
  };
  const free = await colleague('Libre', 'choir', 3, '15:00');
  const busy = await colleague('Occupée', 'choir', 3, '17:30');
  const unqualified = await colleague('Théâtre', 'theatre', 2, '17:00', 'Ados');
  const suspended = await colleague('Suspendue', 'choir', 4, '17:00');
  await deps.db.updateTable('teachers').set({ status: 'suspended' }).where('person_id', '=', suspended.id).execute();
  return { ...school, a, b, free, busy, unqualified, suspended };
}
