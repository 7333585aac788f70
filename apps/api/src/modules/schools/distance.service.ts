import type { z } from 'zod';
import type { DistanceItem, DistanceLesson, FamilyDistance, PostMaterialBody } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { SYSTEM, actorUserId, type Actor } from '../../platform/actor.js';
import { guardianFamilyId, requirePermission, teacherSelf } from '../../platform/access.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import type { Sweep } from '../../platform/jobs.js';
import { PersonalLink } from '../../platform/mail-templates.js';
import type { MailRequest } from '../../platform/mailer.js';
import { organisationToday } from '../../platform/settings.js';
import { expectedOn, periodOf } from './attendance.rules.js';
import { ATTENDANCE_PERIOD } from './attendance.settings.js';
import * as sheets from './attendance.repository.js';
import { sheetRow, type AttendanceService } from './attendance.service.js';
import {
  ackDeadline,
  ackMayMark,
  ackState,
  deadlineMayMark,
  materialRecipients,
  mayPostMaterial,
} from './distance.rules.js';
import { DISTANCE_ACK_DAYS } from './distance.settings.js';
import { distanceMaterialMail } from './distance.mail.js';
import * as repo from './distance.repository.js';
import { courseLabel } from './courses.rules.js';

/** The id of the course's sheet of the period a lesson falls in (written if missing): where its changes are audited. */
async function sheetOfLesson(tx: Tx, courseId: string, date: string, at: string): Promise<string> {
  const period = periodOf(date, await ATTENDANCE_PERIOD.read(tx));
  return (await sheets.ensureSheet(tx, sheetRow(courseId, period, at))).id;
}

/** What a link or the family portal shows of an acknowledgement. */
function toItem(row: repo.AckRow, today: string): z.infer<typeof DistanceItem> {
  return {
    id: row.id,
    studentName: `${row.first_name} ${row.last_name}`,
    course: courseLabel(row),
    teacherName: `${row.teacher_first_name} ${row.teacher_last_name}`,
    date: row.lesson_date,
    text: row.body,
    link: row.link,
    ackUntil: row.ack_until,
    state: ackState(row, today),
  };
}

/**
 * Distance lessons (issue "School network III", item 2): the course's teacher (or its school's staff) posts material
 * for a distance lesson to the class or one student; each student expected gets an e-mail with a single-use "ok"
 * link, or says "ok" from the family portal; the "ok" marks them present, and the deadline sweep marks absent those
 * who did not answer. Neither ever overwrites a mark the teacher gave on the sheet.
 */
export function createDistanceService(deps: Deps, attendance: AttendanceService) {
  const { db, clock, mailer, config } = deps;

  /** The lesson's sheet as the actor may open it (404 for anyone but its teacher and school staff). */
  async function lessonOfSheet(actor: Actor, courseId: string, date: string) {
    const period = periodOf(date, await ATTENDANCE_PERIOD.read(db));
    const sheet = await attendance.sheet(actor, courseId, period.key);
    return { sheet, lesson: sheet.sheetLessons.find((l) => l.date === date) };
  }

  async function view(courseId: string, date: string, distance: boolean, today: string) {
    const stored = await repo.lessonOn(db, courseId, date);
    const { materials, acks } = stored ? await repo.materialsOf(db, stored.id) : { materials: [], acks: [] };
    return {
      courseId,
      date,
      distance,
      canPost: mayPostMaterial({ distance, date }, today),
      materials: materials.map((m) => ({
        id: m.id,
        text: m.body,
        link: m.link,
        studentId: m.student_id,
        postedAt: m.posted_at,
        ackUntil: m.ack_until,
        acks: acks
          .filter((a) => a.material_id === m.id)
          .map((a) => ({
            studentId: a.student_id,
            studentName: `${a.first_name} ${a.last_name}`,
            state: ackState(a, today),
            acknowledgedAt: a.acknowledged_at,
            via: a.acknowledged_via,
          })),
      })),
    };
  }

  /** The "ok" of one acknowledgement (from its link or the portal), with the presence it marks; in one transaction. */
  async function acknowledge(actor: Actor, row: repo.AckRow, via: 'link' | 'portal') {
    const today = await organisationToday(db, clock);
    const state = ackState(row, today);
    if (state === 'acknowledged') throw new DomainError('ACK_ALREADY_GIVEN');
    if (state === 'expired') throw new DomainError('ACK_EXPIRED');
    await db.transaction().execute(async (tx) => {
      const at = clock.now().toISOString();
      if (!(await repo.claimAck(tx, row.id, today, at, via))) throw new DomainError('ACK_ALREADY_GIVEN');
      const before = await repo.markOf(tx, row.lesson_id, row.student_id);
      const marked =
        ackMayMark(before) &&
        (await repo.writeAckMark(tx, {
          lesson_id: row.lesson_id,
          student_id: row.student_id,
          enrolment_id: row.enrolment_id,
          mark: 'present',
          source: 'acknowledgement',
          marked_by: actorUserId(actor),
          marked_at: at,
        }));
      await recordAudit(tx, clock, actor, {
        entityType: 'attendance_sheet',
        entityId: await sheetOfLesson(tx, row.course_id, row.lesson_date, at),
        action: 'distance-acknowledged',
        before: { date: row.lesson_date, marks: { [row.student_id]: before?.mark ?? null } },
        after: { date: row.lesson_date, marks: { [row.student_id]: marked ? 'present' : (before?.mark ?? null) } },
        summary: `${row.lesson_date}: ok (${via})`,
      });
    });
    return toItem((await repo.ackById(db, row.id))!, today);
  }

  /** An acknowledgement from a link's secret; a signed-in guardian of another family cannot use it. */
  async function linked(token: string): Promise<repo.AckRow> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError('TOKEN_INVALID');
    const row = await repo.ackByTokenHash(db, hashSecret(token));
    if (!row) throw new DomainError('TOKEN_INVALID');
    return row;
  }

  return {
    /** A lesson's distance side as the sheet's reader sees it: whether material may be posted, and who said "ok". */
    async lesson(actor: Actor, courseId: string, date: string): Promise<z.infer<typeof DistanceLesson>> {
      const { lesson } = await lessonOfSheet(actor, courseId, date);
      if (!lesson) throw notFound();
      return view(courseId, date, lesson.distance, await organisationToday(db, clock));
    },

    /** Posts material for a distance lesson and e-mails each student concerned their "ok" link; audited once. */
    async post(
      actor: Actor,
      courseId: string,
      date: string,
      body: z.infer<typeof PostMaterialBody>,
    ): Promise<z.infer<typeof DistanceLesson>> {
      const { sheet, lesson } = await lessonOfSheet(actor, courseId, date);
      if (teacherSelf(actor) !== sheet.teacherId) requirePermission(actor, 'courses.manage');
      const today = await organisationToday(db, clock);
      if (!lesson || !mayPostMaterial(lesson, today)) throw invalidField('date', 'NOT_A_DISTANCE_LESSON');
      const recipients = materialRecipients(lesson.expected, body.studentId ?? null);
      if (!recipients) throw invalidField('studentId', 'STUDENT_NOT_EXPECTED');
      if (!body.text && !body.link) throw invalidField('text', 'MATERIAL_EMPTY');
      const course = (await sheets.findCourse(db, courseId))!;
      const until = ackDeadline(date, today, await DISTANCE_ACK_DAYS.read(db));
      const contacts = await repo.studentRecipients(db, recipients);
      await db.transaction().execute(async (tx) => {
        const at = clock.now().toISOString();
        const lessonId = await sheets.ensureLesson(tx, {
          id: newId(),
          course_id: courseId,
          lesson_date: date,
          start_time: course.start_time,
          duration_minutes: course.duration_minutes,
          distance: 1,
          teacher_id: course.teacher_id,
          created_at: at,
          updated_at: at,
        });
        const materialId = newId();
        await repo.insertMaterial(tx, {
          id: materialId,
          lesson_id: lessonId,
          student_id: body.studentId ?? null,
          body: body.text ?? null,
          link: body.link ?? null,
          posted_by: actorUserId(actor),
          posted_at: at,
          ack_until: until,
        });
        const places = (await sheets.placesOf(tx, [courseId])).filter((p) => expectedOn(p, date));
        const acks = [];
        const mails: MailRequest[] = [];
        for (const studentId of recipients) {
          const place = places.find((p) => p.student_id === studentId)!;
          const rows = contacts.filter((c) => c.student_id === studentId);
          const first = rows[0];
          const to = first?.student_email ?? rows.find((r) => r.guardian_email)?.guardian_email ?? null;
          const secret = to ? newSecret() : null;
          acks.push({
            id: newId(),
            material_id: materialId,
            lesson_id: lessonId,
            student_id: studentId,
            enrolment_id: place.id,
            token_hash: secret ? hashSecret(secret) : null,
            ack_until: until,
            acknowledged_at: null,
            acknowledged_via: null,
            lapsed_at: null,
            created_at: at,
          });
          if (!to || !secret || !first) continue;
          const guardian = first.student_email ? null : rows.find((r) => r.guardian_email === to);
          mails.push({
            to,
            locale: (guardian?.user_locale ?? first.locale) === 'en' ? 'en' : 'fr',
            related: { type: 'family', id: first.family_id! },
            mail: distanceMaterialMail({
              name: guardian ? `${guardian.guardian_first_name} ${guardian.guardian_last_name}` : first.first_name,
              student: first.first_name,
              course: courseLabel(course),
              teacher: `${course.first_name} ${course.last_name}`,
              date,
              until,
              text: body.text ?? null,
              link: body.link ?? null,
              ack: new PersonalLink(`${config.publicUrl}/ack/${secret}`),
            }),
          });
        }
        await repo.insertAcks(tx, acks);
        await mailer.enqueueMany(tx, mails);
        await recordAudit(tx, clock, actor, {
          entityType: 'attendance_sheet',
          entityId: await sheetOfLesson(tx, courseId, date, at),
          action: 'distance-posted',
          after: { date },
          summary: `${date}: material → ${recipients.length}`,
        });
      });
      await mailer.flush();
      return view(courseId, date, true, today);
    },

    /** What a link shows (reading never uses it: mail scanners open links). */
    async linkView(actor: Actor, token: string): Promise<z.infer<typeof DistanceItem>> {
      return toItem(await linked(token), await organisationToday(db, clock));
    },

    /** The "ok" from the e-mail's link, without logging in: once. */
    async linkAck(actor: Actor, token: string): Promise<z.infer<typeof DistanceItem>> {
      const row = await linked(token);
      const who: Actor =
        actor.kind === 'user'
          ? actor
          : { kind: 'anonymous', label: `${row.first_name} ${row.last_name} (e-mail link)` };
      return acknowledge(who, row, 'link');
    },

    /** A family's children's distance lessons (an empty list for a family without any). */
    async familyLessons(actor: Actor): Promise<z.infer<typeof FamilyDistance>> {
      const familyId = await guardianFamilyId(db, actor);
      if (!familyId) throw forbidden();
      const today = await organisationToday(db, clock);
      return { items: (await repo.familyAcks(db, familyId, 100)).map((r) => toItem(r, today)) };
    },

    /** The "ok" from the family portal, for the family's own child only (another's: 404). */
    async familyAck(actor: Actor, ackId: string): Promise<z.infer<typeof DistanceItem>> {
      const familyId = await guardianFamilyId(db, actor);
      if (!familyId) throw forbidden();
      const row = await repo.ackById(db, ackId);
      if (!row || row.family_id !== familyId) throw notFound();
      return acknowledge(actor, row, 'portal');
    },

    /** The "ok" of an acknowledgement known by id, for the demo's story (no route: callers check access first). */
    async acknowledgeById(actor: Actor, ackId: string, via: 'link' | 'portal'): Promise<z.infer<typeof DistanceItem>> {
      const row = await repo.ackById(db, ackId);
      if (!row) throw notFound();
      return acknowledge(actor, row, via);
    },
  };
}

export type DistanceService = ReturnType<typeof createDistanceService>;

const LAPSE_PER_RUN = 500;

/**
 * The deadline: acknowledgements unanswered past their last day are closed, and their students marked absent where
 * nobody marked them (source `deadline`), each with its audit entry; the conditional update makes each happen once,
 * whichever instance's sweep gets there first.
 */
export async function lapseDistanceAcks(deps: Deps): Promise<{ lapsed: number; marked: number }> {
  const { db, clock } = deps;
  const today = await organisationToday(db, clock);
  const due = await repo.dueAcks(db, today, LAPSE_PER_RUN);
  if (!due.length) return { lapsed: 0, marked: 0 };
  return db.transaction().execute(async (tx) => {
    const at = clock.now().toISOString();
    const lapsed = await repo.lapseAcks(
      tx,
      due.map((d) => d.id),
      at,
    );
    const lessons = new Map(
      (await repo.lessonsByIds(tx, [...new Set(lapsed.map((l) => l.lesson_id))])).map((l) => [l.id, l]),
    );
    const audits = [];
    let marked = 0;
    for (const ack of lapsed) {
      const lesson = lessons.get(ack.lesson_id)!;
      const before = await repo.markOf(tx, ack.lesson_id, ack.student_id);
      const wrote =
        deadlineMayMark(before) &&
        (await repo.writeDeadlineMark(tx, {
          lesson_id: ack.lesson_id,
          student_id: ack.student_id,
          enrolment_id: ack.enrolment_id,
          mark: 'absent',
          source: 'deadline',
          marked_by: null,
          marked_at: at,
        }));
      if (wrote) marked += 1;
      audits.push({
        entityType: 'attendance_sheet',
        entityId: await sheetOfLesson(tx, lesson.course_id, lesson.lesson_date, at),
        action: 'distance-lapsed',
        before: { date: lesson.lesson_date, marks: { [ack.student_id]: before?.mark ?? null } },
        after: { date: lesson.lesson_date, marks: { [ack.student_id]: wrote ? 'absent' : (before?.mark ?? null) } },
      });
    }
    await recordAudits(tx, clock, SYSTEM, audits);
    return { lapsed: lapsed.length, marked };
  });
}

export const DISTANCE_SWEEP: Sweep = { name: 'schools.distance-deadlines', run: lapseDistanceAcks };
