import type { z } from 'zod';
import type {
  AttendanceMark,
  AttendanceSheet,
  FamilyAttendance,
  MarkLessonBody,
  SheetSummary,
  TeacherSheets,
  UnfilledSheets,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { actorUserId } from '../../platform/actor.js';
import { guardianFamilyId, requirePermission, teacherSelf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ORGANISATION_NAME, organisationToday } from '../../platform/settings.js';
import {
  adjacentPeriods,
  expectedOn,
  lessonIsDue,
  lessonIsMarked,
  lessonsOfPeriod,
  markAllowedOn,
  mayRemind,
  periodFromKey,
  periodOf,
  sheetIsFilled,
  type Period,
} from './attendance.rules.js';
import { ATTENDANCE_PERIOD } from './attendance.settings.js';
import { sheetReminderMail } from './attendance.mail.js';
import { attendanceSheetPdf } from './attendance-pdf.js';
import * as repo from './attendance.repository.js';
import { replacementsOfCourses, setLessonsHolder, substitutesFor } from './replacements.repository.js';
import { holderOn } from './replacements.rules.js';
import { distancePeriodsOfSeason, teacherContactOf } from './courses.repository.js';
import type { SchoolsService } from './schools.service.js';
import type { SeasonsService } from './seasons.service.js';
import { courseLabel } from './courses.rules.js';

type Sheet = z.infer<typeof AttendanceSheet>;

/** A course's sheet for a period as first written, by its first mark or its first reminder. */
export const sheetRow = (courseId: string, period: Period, at: string) => ({
  id: newId(),
  course_id: courseId,
  period_key: period.key,
  period_start: period.start,
  period_end: period.end,
  reminded_on: null,
  created_at: at,
  updated_at: at,
});

/**
 * Who may open a course's sheets: its teacher, a colleague who replaces them in it (replacements.ts), and staff who
 * may change its school (its secretariat, the director, the board). Anyone else — another teacher included — is
 * told it does not exist (404). Returns true for staff.
 */
export async function assertMayOpenSheet(
  tx: Tx,
  actor: Actor,
  course: { id: string; teacher_id: string; school_id: string },
  schools: Pick<SchoolsService, 'mayChangeSchool'>,
): Promise<boolean> {
  const self = teacherSelf(actor);
  if (self === course.teacher_id) return false;
  if (self && (await substitutesFor(tx, self, course.id))) return false;
  if (actor.kind === 'user' && actor.roles.has('teacher') && !actor.roles.has('secretariat')) throw notFound();
  if (!(await schools.mayChangeSchool(tx, actor, course.school_id))) throw notFound();
  return true;
}

/** The schools a staff member follows: every school for the director and the board, else their own (one if asked). */
export async function schoolsInScope(
  tx: Tx,
  actor: Actor,
  schools: Pick<SchoolsService, 'mayChangeSchool' | 'assertSchoolInScope'>,
  schoolId: string | undefined,
): Promise<string[]> {
  if (schoolId) {
    await schools.assertSchoolInScope(tx, actor, schoolId);
    return [schoolId];
  }
  const all = await tx.selectFrom('schools').select('id').execute();
  const mine: string[] = [];
  for (const s of all) if (await schools.mayChangeSchool(tx, actor, s.id)) mine.push(s.id);
  return mine;
}

/** Rows grouped by their course, in their order. */
function byCourse<Row extends { course_id: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.course_id);
    if (group) group.push(row);
    else groups.set(row.course_id, [row]);
  }
  return groups;
}

/**
 * Attendance sheets (issue "School network III", item 1): a teacher's sheets of a period and their marks, the
 * secretariat's view of the sheets not filled and its reminders, a family's own children's marks. Sheets are
 * computed from the courses, the season calendar and the places; only lessons, marks and reminders are written.
 */
export function createAttendanceService(deps: Deps, schools: SchoolsService, seasons: SeasonsService) {
  const { db, clock } = deps;

  /** The period asked for (by key) or today's, with its neighbours and today's date. */
  async function periodAsked(tx: Tx, key: string | undefined) {
    const [length, today] = await Promise.all([ATTENDANCE_PERIOD.read(tx), organisationToday(tx, clock)]);
    const current = periodOf(today, length);
    const period = key ? periodFromKey(key) : current;
    if (!period) throw invalidField('period', 'NO_SUCH_PERIOD');
    const { previous, next } = adjacentPeriods(period);
    return { period, today, periods: { current: current.key, previous: previous.key, next: next.key } };
  }

  /** Every course's sheet for a period: lessons from its calendar, students from its places, marks. */
  async function buildSheets(tx: Tx, courses: repo.SheetCourse[], period: Period, today: string): Promise<Sheet[]> {
    const ids = courses.map((c) => c.id);
    const [places, marks, stored, replaced] = await Promise.all([
      repo.placesOf(tx, ids),
      repo.marksOf(tx, ids, period),
      repo.sheetsOf(tx, ids, period.key),
      replacementsOfCourses(tx, ids),
    ]);
    const calendars = new Map<string, Awaited<ReturnType<typeof seasons.calendarFor>>['calendar']>();
    const distance = new Map<string, Map<string, Awaited<ReturnType<typeof distancePeriodsOfSeason>>>>();
    // Each course's rows found once: a month of 2,000 sheets would otherwise scan every place and mark per lesson.
    const [placesByCourse, storedByCourse, replacedByCourse] = [byCourse(places), byCourse(stored), byCourse(replaced)];
    const marksByLesson = new Map<string, Record<string, AttendanceMark>>();
    for (const m of marks) {
      const key = `${m.course_id}/${m.lesson_date}`;
      const lessonMarks = marksByLesson.get(key) ?? {};
      lessonMarks[m.student_id] = m.mark as AttendanceMark;
      marksByLesson.set(key, lessonMarks);
    }
    const sheets: Sheet[] = [];
    for (const course of courses) {
      const calendarKey = `${course.school_id}/${course.season_id}`;
      if (!calendars.has(calendarKey))
        calendars.set(calendarKey, (await seasons.calendarFor(tx, course.school_id, course.season_id)).calendar);
      if (!distance.has(course.season_id))
        distance.set(course.season_id, byCourse(await distancePeriodsOfSeason(tx, course.season_id)));
      const periods = (distance.get(course.season_id)!.get(course.id) ?? []).map((p) => ({
        start: p.starts_on,
        end: p.ends_on,
        videoLink: p.video_link,
      }));
      const lessons = lessonsOfPeriod(
        { weekday: course.weekday, status: course.status, roomId: course.room_id, videoLink: course.video_link },
        calendars.get(calendarKey)!,
        period,
        periods,
      );
      const coursePlaces = placesByCourse.get(course.id) ?? [];
      const sheetLessons = lessons.map((lesson) => {
        const expected = [...new Set(coursePlaces.filter((p) => expectedOn(p, lesson.date)).map((p) => p.student_id))];
        const lessonMarks = { ...marksByLesson.get(`${course.id}/${lesson.date}`) };
        return { ...lesson, expected, marks: lessonMarks, due: lessonIsDue(lesson.date, today) };
      });
      const inClass = new Set(sheetLessons.flatMap((l) => [...l.expected, ...Object.keys(l.marks)]));
      const students = new Map<string, string>();
      for (const p of coursePlaces)
        if (inClass.has(p.student_id)) students.set(p.student_id, `${p.first_name} ${p.last_name}`);
      const due = sheetLessons.filter((l) => l.due);
      sheets.push({
        courseId: course.id,
        course: courseLabel(course),
        schoolId: course.school_id,
        schoolName: course.school_name,
        teacherId: course.teacher_id,
        teacherName: `${course.first_name} ${course.last_name}`,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        lessons: sheetLessons.length,
        lessonsDue: due.length,
        lessonsMarked: due.filter((l) => lessonIsMarked(l.expected, l.marks)).length,
        filled: sheetIsFilled(sheetLessons, today),
        remindedOn: storedByCourse.get(course.id)?.[0]?.reminded_on ?? null,
        replacements: (replacedByCourse.get(course.id) ?? [])
          .filter((r) => r.starts_on <= period.end && r.ends_on >= period.start)
          .map((r) => ({
            substituteId: r.substitute_id,
            substituteName: `${r.first_name} ${r.last_name}`,
            startsOn: r.starts_on,
            endsOn: r.ends_on,
          })),
        students: [...students].map(([id, name]) => ({ id, name })),
        sheetLessons,
      });
    }
    return sheets;
  }

  const summary = ({ students: _s, sheetLessons: _l, periodStart: _a, periodEnd: _b, ...rest }: Sheet) => rest;

  /** A course's sheet, if the actor may open it (`assertMayOpenSheet`); with whether they open it as staff. */
  async function openCourse(tx: Tx, actor: Actor, courseId: string) {
    const course = await repo.findCourse(tx, courseId);
    if (!course) throw notFound();
    return { course, staff: await assertMayOpenSheet(tx, actor, course, schools) };
  }

  async function oneSheet(tx: Tx, actor: Actor, courseId: string, key: string | undefined) {
    const { course, staff } = await openCourse(tx, actor, courseId);
    const { period, today } = await periodAsked(tx, key);
    const [sheet] = await buildSheets(tx, [course], period, today);
    return { sheet: sheet!, course, staff, today };
  }

  return {
    /** A teacher's own sheets for a period (today's by default). */
    async mySheets(actor: Actor, key: string | undefined): Promise<z.infer<typeof TeacherSheets>> {
      const teacherId = teacherSelf(actor);
      if (!teacherId) throw forbidden();
      const { period, today, periods } = await periodAsked(db, key);
      const courses = await repo.coursesInPeriod(db, period, { teacherId, substitute: true });
      return { period: period.key, periods, sheets: (await buildSheets(db, courses, period, today)).map(summary) };
    },

    /** One course's sheet for a period: its students, its lessons and their marks. */
    async sheet(actor: Actor, courseId: string, key: string | undefined): Promise<Sheet> {
      return (await oneSheet(db, actor, courseId, key)).sheet;
    },

    /**
     * Marks one lesson: every student expected that day ("all present" in one tap), or the ones named (the
     * exceptions). A presence waits for the lesson's day; a cancellation may be marked ahead. Each mark is an
     * upsert (the latest wins), all in one transaction with one audit entry on the sheet.
     */
    async mark(actor: Actor, courseId: string, date: string, body: z.infer<typeof MarkLessonBody>): Promise<Sheet> {
      const { course, staff } = await openCourse(db, actor, courseId);
      if (staff) requirePermission(actor, 'courses.manage');
      const length = await ATTENDANCE_PERIOD.read(db);
      const period = periodOf(date, length);
      const today = await organisationToday(db, clock);
      await db.transaction().execute(async (tx) => {
        const [sheet] = await buildSheets(tx, [course], period, today);
        const lesson = sheet!.sheetLessons.find((l) => l.date === date);
        if (!lesson) throw invalidField('date', 'NOT_A_LESSON_DAY');
        if (!markAllowedOn(body.mark, date, today)) throw invalidField('mark', 'LESSON_NOT_YET_HELD');
        // A replaced day is the substitute's to mark (and to count as taught); the absent teacher's no longer.
        const holder = holderOn(
          date,
          course.teacher_id,
          sheet!.replacements.map((r) => ({ start: r.startsOn, end: r.endsOn, substituteId: r.substituteId })),
        );
        const self = teacherSelf(actor);
        if (!staff && self !== holder)
          throw new DomainError(self === course.teacher_id ? 'LESSON_HELD_BY_SUBSTITUTE' : 'NOT_YOUR_REPLACEMENT_DAY', {
            fields: [
              {
                field: 'date',
                code: self === course.teacher_id ? 'LESSON_HELD_BY_SUBSTITUTE' : 'NOT_YOUR_REPLACEMENT_DAY',
              },
            ],
          });
        const targets = body.studentIds ?? lesson.expected;
        if (targets.some((id) => !lesson.expected.includes(id)))
          throw invalidField('studentIds', 'STUDENT_NOT_EXPECTED');
        const at = clock.now().toISOString();
        const stored = await repo.ensureSheet(tx, sheetRow(course.id, period, at));
        const lessonId = await repo.ensureLesson(tx, {
          id: newId(),
          course_id: course.id,
          lesson_date: date,
          start_time: course.start_time,
          duration_minutes: course.duration_minutes,
          distance: lesson.distance ? 1 : 0,
          teacher_id: holder,
          created_at: at,
          updated_at: at,
        });
        await setLessonsHolder(tx, course.id, { start: date, end: date }, holder, at);
        const places = (await repo.placesOf(tx, [course.id])).filter((p) => expectedOn(p, date));
        for (const studentId of targets) {
          const place = places.find((p) => p.student_id === studentId)!;
          await repo.upsertMark(tx, {
            lesson_id: lessonId,
            student_id: studentId,
            enrolment_id: place.id,
            mark: body.mark,
            source: 'teacher',
            marked_by: actorUserId(actor),
            marked_at: at,
          });
        }
        const before = Object.fromEntries(targets.map((id) => [id, lesson.marks[id] ?? null]));
        await recordAudit(tx, clock, actor, {
          entityType: 'attendance_sheet',
          entityId: stored.id,
          action: 'attendance-marked',
          before: { date, marks: before },
          after: { date, marks: Object.fromEntries(targets.map((id) => [id, body.mark])) },
          summary: `${date}: ${body.mark} × ${targets.length}`,
        });
      });
      return (await oneSheet(db, actor, courseId, period.key)).sheet;
    },

    /** A sheet as a printable PDF, in the reader's language. */
    async pdf(actor: Actor, courseId: string, key: string | undefined, locale: 'fr' | 'en') {
      const { sheet } = await oneSheet(db, actor, courseId, key);
      const content = await attendanceSheetPdf(sheet, locale, await ORGANISATION_NAME.read(db));
      return { fileName: `attendance-${sheet.period}-${courseId.slice(0, 8)}.pdf`, content };
    },

    /** The period's sheets of the schools a staff member follows (one school if asked), with which are filled. */
    async schoolSheets(
      actor: Actor,
      query: { period?: string | undefined; schoolId?: string | undefined },
    ): Promise<z.infer<typeof UnfilledSheets>> {
      requirePermission(actor, 'schools.reports');
      const { period, today, periods } = await periodAsked(db, query.period);
      const schoolIds = await schoolsInScope(db, actor, schools, query.schoolId);
      const courses = await repo.coursesInPeriod(db, period, { schoolIds });
      const sheets: z.infer<typeof SheetSummary>[] = (await buildSheets(db, courses, period, today)).map(summary);
      return { period: period.key, periods, sheets };
    },

    /** Reminds a teacher of a sheet not filled, by e-mail; once a day per sheet at most, audited. */
    async remind(actor: Actor, courseId: string, key: string | undefined): Promise<{ remindedOn: string }> {
      requirePermission(actor, 'courses.manage');
      const course = await repo.findCourse(db, courseId);
      if (!course) throw notFound();
      await schools.assertSchoolInScope(db, actor, course.school_id);
      const { period, today } = await periodAsked(db, key);
      const [sheet] = await buildSheets(db, [course], period, today);
      if (sheet!.filled) throw new DomainError('SHEET_ALREADY_FILLED');
      const teacher = await teacherContactOf(db, course.teacher_id);
      if (!teacher?.email) throw new DomainError('TEACHER_UNREACHABLE');
      await db.transaction().execute(async (tx) => {
        const at = clock.now().toISOString();
        const stored = await repo.ensureSheet(tx, sheetRow(course.id, period, at));
        if (!mayRemind(stored.reminded_on, today) || !(await repo.claimReminder(tx, stored.id, today, at)))
          throw new DomainError('ALREADY_REMINDED_TODAY');
        const locale = teacher.locale === 'en' ? 'en' : 'fr';
        await deps.mailer.enqueue(tx, {
          to: teacher.email!,
          locale,
          mail: sheetReminderMail({
            name: teacher.first_name,
            course: courseLabel(course),
            school: course.school_name,
            period: period.key,
            link: `${deps.config.publicUrl}/teacher/attendance?course=${course.id}&period=${period.key}`,
          }),
          related: { type: 'teacher', id: course.teacher_id },
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'attendance_sheet',
          entityId: stored.id,
          action: 'attendance-reminder',
          after: { remindedOn: today },
        });
      });
      return { remindedOn: today };
    },

    /** A family's own children's marks for a period (an empty list for a family without any). */
    async familyAttendance(actor: Actor, key: string | undefined): Promise<z.infer<typeof FamilyAttendance>> {
      const familyId = await guardianFamilyId(db, actor);
      if (!familyId) throw forbidden();
      const { period, periods } = await periodAsked(db, key);
      const rows = await repo.familyMarks(db, familyId, period);
      return {
        period: period.key,
        periods,
        marks: rows.map((r) => ({
          studentId: r.student_id,
          studentName: `${r.first_name} ${r.last_name}`,
          course: courseLabel(r),
          date: r.lesson_date,
          mark: r.mark as AttendanceMark,
        })),
      };
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
