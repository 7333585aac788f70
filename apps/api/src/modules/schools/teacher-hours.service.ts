import type { z } from 'zod';
import type { HoursReport, Locale, TeacherContract, TeacherContractInput, UpdateTeacherContractBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { can, requirePermission, teacherSelf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { csvDocument, type CsvCell } from '../../platform/csv.js';
import { forbidden, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import type { SeasonCalendar } from './calendar.rules.js';
import { periodOf } from './attendance.rules.js';
import {
  addFigures,
  adjacentMonths,
  calendarShare,
  contractMinutesOfMonth,
  contractOn,
  contractsOverlap,
  lessonOutcome,
  lessonShares,
  monthOf,
  NO_HOURS,
  unworkedCourseDates,
  type HoursFigures,
} from './teacher-hours.rules.js';
import * as repo from './teacher-hours.repository.js';
import type { SchoolsService } from './schools.service.js';
import type { SeasonsService } from './seasons.service.js';

type Report = z.infer<typeof HoursReport>;
type Row = Report['rows'][number];
type ContractBody = z.infer<typeof TeacherContractInput>;

const toContract = (r: repo.ContractRow): TeacherContract => ({
  id: r.id,
  teacherId: r.teacher_id,
  teacherName: `${r.first_name} ${r.last_name}`,
  schoolId: r.school_id,
  schoolName: r.school_name,
  weeklyMinutes: r.weekly_minutes,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  version: r.version,
});

/** The CSV's figure columns, in order, with their heading in each language (hours with two decimals). */
const CSV_FIGURES: { key: keyof HoursFigures; fr: string; en: string }[] = [
  { key: 'contractMinutes', fr: 'Heures du contrat', en: 'Contract hours' },
  { key: 'taughtMinutes', fr: 'Heures données', en: 'Hours taught' },
  { key: 'replacedGivenMinutes', fr: 'Heures remplacées (cédées)', en: 'Hours replaced (given)' },
  { key: 'replacedReceivedMinutes', fr: 'Heures de remplacement (reçues)', en: 'Replacement hours (received)' },
  { key: 'cancelledBySchoolMinutes', fr: 'Annulées par l’école', en: 'Cancelled by the school' },
  { key: 'closureMinutes', fr: 'Fermetures', en: 'Closures' },
  { key: 'suspendedMinutes', fr: 'Cours suspendus', en: 'Suspended courses' },
  {
    key: 'unworkedMinutes',
    fr: 'Heures non travaillées (activité partielle)',
    en: 'Unworked hours (partial activity)',
  },
  { key: 'cancelledByTeacherMinutes', fr: 'Annulées par le professeur', en: 'Cancelled by the teacher' },
];
const CSV_WORDS = {
  fr: {
    month: 'Mois',
    school: 'École',
    teacher: 'Professeur',
    teacherId: 'Identifiant professeur',
    weekly: 'Heures par semaine',
  },
  en: { month: 'Month', school: 'School', teacher: 'Teacher', teacherId: 'Teacher id', weekly: 'Hours a week' },
};

/**
 * Teachers' hours (issue "School network III", item 6): contracts per school (written by the school's secretariat
 * and the director), and the monthly report per teacher and school — contract hours, hours taught, replaced (given
 * and received), not worked because of the association's cancellations and closures — with its CSV for the payroll
 * provider. The school's secretariat, the director and the board read it; a teacher reads their own rows.
 */
export function createTeacherHoursService(deps: Deps, schools: SchoolsService, seasons: SeasonsService) {
  const { db, clock } = deps;

  /** The month asked for (by key) or the current one, with its neighbours. */
  async function monthAsked(tx: Tx, key: string | undefined) {
    const today = await organisationToday(tx, clock);
    const current = periodOf(today, 'month');
    const month = key ? monthOf(key) : current;
    return { month, months: { current: current.key, ...adjacentMonths(month) } };
  }

  /** The schools a staff member follows (one if asked): every school for the director and the board. */
  async function schoolsInScope(tx: Tx, actor: Actor, schoolId: string | undefined): Promise<string[]> {
    if (schoolId) {
      await schools.assertSchoolInScope(tx, actor, schoolId);
      return [schoolId];
    }
    const mine: string[] = [];
    for (const s of await repo.schoolNames(tx)) if (await schools.mayChangeSchool(tx, actor, s.id)) mine.push(s.id);
    return mine;
  }

  /** The month's rows of a scope: one per teacher and school with a contract or any figure. */
  async function rowsOf(tx: Tx, scope: repo.HoursScope, key: string | undefined): Promise<Report> {
    const { month, months } = await monthAsked(tx, key);
    const [contracts, courses, lessons, seasonRows, schoolRows] = await Promise.all([
      repo.contractsOf(tx, scope, month),
      repo.coursesOfMonth(tx, scope, month),
      repo.lessonsOfMonth(tx, scope, month),
      repo.seasonsOfMonth(tx, month),
      repo.schoolNames(tx),
    ]);
    // Each school's calendars of the month's seasons, read once per school and season.
    const calendars = new Map<string, SeasonCalendar>();
    const calendarOf = async (schoolId: string, seasonId: string) => {
      const k = `${schoolId}/${seasonId}`;
      if (!calendars.has(k)) calendars.set(k, (await seasons.calendarFor(tx, schoolId, seasonId)).calendar);
      return calendars.get(k)!;
    };
    const figures = new Map<string, HoursFigures>();
    const add = (teacherId: string, schoolId: string, more: Partial<HoursFigures>) => {
      const k = `${teacherId}|${schoolId}`;
      addFigures(figures.get(k) ?? figures.set(k, { ...NO_HOURS }).get(k)!, more);
    };
    const onlyTeacher = 'teacherId' in scope ? scope.teacherId : null;
    const keep = (teacherId: string) => onlyTeacher === null || teacherId === onlyTeacher;

    const byPair = new Map<string, repo.ContractRow[]>();
    for (const c of contracts) {
      const k = `${c.teacher_id}|${c.school_id}`;
      (byPair.get(k) ?? byPair.set(k, []).get(k)!).push(c);
    }
    const contractsOfPair = (k: string) =>
      (byPair.get(k) ?? []).map((c) => ({
        weeklyMinutes: c.weekly_minutes,
        validFrom: c.valid_from,
        validTo: c.valid_to,
      }));
    for (const [k, rows] of byPair) {
      const schoolCalendars: SeasonCalendar[] = [];
      for (const season of seasonRows) schoolCalendars.push(await calendarOf(rows[0]!.school_id, season.id));
      add(rows[0]!.teacher_id, rows[0]!.school_id, {
        contractMinutes: contractMinutesOfMonth(contractsOfPair(k), month, schoolCalendars),
      });
    }

    const recorded = new Map<string, Set<string>>();
    for (const lesson of lessons) {
      (recorded.get(lesson.course_id) ?? recorded.set(lesson.course_id, new Set()).get(lesson.course_id)!).add(
        lesson.lesson_date,
      );
      const outcome = lessonOutcome({
        taught: Number(lesson.taught),
        bySchool: Number(lesson.by_school),
        byTeacher: Number(lesson.by_teacher),
      });
      const shares = lessonShares({
        courseTeacherId: lesson.course_teacher_id,
        teacherId: lesson.teacher_id,
        minutes: lesson.duration_minutes,
        outcome,
      });
      for (const share of shares) if (keep(share.teacherId)) add(share.teacherId, lesson.school_id, share.figures);
    }
    for (const course of courses) {
      // A teacher with courses at a school has a row there, if only of zeros (the report lists the school's teachers).
      add(course.teacher_id, course.school_id, {});
      const calendar = await calendarOf(course.school_id, course.season_id);
      for (const { reason } of unworkedCourseDates(course, calendar, month, recorded.get(course.id) ?? new Set()))
        add(course.teacher_id, course.school_id, calendarShare(reason, course.duration_minutes));
    }

    const keys = [...figures.keys()];
    const teacherIds = [...new Set(keys.map((k) => k.split('|')[0]!))];
    const [names, calls] = await Promise.all([repo.namesOf(tx, teacherIds), repo.lastCalls(tx, teacherIds)]);
    const nameOf = new Map(names.map((n) => [n.id, n]));
    const callOf = new Map(calls.map((c) => [c.person_id, c.at ? String(c.at).slice(0, 10) : null]));
    const schoolName = new Map(schoolRows.map((s) => [s.id, s.name]));
    const rows: Row[] = keys.map((k) => {
      const [teacherId, schoolId] = k.split('|') as [string, string];
      const person = nameOf.get(teacherId);
      const pair = contractsOfPair(k);
      const weekly = contractOn(pair, month.end) ?? pair.at(-1);
      return {
        teacherId,
        teacherName: person ? `${person.first_name} ${person.last_name}` : '',
        schoolId,
        schoolName: schoolName.get(schoolId) ?? '',
        weeklyMinutes: weekly?.weeklyMinutes ?? null,
        lastCallOn: callOf.get(teacherId) ?? null,
        ...figures.get(k)!,
      };
    });
    const last = (id: string) => nameOf.get(id)?.last_name ?? '';
    const first = (id: string) => nameOf.get(id)?.first_name ?? '';
    rows.sort(
      (a, b) =>
        a.schoolName.localeCompare(b.schoolName, 'fr') ||
        last(a.teacherId).localeCompare(last(b.teacherId), 'fr') ||
        first(a.teacherId).localeCompare(first(b.teacherId), 'fr') ||
        a.teacherId.localeCompare(b.teacherId),
    );
    const totals = new Map<string, Report['schools'][number]>();
    for (const row of rows) {
      const total =
        totals.get(row.schoolId) ??
        totals
          .set(row.schoolId, { schoolId: row.schoolId, schoolName: row.schoolName, ...NO_HOURS })
          .get(row.schoolId)!;
      const {
        teacherId: _t,
        teacherName: _n,
        schoolId: _s,
        schoolName: _m,
        weeklyMinutes: _w,
        lastCallOn: _c,
        ...own
      } = row;
      addFigures(total, own);
    }
    return { month: month.key, months, rows, schools: [...totals.values()] };
  }

  /** The report of the schools a staff member follows (one school if asked). */
  async function report(actor: Actor, query: { month?: string | undefined; schoolId?: string | undefined }) {
    requirePermission(actor, 'schools.reports');
    return rowsOf(db, { schoolIds: await schoolsInScope(db, actor, query.schoolId) }, query.month);
  }

  /** What is wrong with a contract's dates, and whether it shares a day with another of the teacher at the school. */
  async function assertContractFits(
    tx: Tx,
    contract: { teacherId: string; schoolId: string; validFrom: string; validTo: string | null },
    exceptId: string | null,
  ): Promise<void> {
    if (contract.validTo !== null && contract.validTo < contract.validFrom)
      throw invalidField('validTo', 'CONTRACT_ENDS_BEFORE_START');
    await repo.lockTeacher(tx, contract.teacherId);
    const others = await repo.contractsOfTeacherAt(tx, contract.teacherId, contract.schoolId, exceptId);
    const mine = { weeklyMinutes: 0, validFrom: contract.validFrom, validTo: contract.validTo };
    if (others.some((o) => contractsOverlap(mine, { weeklyMinutes: 0, validFrom: o.valid_from, validTo: o.valid_to })))
      throw invalidField('validFrom', 'CONTRACT_OVERLAPS');
  }

  return {
    report,

    /** A teacher's own hours of a month, in every school they work for (an empty report for one without any). */
    async mine(actor: Actor, key: string | undefined): Promise<Report> {
      const teacherId = teacherSelf(actor);
      if (!teacherId) throw forbidden();
      return rowsOf(db, { teacherId }, key);
    },

    /** The report as a CSV for the payroll provider, in the reader's language: a line per teacher and school. */
    async csv(actor: Actor, query: { month?: string | undefined; schoolId?: string | undefined }) {
      const data = await report(actor, query);
      const locale: Locale = actor.kind === 'user' ? actor.locale : 'fr';
      const words = CSV_WORDS[locale];
      const hours = (minutes: number | null): CsvCell => {
        if (minutes === null) return null;
        const text = (minutes / 60).toFixed(2);
        return locale === 'fr' ? text.replace('.', ',') : text;
      };
      const rows: CsvCell[][] = [
        [words.month, words.school, words.teacher, words.teacherId, words.weekly, ...CSV_FIGURES.map((c) => c[locale])],
        ...data.rows.map((r) => [
          data.month,
          r.schoolName,
          r.teacherName,
          r.teacherId,
          hours(r.weeklyMinutes),
          ...CSV_FIGURES.map((c) => hours(r[c.key])),
        ]),
      ];
      const fileName = `${locale === 'fr' ? 'heures-professeurs' : 'teachers-hours'}-${data.month}.csv`;
      return { fileName, content: csvDocument(rows, locale === 'fr' ? ';' : ',') };
    },

    /** The contracts of the schools a staff member follows (one school if asked). */
    async contracts(actor: Actor, schoolId: string | undefined): Promise<{ contracts: TeacherContract[] }> {
      requirePermission(actor, 'schools.reports');
      const rows = await repo.contractsOf(db, { schoolIds: await schoolsInScope(db, actor, schoolId) }, null);
      return { contracts: rows.map(toContract) };
    },

    /** Enters a teacher's contract at a school (its secretariat, the director): never two sharing a day. */
    async createContract(actor: Actor, body: ContractBody): Promise<TeacherContract> {
      requirePermission(actor, 'courses.manage');
      await schools.assertSchoolInScope(db, actor, body.schoolId);
      if (!(await repo.isTeacher(db, body.teacherId))) throw invalidField('teacherId', 'NOT_A_TEACHER');
      const id = newId();
      const validTo = body.validTo ?? null;
      await db.transaction().execute(async (tx) => {
        await assertContractFits(tx, { ...body, validTo }, null);
        const at = clock.now().toISOString();
        await repo.insertContract(tx, {
          id,
          teacher_id: body.teacherId,
          school_id: body.schoolId,
          weekly_minutes: body.weeklyMinutes,
          valid_from: body.validFrom,
          valid_to: validTo,
          created_at: at,
          updated_at: at,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'teacher_contract',
          entityId: id,
          action: 'teacher-contract-created',
          after: {
            teacherId: body.teacherId,
            schoolId: body.schoolId,
            weeklyMinutes: body.weeklyMinutes,
            validFrom: body.validFrom,
            validTo,
          },
        });
      });
      return toContract((await repo.findContract(db, id))!);
    },

    /** Changes a contract's hours or dates (its end, say), at its version. */
    async updateContract(
      actor: Actor,
      id: string,
      body: z.infer<typeof UpdateTeacherContractBody>,
    ): Promise<TeacherContract> {
      requirePermission(actor, 'courses.manage');
      const existing = await repo.findContract(db, id);
      if (!existing) throw notFound();
      await schools.assertSchoolInScope(db, actor, existing.school_id);
      const validTo = body.validTo ?? null;
      await db.transaction().execute(async (tx) => {
        await assertContractFits(
          tx,
          { teacherId: existing.teacher_id, schoolId: existing.school_id, validFrom: body.validFrom, validTo },
          id,
        );
        const changes = { weekly_minutes: body.weeklyMinutes, valid_from: body.validFrom, valid_to: validTo };
        if (
          !(await repo.updateContractAtVersion(tx, id, body.version, {
            ...changes,
            updated_at: clock.now().toISOString(),
          }))
        )
          throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'teacher_contract',
          entityId: id,
          action: 'teacher-contract-updated',
          before: {
            weeklyMinutes: existing.weekly_minutes,
            validFrom: existing.valid_from,
            validTo: existing.valid_to,
          },
          after: { weeklyMinutes: body.weeklyMinutes, validFrom: body.validFrom, validTo },
        });
      });
      return toContract((await repo.findContract(db, id))!);
    },

    /** Who may read a contract's history: its school's staff (secretariat in scope, director, board), its teacher. */
    async assertMayReadContract(actor: Actor, id: string): Promise<void> {
      const contract = await repo.findContract(db, id);
      if (!contract) throw notFound();
      if (teacherSelf(actor) === contract.teacher_id) return;
      if (!can(actor, 'schools.reports') || !(await schools.mayChangeSchool(db, actor, contract.school_id)))
        throw notFound();
    },
  };
}

export type TeacherHoursService = ReturnType<typeof createTeacherHoursService>;
