import type { Locale, Meeting, MeetingDetail, MeetingInvitation, TeacherMeetingInvitation } from '@contracts';
import type { AttendanceBody, CreateMeetingBody, InviteTeachersBody } from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { MeetingsTable } from '../../db/tables.js';
import { requireUser, type Actor } from '../../platform/actor.js';
import { isStaffMember, isTeacherSelf, requirePermission } from '../../platform/access.js';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { ORGANISATION_TIME_ZONE } from '../../platform/settings.js';
import type { Sweep } from '../../platform/jobs.js';
import { SYSTEM } from '../../platform/actor.js';
import { assertStaffRead } from './teacher-access.js';
import { teacherContact } from './teacher-status.js';
import { meetingInvitationMail } from './teachers.mail.js';
import { PersonalLink } from '../../platform/mail-templates.js';
import { applyMeetingRule, meetingRuleCandidates } from './meeting-rule.js';
import { knownTeachers, teachersAmong } from './teachers.repository.js';
import * as repo from './meetings.repository.js';

function formatWhen(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** Pedagogical meetings: scheduling, invitations (answered from the e-mail or the portal) and attendance. */
export function createMeetingsService(deps: Deps) {
  const { db, clock, mailer, config } = deps;

  async function findMeeting(tx: Tx, id: string): Promise<MeetingsTable> {
    const row = await repo.meetingById(tx, id);
    if (!row) throw notFound();
    return row;
  }

  async function meetings(tx: Tx, filter: { id?: string }): Promise<Meeting[]> {
    const rows = await repo.meetingsWithCounts(tx, filter);
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      videoUrl: r.video_url,
      facilitator: r.facilitator,
      capacity: r.capacity,
      notes: r.notes,
      attendanceRecordedAt: r.attendance_recorded_at,
      invited: Number(r.invited ?? 0),
      yes: Number(r.yes ?? 0),
      no: Number(r.no ?? 0),
      attended: Number(r.attended ?? 0),
      version: r.version,
    }));
  }

  async function detail(tx: Tx, id: string): Promise<MeetingDetail> {
    const [meeting] = await meetings(tx, { id });
    if (!meeting) throw notFound();
    const rows = await repo.invitationsOfMeeting(tx, id);
    const invitations: MeetingInvitation[] = rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      teacherId: r.teacher_id,
      teacherName: `${r.first_name} ${r.last_name}`,
      invitedAt: r.invited_at,
      response: r.response as 'yes' | 'no' | null,
      respondedAt: r.responded_at,
      attended: r.attended === null ? null : r.attended === 1,
    }));
    return { ...meeting, invitations };
  }

  async function teacherView(tx: Tx, invitationId: string, used = false): Promise<TeacherMeetingInvitation> {
    const r = await repo.invitationWithMeeting(tx, invitationId);
    if (!r) throw notFound();
    return {
      invitationId: r.id,
      meeting: {
        id: r.meeting_id,
        subject: r.subject,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        place: r.place,
        videoUrl: r.video_url,
        facilitator: r.facilitator,
      },
      response: r.response as 'yes' | 'no' | null,
      attended: r.attended === null ? null : r.attended === 1,
      canAnswer: !used && r.starts_at > clock.now().toISOString(),
    };
  }

  /** Records a yes/no; a "yes" beyond the meeting's capacity is refused. */
  async function setAnswer(
    tx: Tx,
    actor: Actor,
    invitationId: string,
    answer: 'yes' | 'no',
    consumeToken: boolean,
  ): Promise<void> {
    const inv = await repo.invitationById(tx, invitationId);
    if (!inv) throw notFound();
    const meeting = await findMeeting(tx, inv.meeting_id);
    const now = clock.now().toISOString();
    if (meeting.starts_at <= now) throw new DomainError('MEETING_IN_PAST');
    if (answer === 'yes' && inv.response !== 'yes') {
      // Lock the meeting row so two last-seat answers cannot both pass the capacity check.
      await repo.lockMeeting(tx, meeting.id);
      if ((await repo.yesAnswers(tx, meeting.id)) >= meeting.capacity) throw new DomainError('MEETING_FULL');
    }
    if (!(await repo.setInvitationAnswer(tx, invitationId, answer, now, consumeToken)))
      throw new DomainError('TOKEN_INVALID');
    await recordAudit(tx, clock, actor, {
      entityType: 'meeting',
      entityId: meeting.id,
      action: 'answer',
      before: { teacher_id: inv.teacher_id, response: inv.response },
      after: { teacher_id: inv.teacher_id, response: answer },
    });
  }

  async function invitationByToken(tx: Tx, token: string) {
    const inv = await repo.invitationByTokenHash(tx, hashSecret(token));
    if (!inv) throw new DomainError('TOKEN_INVALID');
    return inv;
  }

  return {
    async create(actor: Actor, body: z.infer<typeof CreateMeetingBody>): Promise<MeetingDetail> {
      requirePermission(actor, 'teachers.scheduleMeetings');
      const startsAt = new Date(body.startsAt);
      if (startsAt.getTime() <= clock.now().getTime()) throw invalidField('startsAt', 'MEETING_IN_PAST');
      return db.transaction().execute(async (tx) => {
        const now = clock.now().toISOString();
        const row: MeetingsTable = {
          id: newId(),
          subject: body.subject,
          starts_at: startsAt.toISOString(),
          ends_at: new Date(startsAt.getTime() + body.durationMinutes * 60_000).toISOString(),
          place: body.place ?? null,
          video_url: body.videoUrl ?? null,
          facilitator: body.facilitator,
          capacity: body.capacity,
          notes: body.notes ?? null,
          attendance_recorded_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await repo.insertMeeting(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'meeting',
          entityId: row.id,
          action: 'create',
          after: { ...row },
        });
        return detail(tx, row.id);
      });
    },

    async list(actor: Actor): Promise<Meeting[]> {
      assertStaffRead(actor);
      return meetings(db, {});
    },

    async get(actor: Actor, id: string): Promise<MeetingDetail> {
      assertStaffRead(actor);
      return detail(db, id);
    },

    /** Invites every teacher who never attended a meeting, or a chosen list; each gets a single-use answer link. */
    async invite(actor: Actor, id: string, body: z.infer<typeof InviteTeachersBody>): Promise<MeetingDetail> {
      requirePermission(actor, 'teachers.scheduleMeetings');
      const result = await db.transaction().execute(async (tx) => {
        const meeting = await findMeeting(tx, id);
        if (meeting.starts_at <= clock.now().toISOString()) throw new DomainError('MEETING_IN_PAST');
        let chosen: string[] | null = null;
        if (body.mode === 'chosen') {
          const ids = [...new Set(body.teacherIds)];
          const found = await teachersAmong(tx, ids);
          ids.forEach((tid, n) => {
            const t = found.find((f) => f.person_id === tid);
            if (!t) throw new DomainError('NOT_FOUND', { fields: [{ field: `teacherIds.${n}`, code: 'NOT_FOUND' }] });
            if (t.status !== 'active' && t.status !== 'suspended')
              throw invalidField(`teacherIds.${n}`, 'TEACHER_NOT_ACTIVE');
          });
          chosen = ids;
        }
        const teachers = await repo.teachersToInvite(tx, chosen);
        const timeZone = await ORGANISATION_TIME_ZONE.read(tx);
        const now = clock.now().toISOString();
        let invited = 0;
        for (const t of teachers) {
          const token = newSecret();
          const inserted = await repo.insertInvitationIfNew(tx, {
            id: newId(),
            meeting_id: id,
            teacher_id: t.person_id,
            invited_at: now,
            response: null,
            responded_at: null,
            attended: null,
            token_hash: hashSecret(token),
            token_used_at: null,
          });
          if (!inserted) continue;
          invited += 1;
          const contact = await teacherContact(tx, t.person_id);
          if (!contact.email) continue;
          await mailer.enqueue(tx, {
            to: contact.email,
            locale: contact.locale,
            mail: meetingInvitationMail({
              name: contact.name,
              subject: meeting.subject,
              when: formatWhen(meeting.starts_at, contact.locale, timeZone),
              place: meeting.place,
              videoUrl: meeting.video_url,
              facilitator: meeting.facilitator,
              link: new PersonalLink(`${config.publicUrl}/meeting-answer/${token}`),
            }),
            related: { type: 'meeting', id },
          });
        }
        await recordAudit(tx, clock, actor, {
          entityType: 'meeting',
          entityId: id,
          action: 'invite',
          summary: `${invited} teacher(s) invited (${body.mode})`,
        });
        return detail(tx, id);
      });
      await mailer.flush();
      return result;
    },

    /** The signed link: what the meeting is, without logging in. */
    async linkInfo(token: string): Promise<TeacherMeetingInvitation> {
      const inv = await invitationByToken(db, token);
      return teacherView(db, inv.id, inv.token_used_at !== null);
    },

    /** Answering from the e-mail link: no login, and the link works once. */
    async answerByLink(token: string, answer: 'yes' | 'no'): Promise<TeacherMeetingInvitation> {
      return db.transaction().execute(async (tx) => {
        const inv = await invitationByToken(tx, token);
        if (inv.token_used_at) throw new DomainError('TOKEN_INVALID');
        const contact = await teacherContact(tx, inv.teacher_id);
        await setAnswer(tx, { kind: 'anonymous', label: `${contact.name} (e-mail link)` }, inv.id, answer, true);
        return teacherView(tx, inv.id, true);
      });
    },

    /** Answering from the teacher portal (or followup recording an answer given on the phone). */
    async answer(actor: Actor, invitationId: string, answer: 'yes' | 'no'): Promise<TeacherMeetingInvitation> {
      const inv = await repo.invitationTeacher(db, invitationId);
      if (!inv) throw notFound();
      if (!isTeacherSelf(actor, inv.teacher_id)) requirePermission(actor, 'teachers.scheduleMeetings');
      return db.transaction().execute(async (tx) => {
        await setAnswer(tx, actor, invitationId, answer, false);
        return teacherView(tx, invitationId);
      });
    },

    async teacherInvitations(actor: Actor, teacherId: string): Promise<TeacherMeetingInvitation[]> {
      if (!isTeacherSelf(actor, teacherId) && !isStaffMember(requireUser(actor))) throw forbidden();
      const ids = await repo.invitationIdsOfTeacher(db, teacherId);
      return Promise.all(ids.map((invitationId) => teacherView(db, invitationId)));
    },

    /**
     * Attendance, once the meeting has started. A teacher who came without an invitation is added. The meeting
     * rule runs at once for these teachers, so attending lifts an automatic suspension immediately.
     */
    async recordAttendance(actor: Actor, id: string, body: z.infer<typeof AttendanceBody>): Promise<MeetingDetail> {
      requirePermission(actor, 'teachers.scheduleMeetings');
      const result = await db.transaction().execute(async (tx) => {
        const meeting = await findMeeting(tx, id);
        const now = clock.now().toISOString();
        if (meeting.starts_at > now) throw new DomainError('MEETING_NOT_STARTED');
        const teacherIds = [...new Set(body.attendance.map((a) => a.teacherId))];
        const known = await knownTeachers(tx, teacherIds);
        body.attendance.forEach((a, n) => {
          if (!known.some((k) => k.person_id === a.teacherId))
            throw new DomainError('NOT_FOUND', { fields: [{ field: `attendance.${n}.teacherId`, code: 'NOT_FOUND' }] });
        });
        const before = await repo.attendanceOfMeeting(tx, id);
        for (const a of body.attendance) {
          const marked = await repo.setAttendance(tx, id, a.teacherId, a.attended);
          if (!marked && a.attended) {
            await repo.insertInvitation(tx, {
              id: newId(),
              meeting_id: id,
              teacher_id: a.teacherId,
              invited_at: now,
              response: null,
              responded_at: null,
              attended: 1,
              token_hash: hashSecret(newSecret()),
              token_used_at: now,
            });
          }
        }
        await repo.markAttendanceRecorded(tx, id, now);
        await recordAudit(tx, clock, actor, {
          entityType: 'meeting',
          entityId: id,
          action: 'attendance',
          before: { attendance: before.map((b) => ({ teacherId: b.teacher_id, attended: b.attended })) },
          after: { attendance: body.attendance },
        });
        for (const teacherId of teacherIds) await applyMeetingRule(tx, deps, actor, teacherId);
        return detail(tx, id);
      });
      await mailer.flush();
      return result;
    },
  };
}
export type MeetingsService = ReturnType<typeof createMeetingsService>;

/** The periodic part of the meeting rule: each teacher in their own transaction, so one failure stops nobody else. */
export async function runMeetingSweep(deps: Deps): Promise<{ suspended: number; lifted: number }> {
  const candidates = await meetingRuleCandidates(deps.db, deps.clock.now().toISOString());
  let suspended = 0;
  let lifted = 0;
  for (const teacherId of candidates) {
    const outcome = await deps.db.transaction().execute((tx) => applyMeetingRule(tx, deps, SYSTEM, teacherId));
    if (outcome === 'suspended') suspended += 1;
    if (outcome === 'lifted') lifted += 1;
  }
  return { suspended, lifted };
}

export const meetingSuspensionsSweep: Sweep = { name: 'teachers.meeting-suspensions', run: runMeetingSweep };
