import type { z } from 'zod';
import {
  DISCIPLINE_LABELS,
  type Absence,
  type AbsenceReason,
  type AssignSubstituteBody,
  type Candidate,
  type Discipline,
  type Locale,
  type MyReplacements,
  type RecordAbsenceBody,
  type ReplacementProposals,
  type ReplacementsOverview,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { actorUserId } from '../../platform/actor.js';
import { requirePermission, teacherSelf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { MailRequest } from '../../platform/mailer.js';
import { ORGANISATION_DEFAULT_LOCALE, organisationToday } from '../../platform/settings.js';
import { lessonsOfPeriod } from './attendance.rules.js';
import { coursesInPeriod, type SheetCourse } from './attendance.repository.js';
import { schoolsInScope } from './attendance.service.js';
import { lockCourse } from './choice.repository.js';
import { teacherContactOf } from './courses.repository.js';
import { enrolledFamiliesToTell } from './courses.service.js';
import { replacementFamilyMail, replacementSubstituteMail } from './replacements.mail.js';
import * as repo from './replacements.repository.js';
import {
  firstUnmetNeed,
  isForwardRange,
  rangesOverlap,
  replacementFitsAbsence,
  substituteFit,
  substituteParts,
  substituteScore,
  type ColleagueFacts,
  type CourseNeed,
  type DateRange,
  type SubstituteNeed,
} from './replacements.rules.js';
import type { SchoolsService } from './schools.service.js';
import type { SeasonsService } from './seasons.service.js';

/** The refusal of a substitute who fails a need, on the field `substituteId`. */
const NEED_ERROR: Record<SubstituteNeed, string> = {
  discipline: 'SUBSTITUTE_NOT_QUALIFIED',
  suspension: 'SUBSTITUTE_SUSPENDED',
  absent: 'SUBSTITUTE_ABSENT',
  busy: 'SUBSTITUTE_BUSY',
};

/** How many colleagues are proposed per course. */
const PROPOSALS_PER_COURSE = 10;
const collator = new Intl.Collator('fr');

const courseLabel = (c: { discipline: string; level: string }, locale: Locale) =>
  `${DISCIPLINE_LABELS[locale][c.discipline as Discipline] ?? c.discipline} — ${c.level}`;

/**
 * Replacements (issue "School network III", item 5): the secretariat records a teacher's absence from its school,
 * sees colleagues proposed for each of the teacher's courses there (ranked with their reasons, like matching) and
 * gives a course to one of them for days of the absence. Sheets follow (attendance.service.ts: the substitute opens
 * and marks those days, the lessons are written as theirs), the families and the substitute are told by e-mail.
 */
export function createReplacementsService(deps: Deps, schools: SchoolsService, seasons: SeasonsService) {
  const { db, clock } = deps;

  /** An absence the actor may handle: the secretariat of its school, or the director. */
  async function absenceToHandle(tx: Tx, actor: Actor, id: string): Promise<repo.AbsenceRow> {
    requirePermission(actor, 'courses.manage');
    const absence = await repo.findAbsence(tx, id);
    if (!absence) throw notFound();
    if (!(await schools.mayChangeSchool(tx, actor, absence.school_id))) throw notFound();
    return absence;
  }

  const rangeOf = (a: { starts_on: string; ends_on: string }): DateRange => ({ start: a.starts_on, end: a.ends_on });

  /** The absent teacher's active courses in the absence's school whose season overlaps it. */
  async function affectedCourses(tx: Tx, absence: repo.AbsenceRow): Promise<SheetCourse[]> {
    return coursesInPeriod(tx, rangeOf(absence), { teacherId: absence.teacher_id, schoolIds: [absence.school_id] });
  }

  /** A course's lesson days within a range (its school's season calendar). */
  async function lessonDays(tx: Tx, course: SheetCourse, range: DateRange): Promise<string[]> {
    const { calendar } = await seasons.calendarFor(tx, course.school_id, course.season_id);
    const lessons = lessonsOfPeriod(
      { weekday: course.weekday, status: course.status, roomId: course.room_id, videoLink: course.video_link },
      calendar,
      { key: '', ...range },
      [],
    );
    return lessons.map((l) => l.date);
  }

  async function toAbsence(tx: Tx, absence: repo.AbsenceRow, locale: Locale): Promise<Absence> {
    const courses = await affectedCourses(tx, absence);
    const replaced = await repo.replacementsOfCourses(
      tx,
      courses.map((c) => c.id),
    );
    const range = rangeOf(absence);
    return {
      id: absence.id,
      teacherId: absence.teacher_id,
      teacherName: `${absence.first_name} ${absence.last_name}`,
      schoolId: absence.school_id,
      schoolName: absence.school_name,
      reason: absence.reason as AbsenceReason,
      startsOn: absence.starts_on,
      endsOn: absence.ends_on,
      note: absence.note,
      courses: await Promise.all(
        courses.map(async (c) => ({
          courseId: c.id,
          course: courseLabel(c, locale),
          weekday: c.weekday,
          start: c.start_time,
          lessons: await lessonDays(tx, c, range),
          replacements: replaced
            .filter((r) => r.course_id === c.id && r.absence_id === absence.id)
            .map((r) => ({
              id: r.id,
              substituteId: r.substitute_id,
              substituteName: `${r.first_name} ${r.last_name}`,
              startsOn: r.starts_on,
              endsOn: r.ends_on,
            })),
        })),
      ),
    };
  }

  /** What every teacher brings for a range of days, by teacher (replacements.rules.ts: `ColleagueFacts`). */
  async function colleagues(tx: Tx, range: DateRange, discipline: string) {
    const data = await repo.colleaguesOver(tx, range);
    const facts = new Map<string, ColleagueFacts & { name: string; weekly: number }>();
    for (const t of data.teachers)
      facts.set(t.person_id, {
        teacherId: t.person_id,
        status: t.status,
        name: `${t.first_name} ${t.last_name}`,
        disciplines: [],
        levels: [],
        schools: [],
        slots: [],
        absences: [],
        availability: [],
        weekly: 0,
      });
    const of = (id: string) => facts.get(id);
    for (const p of data.profile) (of(p.teacher_id)?.disciplines as string[] | undefined)?.push(p.instrument);
    for (const c of data.courses) {
      const f = of(c.teacher_id);
      if (!f) continue;
      (f.disciplines as string[]).push(c.discipline);
      if (c.discipline === discipline) (f.levels as string[]).push(c.level);
      if (c.status !== 'active' || !rangesOverlap({ start: c.starts_on, end: c.ends_on }, range)) continue;
      (f.schools as string[]).push(c.school_id);
      (f.slots as CourseNeed['slot'][]).push({ weekday: c.weekday, start: c.start_time, minutes: c.duration_minutes });
      f.weekly += 1;
    }
    for (const r of data.replaced)
      (of(r.substitute_id)?.slots as CourseNeed['slot'][] | undefined)?.push({
        weekday: r.weekday,
        start: r.start_time,
        minutes: r.duration_minutes,
      });
    for (const a of data.away)
      (of(a.teacher_id)?.absences as DateRange[] | undefined)?.push({ start: a.starts_on, end: a.ends_on });
    for (const w of data.availability)
      (of(w.teacher_id)?.availability as ColleagueFacts['availability'][number][] | undefined)?.push({
        weekday: w.weekday,
        start: w.start_minute,
        end: w.end_minute,
      });
    return facts;
  }

  const needOf = (course: SheetCourse, absence: repo.AbsenceRow, range: DateRange): CourseNeed => ({
    teacherId: absence.teacher_id,
    discipline: course.discipline,
    level: course.level,
    schoolId: course.school_id,
    slot: { weekday: course.weekday, start: course.start_time, minutes: course.duration_minutes },
    range,
  });

  return {
    /** The office page: the schools one follows, their teachers, the absences not over and their courses. */
    async overview(
      actor: Actor,
      query: { schoolId?: string | undefined },
      locale: Locale,
    ): Promise<z.infer<typeof ReplacementsOverview>> {
      requirePermission(actor, 'courses.manage');
      const today = await organisationToday(db, clock);
      const schoolIds = await schoolsInScope(db, actor, schools, query.schoolId);
      const [schoolRows, teachers, absences] = await Promise.all([
        schoolIds.length
          ? db.selectFrom('schools').select(['id', 'name']).where('id', 'in', schoolIds).orderBy('name').execute()
          : [],
        repo.teachersOfSchools(db, schoolIds, today),
        repo.absencesOfSchools(db, schoolIds, today),
      ]);
      return {
        schools: schoolRows,
        teachers: teachers.map((t) => ({
          id: t.teacher_id,
          name: `${t.first_name} ${t.last_name}`,
          schoolId: t.school_id,
        })),
        absences: await Promise.all(absences.map((a) => toAbsence(db, a, locale))),
      };
    },

    /** Records a teacher's absence from a school (one absence a day per teacher and school), audited. */
    async record(actor: Actor, body: z.infer<typeof RecordAbsenceBody>, locale: Locale): Promise<Absence> {
      requirePermission(actor, 'courses.manage');
      await schools.assertSchoolInScope(db, actor, body.schoolId);
      const range = { start: body.startsOn, end: body.endsOn };
      if (!isForwardRange(range)) throw invalidField('endsOn', 'ABSENCE_DATES_REVERSED');
      const today = await organisationToday(db, clock);
      const teachers = await repo.teachersOfSchools(db, [body.schoolId], today);
      if (!teachers.some((t) => t.teacher_id === body.teacherId))
        throw invalidField('teacherId', 'TEACHER_NOT_IN_SCHOOL');
      const id = newId();
      await db.transaction().execute(async (tx) => {
        if (await repo.absenceOverlaps(tx, body.teacherId, body.schoolId, range))
          throw new DomainError('ABSENCE_OVERLAP', { fields: [{ field: 'startsOn', code: 'ABSENCE_OVERLAP' }] });
        const at = clock.now().toISOString();
        await repo.insertAbsence(tx, {
          id,
          teacher_id: body.teacherId,
          school_id: body.schoolId,
          reason: body.reason,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          note: body.note ?? null,
          created_by: actorUserId(actor),
          created_at: at,
          updated_at: at,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'teacher_absence',
          entityId: id,
          action: 'absence-recorded',
          after: { reason: body.reason, startsOn: body.startsOn, endsOn: body.endsOn, note: body.note ?? null },
        });
      });
      return toAbsence(db, (await repo.findAbsence(db, id))!, locale);
    },

    /** For each course of an absence, the colleagues who may take it, best first, each with their reasons. */
    async proposals(actor: Actor, absenceId: string, locale: Locale): Promise<z.infer<typeof ReplacementProposals>> {
      const absence = await absenceToHandle(db, actor, absenceId);
      const range = rangeOf(absence);
      const courses = await affectedCourses(db, absence);
      const result: z.infer<typeof ReplacementProposals> = { absenceId, courses: [] };
      const byDiscipline = new Map<string, Awaited<ReturnType<typeof colleagues>>>();
      for (const course of courses) {
        const need = needOf(course, absence, range);
        const candidates: Candidate[] = [];
        if (!byDiscipline.has(course.discipline))
          byDiscipline.set(course.discipline, await colleagues(db, range, course.discipline));
        for (const c of byDiscipline.get(course.discipline)!.values()) {
          if (firstUnmetNeed(c, need)) continue;
          const parts = substituteParts(c, need, c.weekly, locale);
          candidates.push({
            teacherId: c.teacherId,
            name: c.name,
            score: substituteScore(parts),
            distanceKm: null,
            fit: substituteFit(DISCIPLINE_LABELS[locale][course.discipline as Discipline] ?? course.discipline, locale),
            parts,
          });
        }
        candidates.sort((a, b) => b.score - a.score || collator.compare(a.name, b.name));
        result.courses.push({
          courseId: course.id,
          course: courseLabel(course, locale),
          candidates: candidates.slice(0, PROPOSALS_PER_COURSE),
        });
      }
      return result;
    },

    /**
     * Gives one of the absent teacher's courses to a colleague for days of the absence (all of it by default). The
     * course is locked: two assignments at once never overlap. Refused per field: a course not affected, days out
     * of the absence or already given, a colleague who fails a need (discipline, status, away, busy). The lessons
     * already written for those days become the substitute's; the families and the substitute are told; audited.
     */
    async assign(
      actor: Actor,
      absenceId: string,
      body: z.infer<typeof AssignSubstituteBody>,
      locale: Locale,
    ): Promise<Absence> {
      const absence = await absenceToHandle(db, actor, absenceId);
      const course = (await affectedCourses(db, absence)).find((c) => c.id === body.courseId);
      if (!course) throw invalidField('courseId', 'COURSE_NOT_AFFECTED');
      const range = { start: body.startsOn ?? absence.starts_on, end: body.endsOn ?? absence.ends_on };
      if (!replacementFitsAbsence(range, rangeOf(absence)))
        throw invalidField('startsOn', 'REPLACEMENT_OUTSIDE_ABSENCE');
      await db.transaction().execute(async (tx) => {
        await lockCourse(tx, course.id);
        const existing = await repo.replacementsOfCourses(tx, [course.id]);
        if (existing.some((r) => rangesOverlap(range, { start: r.starts_on, end: r.ends_on })))
          throw new DomainError('REPLACEMENT_OVERLAP', {
            fields: [{ field: 'startsOn', code: 'REPLACEMENT_OVERLAP' }],
          });
        const facts = (await colleagues(tx, range, course.discipline)).get(body.substituteId);
        if (!facts) throw invalidField('substituteId', 'SUBSTITUTE_NOT_QUALIFIED');
        const unmet = firstUnmetNeed(facts, needOf(course, absence, range));
        if (unmet) throw invalidField('substituteId', NEED_ERROR[unmet]);
        const at = clock.now().toISOString();
        const id = newId();
        await repo.insertReplacement(tx, {
          id,
          absence_id: absence.id,
          course_id: course.id,
          substitute_id: body.substituteId,
          starts_on: range.start,
          ends_on: range.end,
          created_by: actorUserId(actor),
          created_at: at,
        });
        await repo.setLessonsHolder(tx, course.id, range, body.substituteId, at);
        await recordAudit(tx, clock, actor, {
          entityType: 'teacher_absence',
          entityId: absence.id,
          action: 'substitute-assigned',
          after: {
            course: courseLabel(course, 'fr'),
            substitute: facts.name,
            startsOn: range.start,
            endsOn: range.end,
          },
        });
        const fallback = (await ORGANISATION_DEFAULT_LOCALE.read(tx)) as Locale;
        const families = await enrolledFamiliesToTell(tx, course.id);
        const mails: MailRequest[] = families.map((f) => ({
          to: f.email,
          locale: f.locale ?? fallback,
          mail: replacementFamilyMail({
            name: f.name,
            course: courseLabel(course, f.locale ?? fallback),
            school: course.school_name,
            substitute: facts.name,
            from: range.start,
            to: range.end,
          }),
          related: { type: 'course', id: course.id },
        }));
        const substitute = await teacherContactOf(tx, body.substituteId);
        if (substitute?.email) {
          const to = (substitute.locale ?? fallback) as Locale;
          mails.push({
            to: substitute.email,
            locale: to,
            mail: replacementSubstituteMail({
              name: substitute.first_name,
              course: courseLabel(course, to),
              school: course.school_name,
              absent: `${absence.first_name} ${absence.last_name}`,
              from: range.start,
              to: range.end,
              link: `${deps.config.publicUrl}/teacher/attendance`,
            }),
            related: { type: 'teacher', id: body.substituteId },
          });
        }
        if (mails.length) await deps.mailer.enqueueMany(tx, mails);
      });
      return toAbsence(db, absence, locale);
    },

    /** A teacher's replacements not over: the colleagues' courses they hold, and when. */
    async mine(actor: Actor, locale: Locale): Promise<z.infer<typeof MyReplacements>> {
      const teacherId = teacherSelf(actor);
      if (!teacherId) throw forbidden();
      const rows = await repo.replacementsOfSubstitute(db, teacherId, await organisationToday(db, clock));
      return {
        replacements: rows.map((r) => ({
          id: r.id,
          courseId: r.course_id,
          course: courseLabel(r, locale),
          schoolName: r.school_name,
          weekday: r.weekday,
          start: r.start_time,
          durationMinutes: r.duration_minutes,
          absentTeacherName: `${r.first_name} ${r.last_name}`,
          startsOn: r.starts_on,
          endsOn: r.ends_on,
        })),
      };
    },
  };
}

export type ReplacementsService = ReturnType<typeof createReplacementsService>;
