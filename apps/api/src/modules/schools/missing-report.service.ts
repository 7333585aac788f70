import type { z } from 'zod';
import type { ContactFlagBody, ContactIssue, MissingCallBody, MissingQuery, MissingReport } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { actorUserId } from '../../platform/actor.js';
import { requirePermission, teacherSelf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { createContactsService } from '../contacts/contacts.service.js';
import { contactValues, flagHolds, missingReason, missingSince } from './missing-report.rules.js';
import { MISSING_AFTER_DAYS } from './absence-notices.settings.js';
import { coursesInPeriod, marksOf, placesOf } from './attendance.repository.js';
import { guardianContacts } from './reenrolment.repository.js';
import * as repo from './missing-report.repository.js';
import type { SchoolsService } from './schools.service.js';
import { courseLabel } from './courses.rules.js';

type Guardian = Awaited<ReturnType<typeof guardianContacts>>[number];

/** The subject of a call logged from the missing-students report. */
const CALL_SUBJECT = 'missing-student';

/**
 * Missing students and wrong contacts (issue "School network III", item 4): students absent or silent since a date,
 * per school and teacher, with their guardians' contacts and the last call; the contacts to correct (none given,
 * e-mails that bounced, teachers' flags); a teacher's flag on a wrong contact.
 */
export function createMissingReportService(deps: Deps, schools: SchoolsService) {
  const { db, clock } = deps;
  const contacts = createContactsService(deps);

  /** The schools a staff member follows (one if asked): every school for the director and the board. */
  async function scope(tx: Tx, actor: Actor, schoolId: string | undefined): Promise<string[]> {
    if (schoolId) {
      await schools.assertSchoolInScope(tx, actor, schoolId);
      return [schoolId];
    }
    const mine: string[] = [];
    for (const s of await tx.selectFrom('schools').select('id').execute())
      if (await schools.mayChangeSchool(tx, actor, s.id)) mine.push(s.id);
    return mine;
  }

  /**
   * Whose courses the report covers: a teacher's own (another teacher's are not found), or the schools of a staff
   * member holding `schools.reports` (optionally one teacher's). Families have no access.
   */
  async function courseFilter(actor: Actor, query: z.infer<typeof MissingQuery>) {
    const self = teacherSelf(actor);
    if (self && actor.kind === 'user' && !actor.roles.has('secretariat')) {
      if (query.teacherId && query.teacherId !== self) throw notFound();
      return { teacherId: self };
    }
    requirePermission(actor, 'schools.reports');
    return { schoolIds: await scope(db, actor, query.schoolId), teacherId: query.teacherId };
  }

  const contactsOf = (guardians: Guardian[], familyId: string) =>
    guardians
      .filter((g) => g.family_id === familyId)
      .map((g) => ({ name: `${g.first_name} ${g.last_name}`, email: g.email, phone: g.phone }));

  return {
    async missing(actor: Actor, query: z.infer<typeof MissingQuery>): Promise<z.infer<typeof MissingReport>> {
      const filter = await courseFilter(actor, query);
      const today = await organisationToday(db, clock);
      const since = missingSince(today, await MISSING_AFTER_DAYS.read(db), query.since);
      const courses = (await coursesInPeriod(db, { start: since, end: today }, filter)).filter(
        (c) => !filter.teacherId || c.teacher_id === filter.teacherId,
      );
      const ids = courses.map((c) => c.id);
      const [places, marks, presences] = await Promise.all([
        placesOf(db, ids),
        marksOf(db, ids, { start: since, end: today }),
        repo.lastPresences(db, ids),
      ]);
      const marked = new Set(marks.map((m) => m.course_id));
      const rows: z.infer<typeof MissingReport>['students'] = [];
      for (const place of places) {
        if (place.status !== 'confirmed' || (place.starts_on && place.starts_on > since)) continue;
        const course = courses.find((c) => c.id === place.course_id)!;
        const own = marks.filter((m) => m.course_id === course.id && m.student_id === place.student_id);
        const reason = marked.has(course.id) ? missingReason(own.map((m) => m.mark)) : null;
        if (!reason) continue;
        rows.push({
          studentId: place.student_id,
          studentName: `${place.first_name} ${place.last_name}`,
          familyId: place.family_id,
          familyName: '',
          schoolId: course.school_id,
          schoolName: course.school_name,
          teacherId: course.teacher_id,
          teacherName: `${course.first_name} ${course.last_name}`,
          course: courseLabel(course),
          reason,
          absences: own.filter((m) => m.mark === 'absent').length,
          lastPresent:
            presences.find((p) => p.course_id === course.id && p.student_id === place.student_id)?.last ?? null,
          contacts: [],
          lastCall: null,
        });
      }
      const familyIds = [...new Set(rows.map((r) => r.familyId))];
      const [guardians, names, calls] = await Promise.all([
        guardianContacts(db, familyIds),
        repo.familyNames(db, familyIds),
        repo.callsAbout(db, [...new Set(rows.map((r) => r.studentId))]),
      ]);
      for (const row of rows) {
        row.familyName = names.find((n) => n.id === row.familyId)?.name ?? '';
        row.contacts = contactsOf(guardians, row.familyId);
        const call = calls.find((c) => c.person_id === row.studentId);
        row.lastCall = call ? { at: call.at, actorName: call.actor_name, summary: call.summary } : null;
      }
      return { since, students: rows };
    },

    /** Logs a call about a missing student in the contact log (staff of one of the student's schools). */
    async call(actor: Actor, studentId: string, body: z.infer<typeof MissingCallBody>) {
      requirePermission(actor, 'contacts.log');
      const places = await repo.studentSchools(db, studentId);
      let familyId: string | null = null;
      for (const p of places) if (await schools.mayChangeSchool(db, actor, p.school_id)) familyId = p.family_id;
      if (!familyId) throw notFound();
      return db.transaction().execute((tx) =>
        contacts.log(tx, actor, {
          channel: 'call',
          direction: 'out',
          personId: studentId,
          familyId,
          subjectType: CALL_SUBJECT,
          subjectId: studentId,
          summary: body.summary,
          outcome: body.outcome ?? null,
        }),
      );
    },

    /** The contacts to correct in the families placed in the schools one follows. */
    async contactIssues(
      actor: Actor,
      schoolId: string | undefined,
    ): Promise<{ issues: z.infer<typeof ContactIssue>[] }> {
      requirePermission(actor, 'schools.reports');
      const today = await organisationToday(db, clock);
      const courses = await coursesInPeriod(
        db,
        { start: today, end: today },
        {
          schoolIds: await scope(db, actor, schoolId),
        },
      );
      const familyIds = await repo.familiesPlaced(
        db,
        courses.map((c) => c.id),
      );
      const [guardians, names, flags] = await Promise.all([
        guardianContacts(db, familyIds),
        repo.familyNames(db, familyIds),
        repo.flagsOf(db, familyIds),
      ]);
      const failed = await repo.failedMails(
        db,
        guardians.flatMap((g) => (g.email ? [g.email] : [])),
      );
      const issues: z.infer<typeof ContactIssue>[] = [];
      const familyName = (id: string) => names.find((n) => n.id === id)?.name ?? '';
      for (const g of guardians) {
        const base = { familyId: g.family_id!, familyName: familyName(g.family_id!), personId: g.id };
        const person = { ...base, personName: `${g.first_name} ${g.last_name}` };
        if (!g.email) issues.push({ ...person, issue: 'no-email', detail: null, at: null });
        if (!g.phone) issues.push({ ...person, issue: 'no-phone', detail: null, at: null });
        const bounce = g.email ? failed.find((f) => f.to_address === g.email) : undefined;
        if (bounce) issues.push({ ...person, issue: 'bounced', detail: g.email, at: bounce.created_at });
      }
      for (const f of flags) {
        const family = guardians.filter((g) => g.family_id === f.family_id);
        const current = contactValues(family.map((g) => (f.field === 'email' ? g.email : g.phone)));
        if (!flagHolds(f.seen, current)) continue;
        issues.push({
          familyId: f.family_id!,
          familyName: familyName(f.family_id!),
          personId: null,
          personName: null,
          issue: f.field === 'email' ? 'flagged-email' : 'flagged-phone',
          detail: f.note,
          at: f.flagged_at,
        });
      }
      issues.sort((a, b) => a.familyName.localeCompare(b.familyName));
      return { issues };
    },

    /** A teacher flags the e-mail or the phone of one of their students' family as wrong. */
    async flag(actor: Actor, studentId: string, body: z.infer<typeof ContactFlagBody>) {
      const self = teacherSelf(actor);
      if (!self) throw forbidden();
      const familyId = await repo.teachesStudent(db, self, studentId);
      if (!familyId) throw notFound();
      const guardians = await guardianContacts(db, [familyId]);
      const seen = contactValues(guardians.map((g) => (body.field === 'email' ? g.email : g.phone)));
      const row = {
        id: newId(),
        student_id: studentId,
        field: body.field,
        seen,
        note: body.note ?? null,
        flagged_by: actorUserId(actor),
        flagged_at: clock.now().toISOString(),
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('contact_flags').values(row).execute();
        await recordAudit(tx, clock, actor, {
          entityType: 'family',
          entityId: familyId,
          action: 'contact-flagged',
          summary: body.field,
        });
      });
      return { id: row.id, studentId, field: body.field, flaggedAt: row.flagged_at };
    },
  };
}
export type MissingReportService = ReturnType<typeof createMissingReportService>;
