import type { z } from 'zod';
import type {
  Course,
  CourseInput,
  CourseListQuery,
  DistancePeriod,
  DistancePeriodInput,
  Locale,
  OpeningHours,
  ResumeCourseBody,
  SuspendCourseBody,
  UpdateCourseBody,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import { SEAT_STATUSES } from './enrolments.rules.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { isStaffMember, requirePermission, teacherSelf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, forbidden, notFound, stale, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ORGANISATION_DEFAULT_LOCALE, organisationToday } from '../../platform/settings.js';
import { distanceCancelProblems, distancePeriodProblems, lessonsWithModes } from './courses.rules.js';
import { courseChangeMail, type CourseChange } from './schools.mail.js';
import { lessonDates } from './calendar.rules.js';
import { conflictsOfSlot, timetableConflicts, type TimetableConflict, type WeeklySlot } from './timetable.rules.js';
import * as repo from './courses.repository.js';
import { findSchool, findSeason, roomBelongsTo } from './schools.repository.js';
import type { SchoolsService } from './schools.service.js';
import type { SeasonsService } from './seasons.service.js';

type CourseBody = z.infer<typeof CourseInput>;

function toCourse(row: repo.NamedCourseRow): Course {
  return {
    id: row.id,
    seasonId: row.season_id,
    schoolId: row.school_id,
    discipline: row.discipline as Course['discipline'],
    kind: row.kind as Course['kind'],
    level: row.level,
    ageMin: row.age_min,
    ageMax: row.age_max,
    teacherId: row.teacher_id,
    teacherName: `${row.first_name} ${row.last_name}`,
    schoolName: row.school_name,
    roomId: row.room_id,
    roomName: row.room_name,
    videoLink: row.video_link,
    weekday: row.weekday,
    start: row.start_time,
    durationMinutes: row.duration_minutes,
    capacity: row.capacity,
    status: row.status as Course['status'],
    suspensionReason: row.suspension_reason,
    version: row.version,
  };
}

const courseBodyOf = (course: Course): CourseBody => ({
  seasonId: course.seasonId,
  schoolId: course.schoolId,
  discipline: course.discipline,
  kind: course.kind,
  level: course.level,
  ageMin: course.ageMin,
  ageMax: course.ageMax,
  teacherId: course.teacherId,
  roomId: course.roomId,
  videoLink: course.videoLink,
  weekday: course.weekday,
  start: course.start,
  durationMinutes: course.durationMinutes,
  capacity: course.capacity,
});

/** Someone told about a course's changes. */
type CourseRecipient = { email: string; name: string; locale: Locale };

/**
 * The families to tell about a change of the course: the guardians (with an e-mail) of each family with a place
 * that holds a seat in it (confirmed, held for re-enrolment, offered), once each, in their account's language or
 * the family's, read in the caller's transaction.
 */
export async function enrolledFamiliesToTell(tx: Tx, courseId: string): Promise<CourseRecipient[]> {
  const rows = await tx
    .selectFrom('course_enrolments as e')
    .innerJoin('families as f', 'f.id', 'e.family_id')
    .innerJoin('people as g', (join) => join.onRef('g.family_id', '=', 'e.family_id').on('g.kind', '=', 'guardian'))
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .where('e.course_id', '=', courseId)
    .where('e.status', 'in', [...SEAT_STATUSES])
    .where('g.email', 'is not', null)
    .select(['g.email', 'g.first_name', 'u.locale as account_locale', 'f.locale as family_locale'])
    .distinct()
    .orderBy('g.email')
    .execute();
  const told = new Map<string, CourseRecipient>();
  for (const row of rows) {
    const email = row.email as string;
    if (told.has(email)) continue;
    told.set(email, { email, name: row.first_name, locale: (row.account_locale ?? row.family_locale) as Locale });
  }
  return [...told.values()];
}

/** The form's own problems, per field: ages in order, a distance course's link, one place for an individual lesson. */
export function courseFormProblems(body: CourseBody): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (body.ageMin != null && body.ageMax != null && body.ageMax < body.ageMin) {
    problems.push({ field: 'ageMax', code: 'AGES_REVERSED' });
  }
  if (!body.roomId && !body.videoLink) problems.push({ field: 'videoLink', code: 'DISTANCE_NEEDS_LINK' });
  if (body.kind === 'individual' && body.capacity !== 1) {
    problems.push({ field: 'capacity', code: 'INDIVIDUAL_COURSE_ONE_PLACE' });
  }
  return problems;
}

/** The form field a timetable conflict belongs to. */
const CONFLICT_FIELD: Record<TimetableConflict['code'], string> = {
  TEACHER_DOUBLE_BOOKED: 'start',
  TEACHER_TRAVEL_TOO_SHORT: 'start',
  OUTSIDE_OPENING_HOURS: 'start',
  ROOM_DOUBLE_BOOKED: 'roomId',
  ROOM_OF_ANOTHER_SCHOOL: 'roomId',
  ROOM_TOO_SMALL: 'capacity',
};

const slotOf = (
  row: Pick<
    repo.CourseRow,
    'id' | 'teacher_id' | 'school_id' | 'room_id' | 'weekday' | 'start_time' | 'duration_minutes' | 'capacity'
  >,
): WeeklySlot => ({
  courseId: row.id,
  teacherId: row.teacher_id,
  schoolId: row.school_id,
  roomId: row.room_id,
  weekday: row.weekday,
  start: row.start_time,
  durationMinutes: row.duration_minutes,
  capacity: row.capacity,
});

/** The least time a teacher needs between two schools, in minutes ("in the same hour"). */
export const TRAVEL_MINUTES_BETWEEN_SCHOOLS = 60;

async function openingHoursMap(tx: Tx, schoolIds: readonly string[]) {
  const rows = await repo.openingHoursOf(tx, [...new Set(schoolIds)]);
  return new Map(rows.map((r) => [r.id, JSON.parse(r.opening_hours) as OpeningHours[]]));
}

/**
 * Courses and timetables of the school network: each course on a weekly slot, checked against the timetable
 * (teacher, room, capacity, opening hours, travel between schools) and changed only by who works for its school.
 */
export function createCoursesService(deps: Deps, schools: SchoolsService, seasons: SeasonsService) {
  const { db, clock } = deps;

  async function loadCourse(tx: Tx, id: string): Promise<Course> {
    const row = await repo.findCourse(tx, id);
    if (!row) throw notFound();
    return toCourse(row);
  }

  /** Staff read every course; a teacher only their own. */
  function assertMayRead(actor: Actor, course: Pick<Course, 'teacherId'>): void {
    requirePermission(actor, 'schools.read');
    if (isStaffMember(actor)) return;
    if (teacherSelf(actor) !== course.teacherId) throw forbidden();
  }

  async function assertValid(tx: Tx, actor: Actor, body: CourseBody, courseId: string): Promise<void> {
    const problems = courseFormProblems(body);
    if (problems.length) throw new DomainError(problems[0]!.code, { status: 422, fields: problems });
    if (!(await findSeason(tx, body.seasonId))) {
      throw new DomainError('NOT_FOUND', { status: 422, fields: [{ field: 'seasonId', code: 'invalid_value' }] });
    }
    if (!(await findSchool(tx, body.schoolId))) {
      throw new DomainError('NOT_FOUND', { status: 422, fields: [{ field: 'schoolId', code: 'invalid_value' }] });
    }
    await schools.assertSchoolInScope(tx, actor, body.schoolId);
    if (!(await repo.activeTeacher(tx, body.teacherId))) {
      throw new DomainError('NOT_A_TEACHER', { fields: [{ field: 'teacherId', code: 'NOT_A_TEACHER' }] });
    }
    if (body.roomId && (await roomBelongsTo(tx, body.roomId)) !== body.schoolId) {
      throw new DomainError('ROOM_NOT_IN_SCHOOL', { fields: [{ field: 'roomId', code: 'ROOM_NOT_IN_SCHOOL' }] });
    }
    const slot = slotOf({
      id: courseId,
      teacher_id: body.teacherId,
      school_id: body.schoolId,
      room_id: body.roomId ?? null,
      weekday: body.weekday,
      start_time: body.start,
      duration_minutes: body.durationMinutes,
      capacity: body.capacity,
    });
    const neighbours = (await repo.neighbouringCourses(tx, { ...body, roomId: body.roomId ?? null })).map(slotOf);
    const rooms = (
      await repo.roomsByIds(
        tx,
        [...new Set([body.roomId, ...neighbours.map((n) => n.roomId)])].filter((r): r is string => !!r),
      )
    ).map((r) => ({ id: r.id, schoolId: r.school_id, capacity: r.capacity }));
    const hours = await openingHoursMap(tx, [body.schoolId]);
    const conflicts = conflictsOfSlot(slot, neighbours, rooms, hours, TRAVEL_MINUTES_BETWEEN_SCHOOLS);
    if (conflicts.length) {
      const fields = conflicts.map((c) => ({ field: CONFLICT_FIELD[c.code], code: c.code }));
      throw new DomainError(conflicts[0]!.code, { fields });
    }
  }

  function columns(body: CourseBody, now: string) {
    return {
      season_id: body.seasonId,
      school_id: body.schoolId,
      discipline: body.discipline,
      kind: body.kind,
      level: body.level,
      age_min: body.ageMin ?? null,
      age_max: body.ageMax ?? null,
      teacher_id: body.teacherId,
      room_id: body.roomId ?? null,
      video_link: body.videoLink ?? null,
      weekday: body.weekday,
      start_time: body.start,
      duration_minutes: body.durationMinutes,
      capacity: body.capacity,
      updated_at: now,
    };
  }

  /**
   * Tells the course's teacher and its enrolled families about a change, by e-mail queued in the change's
   * transaction (a rolled-back change tells nobody).
   */
  async function tellAboutCourseChange(tx: Tx, course: Course, change: CourseChange): Promise<void> {
    const recipients: CourseRecipient[] = [];
    const teacher = await repo.teacherContactOf(tx, course.teacherId);
    if (teacher?.email) {
      const locale = (teacher.locale ?? (await ORGANISATION_DEFAULT_LOCALE.read(tx))) as Locale;
      recipients.push({ email: teacher.email, name: teacher.first_name, locale });
    }
    recipients.push(...(await enrolledFamiliesToTell(tx, course.id)));
    if (recipients.length === 0) return;
    const label = `${course.level} — ${course.schoolName}`;
    await deps.mailer.enqueueMany(
      tx,
      recipients.map((r) => ({
        to: r.email,
        locale: r.locale,
        mail: courseChangeMail({ name: r.name, course: label, change }),
        related: { type: 'course', id: course.id },
      })),
    );
  }

  /** Loads a course for a change by the secretariat of its school (or the whole network's). */
  async function courseToChange(tx: Tx, actor: Actor, id: string): Promise<Course> {
    requirePermission(actor, 'courses.manage');
    const course = await loadCourse(tx, id);
    await schools.assertSchoolInScope(tx, actor, course.schoolId);
    return course;
  }

  const toPeriod = (row: Awaited<ReturnType<typeof repo.distancePeriodsOf>>[number]): DistancePeriod => ({
    id: row.id,
    start: row.starts_on,
    end: row.ends_on,
    reason: row.reason,
    videoLink: row.video_link,
  });

  return {
    /** Courses of a season, by school, teacher or room; a teacher's list is their own timetable. */
    async list(actor: Actor, query: z.infer<typeof CourseListQuery>): Promise<Course[]> {
      requirePermission(actor, 'schools.read');
      if (!isStaffMember(actor)) {
        const self = teacherSelf(actor);
        if (!self) throw forbidden();
        return (await repo.listCourses(db, { ...query, teacherId: self })).map(toCourse);
      }
      return (await repo.listCourses(db, query)).map(toCourse);
    },

    async get(actor: Actor, id: string): Promise<Course> {
      const course = await loadCourse(db, id);
      assertMayRead(actor, course);
      return course;
    },

    async create(actor: Actor, body: CourseBody): Promise<Course> {
      requirePermission(actor, 'courses.manage');
      return db.transaction().execute(async (tx) => {
        const id = newId();
        await assertValid(tx, actor, body, id);
        const now = clock.now().toISOString();
        await repo.insertCourse(tx, { id, created_at: now, version: 1, status: 'active', ...columns(body, now) });
        const course = await loadCourse(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'course', entityId: id, action: 'create', after: course });
        return course;
      });
    },

    async update(actor: Actor, id: string, body: z.infer<typeof UpdateCourseBody>): Promise<Course> {
      requirePermission(actor, 'courses.manage');
      return db.transaction().execute(async (tx) => {
        const before = await loadCourse(tx, id);
        // Moving a course needs the right to change both its school and the one it goes to.
        await schools.assertSchoolInScope(tx, actor, before.schoolId);
        await assertValid(tx, actor, body, id);
        if (!(await repo.updateCourse(tx, id, body.version, columns(body, clock.now().toISOString())))) throw stale();
        const after = await loadCourse(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'course', entityId: id, action: 'update', before, after });
        return after;
      });
    },

    /**
     * The dates a course meets this season (its weekday on the open days of its school's calendar; none while
     * suspended), each with where it is held (`lessonsWithModes`), and its distance periods.
     */
    async lessons(actor: Actor, id: string) {
      const course = await loadCourse(db, id);
      assertMayRead(actor, course);
      const { calendar } = await seasons.calendarFor(db, course.schoolId, course.seasonId);
      const dates = course.status === 'active' ? lessonDates(course.weekday, calendar) : [];
      const distancePeriods = (await repo.distancePeriodsOf(db, id)).map(toPeriod);
      return { courseId: id, dates, lessons: lessonsWithModes(dates, course, distancePeriods), distancePeriods };
    },

    /**
     * Switches a course to distance for a date range (e.g. its room closed): each lesson in the range is held at
     * distance with the range's video link (else the course's). Audited; the teacher and families are told.
     */
    async switchToDistance(
      actor: Actor,
      id: string,
      body: z.infer<typeof DistancePeriodInput>,
    ): Promise<DistancePeriod> {
      return db.transaction().execute(async (tx) => {
        const course = await courseToChange(tx, actor, id);
        const season = await findSeason(tx, course.seasonId);
        if (!season) throw notFound();
        const problems = distancePeriodProblems(
          body,
          { start: season.starts_on, end: season.ends_on },
          course.videoLink,
        );
        if (problems.length) throw new DomainError(problems[0]!.code, { status: 422, fields: problems });
        const period: DistancePeriod = {
          id: newId(),
          start: body.start,
          end: body.end,
          reason: body.reason,
          videoLink: (body.videoLink || course.videoLink)!,
        };
        await repo.insertDistancePeriod(tx, {
          id: period.id,
          course_id: id,
          starts_on: period.start,
          ends_on: period.end,
          video_link: period.videoLink,
          reason: period.reason,
          created_at: clock.now().toISOString(),
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'course',
          entityId: id,
          action: 'switch-to-distance',
          after: { distancePeriod: period },
        });
        await tellAboutCourseChange(tx, course, { kind: 'distance', ...period });
        return period;
      });
    },

    /**
     * Cancels a distance period (the room reopened early, or it was set by mistake): its lessons from today on are
     * held in the room again. A period that already ended stays on record (field error on `end`). Audited; the
     * teacher and families are told.
     */
    async cancelDistance(actor: Actor, id: string, periodId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const course = await courseToChange(tx, actor, id);
        const row = await repo.findDistancePeriod(tx, id, periodId);
        if (!row) throw notFound();
        const period = toPeriod(row);
        const problems = distanceCancelProblems(period, await organisationToday(tx, clock));
        if (problems.length) throw new DomainError(problems[0]!.code, { status: 422, fields: problems });
        await repo.deleteDistancePeriod(tx, periodId);
        await recordAudit(tx, clock, actor, {
          entityType: 'course',
          entityId: id,
          action: 'cancel-distance',
          before: { distancePeriod: period },
        });
        await tellAboutCourseChange(tx, course, { kind: 'distance-cancelled', start: period.start, end: period.end });
      });
    },

    /** Suspends a whole course (e.g. the choirs) with its reason: no lesson until it resumes. Audited, told. */
    async suspend(actor: Actor, id: string, body: z.infer<typeof SuspendCourseBody>): Promise<Course> {
      return db.transaction().execute(async (tx) => {
        const before = await courseToChange(tx, actor, id);
        if (before.status === 'suspended') throw new DomainError('COURSE_ALREADY_SUSPENDED');
        const next = { status: 'suspended', suspension_reason: body.reason, updated_at: clock.now().toISOString() };
        if (!(await repo.setCourseStatus(tx, id, body.version, next))) throw stale();
        const after = await loadCourse(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'course', entityId: id, action: 'suspend', before, after });
        await tellAboutCourseChange(tx, after, { kind: 'suspended', reason: body.reason });
        return after;
      });
    },

    /**
     * Resumes a suspended course on its slot, which must still be free: the slot is checked against today's
     * timetable like a new course (another course may have taken the room or the teacher meanwhile).
     */
    async resume(actor: Actor, id: string, body: z.infer<typeof ResumeCourseBody>): Promise<Course> {
      return db.transaction().execute(async (tx) => {
        const before = await courseToChange(tx, actor, id);
        if (before.status !== 'suspended') throw new DomainError('COURSE_NOT_SUSPENDED');
        await assertValid(tx, actor, courseBodyOf(before), id);
        const next = { status: 'active', suspension_reason: null, updated_at: clock.now().toISOString() };
        if (!(await repo.setCourseStatus(tx, id, body.version, next))) throw stale();
        const after = await loadCourse(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'course', entityId: id, action: 'resume', before, after });
        await tellAboutCourseChange(tx, after, { kind: 'resumed' });
        return after;
      });
    },

    /** Every conflict of a season's timetable across the network (the check a new course passes, run on all). */
    async seasonConflicts(actor: Actor, seasonId: string): Promise<TimetableConflict[]> {
      requirePermission(actor, 'courses.manage');
      if (!(await findSeason(db, seasonId))) throw notFound();
      const slots = (await repo.seasonSlots(db, seasonId)).map(slotOf);
      const rooms = (await repo.allRooms(db)).map((r) => ({ id: r.id, schoolId: r.school_id, capacity: r.capacity }));
      const hours = await openingHoursMap(
        db,
        slots.map((s) => s.schoolId),
      );
      return timetableConflicts(slots, rooms, hours, TRAVEL_MINUTES_BETWEEN_SCHOOLS);
    },
  };
}
export type CoursesService = ReturnType<typeof createCoursesService>;
