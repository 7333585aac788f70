import type { Engine } from '../apps/api/src/db/dialect.js';
import type { UserActor } from '../apps/api/src/platform/actor.js';
import { addDays, TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { createTestApp, createTestDatabase, makeUser } from '../apps/api/src/testing/harness.js';
import { makeTeacher, placeRow } from '../apps/api/src/testing/factories.js';
import { createSchoolsService } from '../apps/api/src/modules/schools/schools.service.js';
import { createSeasonsService } from '../apps/api/src/modules/schools/seasons.service.js';
import { createAttendanceService } from '../apps/api/src/modules/schools/attendance.service.js';
import { createTeacherHoursService } from '../apps/api/src/modules/schools/teacher-hours.service.js';
import { isoWeekday } from '../apps/api/src/modules/schools/calendar.rules.js';
import * as schoolsRepo from '../apps/api/src/modules/schools/schools.repository.js';
import { ZONE_C_HOLIDAYS_2026_2027 } from '../apps/api/src/modules/schools/schools.demo.js';
import { floorHours, floorSheets, openRaw } from './floors.js';
import { summarize, type Latency } from './measure.js';
import { PG_SERVER } from './dataset.js';
import type { SchoolsFigure } from './schools.js';

/**
 * Issue 16: a month's attendance sheets of 2,000 courses and the month's hours report of 300 teachers, each beside
 * its floor (floors.ts), on a fresh database of its own: 20 schools, 300 teachers, 2,000 courses of two students
 * each, November 2026's lessons on the sheets (one in twenty held by a substitute, one in twenty cancelled by the
 * school), a contract per teacher and school.
 * - sheets, project: `attendance.schoolSheets` over every school (what the secretariat's "sheets not filled" list
 *   generates: calendars, lessons, expected students, marks); floor: `floorSheets`.
 * - hours, project: `teacherHours.report` over every school; floor: `floorHours`.
 * Smoke size: 200 courses, 30 teachers.
 */

const SCHOOLS = 20;
const MONTH = { key: '2026-11', start: '2026-11-01', end: '2026-11-30' };

async function buildNetwork(
  deps: Parameters<typeof createSchoolsService>[0],
  courseCount: number,
  teacherCount: number,
) {
  const now = deps.clock.now().toISOString();
  const seasonId = newId();
  const teachers: string[] = [];
  for (let t = 0; t < teacherCount; t += 1) teachers.push((await makeTeacher(deps, { lastName: `Prof ${t}` })).id);
  await deps.db.transaction().execute(async (tx) => {
    await schoolsRepo.insertSeason(tx, {
      id: seasonId,
      name: '2026-2027',
      starts_on: '2026-09-01',
      ends_on: '2027-07-04',
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const terms = [
      ['T1', '2026-09-14', '2026-12-19'],
      ['T2', '2027-01-04', '2027-03-27'],
      ['T3', '2027-03-29', '2027-06-26'],
    ] as const;
    await schoolsRepo.replaceTerms(
      tx,
      seasonId,
      terms.map(([name, start, end], position) => ({
        id: newId(),
        season_id: seasonId,
        name,
        starts_on: start,
        ends_on: end,
        position,
      })),
    );
    await schoolsRepo.insertCalendarEntries(
      tx,
      ZONE_C_HOLIDAYS_2026_2027.map((h) => ({
        id: newId(),
        season_id: seasonId,
        kind: 'school_holiday',
        zone: 'C',
        school_id: null,
        starts_on: h.lastClassDay,
        ends_on: h.resumeOn,
        label: h.label,
        created_at: now,
      })),
    );
    const schoolIds: string[] = [];
    for (let s = 0; s < SCHOOLS; s += 1) {
      const id = newId();
      schoolIds.push(id);
      await schoolsRepo.insertSchool(tx, {
        id,
        name: `École ${s + 1}`,
        address: JSON.stringify({ line1: '1 rue', line2: null, postalCode: '75011', city: 'Paris', country: 'FR' }),
        postal_code: '75011',
        departement: '75',
        holiday_zone: 'C',
        phone: null,
        email: null,
        opening_hours: '[]',
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
    // Teacher t works at school t % 20; course i is taught by teacher i % teachers, at that teacher's school.
    const courses = Array.from({ length: courseCount }, (_, i) => {
      const teacher = i % teacherCount;
      return {
        id: newId(),
        season_id: seasonId,
        school_id: schoolIds[teacher % SCHOOLS]!,
        discipline: 'piano',
        kind: 'group',
        level: `Groupe ${i}`,
        age_min: null,
        age_max: null,
        teacher_id: teachers[teacher]!,
        room_id: null,
        video_link: null,
        weekday: 1 + (i % 6),
        start_time: '17:00',
        duration_minutes: 45,
        capacity: 10,
        status: 'active',
        suspension_reason: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
    });
    for (let i = 0; i < courses.length; i += 200)
      await tx
        .insertInto('courses')
        .values(courses.slice(i, i + 200))
        .execute();
    const students = courses.flatMap((c, i) =>
      [0, 1].map((k) => ({
        id: newId(),
        kind: 'student',
        first_name: `Élève ${k}`,
        last_name: `Cours ${i}`,
        email: null,
        phone: null,
        birth_date: '2014-01-01',
        family_id: null,
        user_id: null,
        notes: null,
        search_name: ` eleve cours ${i}`,
        search_contact: '',
        created_at: now,
        updated_at: now,
        version: 1,
        course: c,
      })),
    );
    for (let i = 0; i < students.length; i += 500)
      await tx
        .insertInto('people')
        .values(students.slice(i, i + 500).map(({ course: _c, ...row }) => row))
        .execute();
    const familyId = newId();
    await tx
      .insertInto('families')
      .values({
        id: familyId,
        name: 'Famille du banc',
        billing_line1: null,
        billing_line2: null,
        billing_postal_code: null,
        billing_city: null,
        billing_country: null,
        contact_preference: 'email',
        locale: 'fr',
        notes: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const places = students.map((s) =>
      placeRow({ course_id: s.course.id, student_id: s.id, family_id: familyId, created_at: now }),
    );
    for (let i = 0; i < places.length; i += 500)
      await tx
        .insertInto('course_enrolments')
        .values(places.slice(i, i + 500))
        .execute();
    // November's lessons on the sheets: each course's weekday (the 11th is a public holiday), both students marked.
    const lessons = [];
    const marks = [];
    let n = 0;
    for (const [i, course] of courses.entries()) {
      for (let day = MONTH.start; day <= MONTH.end; day = addDays(day, 1)) {
        if (isoWeekday(day) !== course.weekday || day === '2026-11-11') continue;
        n += 1;
        const id = newId();
        const substitute = n % 20 === 0 ? teachers[(i + 1) % teacherCount]! : course.teacher_id;
        const mark = n % 20 === 10 ? 'cancelled_by_school' : 'present';
        lessons.push({
          id,
          course_id: course.id,
          lesson_date: day,
          start_time: '17:00',
          duration_minutes: 45,
          distance: 0,
          teacher_id: substitute,
          created_at: now,
          updated_at: now,
        });
        for (const place of places.slice(2 * i, 2 * i + 2))
          marks.push({
            lesson_id: id,
            student_id: place.student_id,
            enrolment_id: place.id,
            mark,
            source: 'teacher',
            marked_by: null,
            marked_at: now,
          });
      }
    }
    for (let i = 0; i < lessons.length; i += 500)
      await tx
        .insertInto('attendance_lessons')
        .values(lessons.slice(i, i + 500))
        .execute();
    for (let i = 0; i < marks.length; i += 500)
      await tx
        .insertInto('attendance_marks')
        .values(marks.slice(i, i + 500))
        .execute();
    const contracts = teachers.map((teacherId, t) => ({
      id: newId(),
      teacher_id: teacherId,
      school_id: schoolIds[t % SCHOOLS]!,
      weekly_minutes: 300,
      valid_from: '2026-09-01',
      valid_to: null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < contracts.length; i += 500)
      await tx
        .insertInto('teacher_contracts')
        .values(contracts.slice(i, i + 500))
        .execute();
  });
}

/** Milliseconds of `runs` calls after one warm-up. */
async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<Latency> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function benchHours(engine: Engine, smoke: boolean, figure: SchoolsFigure): Promise<void> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = engine === 'postgres' ? PG_SERVER : '';
  const database = await createTestDatabase();
  if (previous === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = previous;
  const ctx = await createTestApp({ clock: new TestClock('2026-12-03T09:00:00.000Z'), database });
  const raw = openRaw(database.url);
  try {
    const courseCount = smoke ? 200 : 2000;
    const teacherCount = smoke ? 30 : 300;
    const started = performance.now();
    await buildNetwork(ctx.deps, courseCount, teacherCount);
    console.log(
      `  ${courseCount} courses, ${teacherCount} teachers, November's sheets built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const user = await makeUser(ctx.deps, ['admin']);
    const actor: UserActor = {
      kind: 'user',
      userId: user.id,
      displayName: 'Bench',
      email: user.email,
      roles: new Set(['admin']),
      personId: null,
      locale: 'fr',
    };
    const schools = createSchoolsService(ctx.deps);
    const seasons = createSeasonsService(ctx.deps);
    const attendance = createAttendanceService(ctx.deps, schools, seasons);
    const hours = createTeacherHoursService(ctx.deps, schools, seasons);
    const runs = smoke ? 1 : 5;

    let sheets = 0;
    let lessons = 0;
    const sheetsProject = await timeRuns(async () => {
      const result = await attendance.schoolSheets(actor, { period: MONTH.key });
      sheets = result.sheets.length;
      lessons = result.sheets.reduce((sum, s) => sum + s.lessons, 0);
    }, runs);
    const sheetsFloor = await timeRuns(() => floorSheets(raw, MONTH), runs * 4);
    const floorCount = await floorSheets(raw, MONTH);
    figure(`month's sheets, ${courseCount} courses`, sheetsProject, sheetsFloor, {
      sheets,
      lessons,
      floorLessons: floorCount.lessons,
    });

    let rows = 0;
    let unworked = 0;
    const hoursProject = await timeRuns(async () => {
      const result = await hours.report(actor, { month: MONTH.key });
      rows = result.rows.length;
      unworked = result.rows.reduce((sum, r) => sum + r.unworkedMinutes, 0);
    }, runs);
    const hoursFloor = await timeRuns(() => floorHours(raw, MONTH), runs * 4);
    figure(`month's hours report, ${teacherCount} teachers`, hoursProject, hoursFloor, {
      rows,
      unworkedMinutes: unworked,
      floorTeachers: await floorHours(raw, MONTH),
    });
  } finally {
    await raw.close();
    await ctx.close();
  }
}
