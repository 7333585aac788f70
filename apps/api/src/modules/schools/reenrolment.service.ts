import type { z } from 'zod';
import type {
  CampaignProgress,
  OpenCampaignBody,
  PackAnswerBody,
  PackCourse,
  PackProposal,
  ReenrolmentCampaign,
  ReenrolmentPack,
} from '@contracts';
import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { SYSTEM, type Actor } from '../../platform/actor.js';
import { can, guardianFamilyId, requirePermission } from '../../platform/access.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { PersonalLink } from '../../platform/mail-templates.js';
import type { MailRequest } from '../../platform/mailer.js';
import { ORGANISATION_NAME, organisationToday } from '../../platform/settings.js';
import { readInBatches } from '../../platform/batching.js';
import { createTask } from '../../platform/tasks.js';
import { currentTariffs } from './board.repository.js';
import { findSeason, schoolsOfUser } from './schools.repository.js';
import { createSchoolsService, type SchoolsService } from './schools.service.js';
import { NO_FEES, type FeesOnConfirmation } from './fees.service.js';
import type { Sweep } from '../../platform/jobs.js';
import * as repo from './reenrolment.repository.js';
import {
  campaignDeadline,
  continuingCourse,
  packFees,
  packOpen,
  reminderDue,
  reminderToSend,
  seatStatusAfterAnswer,
} from './reenrolment.rules.js';
import { REENROLMENT_PRIORITY_DAYS, REENROLMENT_REMINDER_DAYS } from './reenrolment.settings.js';
import { reenrolmentPackMail } from './reenrolment.mail.js';
import { reenrolmentPackPdf } from './reenrolment-pdf.js';
import { describeCourse } from './reenrolment.words.js';

/** Packs sent per sweep run (each its own link); the rest go at the next run. */
const SEND_PER_RUN = 500;
/** How many "not answered" names the progress shows per school. */
const WAITING_SHOWN = 200;

function packCourse(row: repo.SeasonCourseRow): PackCourse {
  return {
    courseId: row.id,
    discipline: row.discipline,
    kind: row.kind,
    level: row.level,
    weekday: row.weekday,
    start: row.start_time,
    durationMinutes: row.duration_minutes,
    teacherName: `${row.teacher_first_name} ${row.teacher_last_name}`,
  };
}

function toCampaign(
  row: NonNullable<Awaited<ReturnType<typeof repo.findCampaign>>>,
  totals: { packs: number; seatsHeld: number },
): ReenrolmentCampaign {
  return {
    id: row.id,
    fromSeasonId: row.from_season_id,
    toSeasonId: row.to_season_id,
    priorityDeadline: row.priority_deadline,
    reminderDays: JSON.parse(row.reminder_days) as number[],
    status: row.status as ReenrolmentCampaign['status'],
    openedAt: row.opened_at,
    ...totals,
  };
}

function toPack(row: repo.PackRow, today: string): ReenrolmentPack {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    studentId: row.student_id,
    studentName: `${row.student_first_name} ${row.student_last_name}`,
    familyId: row.family_id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    fromSeasonName: row.from_season_name,
    toSeasonName: row.to_season_name,
    priorityDeadline: row.priority_deadline,
    proposal: JSON.parse(row.proposal) as PackProposal,
    answer: row.answer as ReenrolmentPack['answer'],
    answerNote: row.answer_note,
    answeredAt: row.answered_at,
    open: row.campaign_status === 'open' && packOpen(row.answer, row.priority_deadline, today),
    version: row.version,
  };
}

/**
 * Re-enrolment of returning students: the secretariat opens a campaign from one season to the next; each student
 * with a confirmed place last season gets a pack (last season's courses, the continuing courses proposed, next
 * season's fees, the deadline) and a seat held in each continuing course until the deadline. Packs go by e-mail
 * with a personal link; the family confirms, asks for a change or declines; a sweep releases what is left held.
 * A confirmation issues the family's fees of next season in its transaction (`fees`, given by the module's wiring).
 */
export function createReenrolmentService(deps: Deps, schools: SchoolsService, fees: FeesOnConfirmation = NO_FEES) {
  const { db, clock, mailer, config } = deps;

  /** The schools whose packs a manager sees: null = all (director, unassigned secretariat). */
  async function scope(actor: Actor): Promise<string[] | null> {
    if (actor.kind !== 'user' || actor.roles.has('admin')) return null;
    const mine = await schoolsOfUser(db, actor.userId);
    return mine.length ? mine : null;
  }

  /** The pack if the actor may read it: the family's guardians, the secretariat of its school. */
  async function readablePack(tx: Tx, actor: Actor, packId: string): Promise<repo.PackRow> {
    const pack = await repo.findPack(tx, packId);
    if (!pack) throw notFound();
    if (can(actor, 'reenrolment.manage')) {
      await schools.assertSchoolInScope(tx, actor, pack.school_id);
      return pack;
    }
    requirePermission(actor, 'reenrolment.answer');
    if ((await guardianFamilyId(tx, actor)) !== pack.family_id) throw notFound();
    return pack;
  }

  /** A pack from a link's secret; a signed-in user of another family cannot use it. */
  async function linkedPack(actor: Actor, token: string): Promise<repo.PackRow> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError('TOKEN_INVALID');
    const pack = await repo.packByTokenHash(db, hashSecret(token));
    if (!pack) throw new DomainError('TOKEN_INVALID');
    if (actor.kind === 'user' && !can(actor, 'reenrolment.manage')) {
      if ((await guardianFamilyId(db, actor)) !== pack.family_id) throw forbidden();
    }
    return pack;
  }

  async function answer(
    actor: Actor,
    packId: string,
    body: z.infer<typeof PackAnswerBody>,
    via: string,
  ): Promise<ReenrolmentPack> {
    return db.transaction().execute(async (tx) => {
      const pack = await repo.findPack(tx, packId);
      if (!pack) throw notFound();
      const today = await organisationToday(tx, clock);
      if (pack.campaign_status !== 'open' || !packOpen(pack.answer, pack.priority_deadline, today)) {
        throw new DomainError('PACK_CLOSED');
      }
      const note = body.answer === 'changed' ? (body.note ?? null) : (body.note ?? null);
      if (body.answer === 'changed' && !note) {
        throw new DomainError('CHANGE_NOTE_REQUIRED', { fields: [{ field: 'note', code: 'CHANGE_NOTE_REQUIRED' }] });
      }
      const now = clock.now().toISOString();
      const values = { answer: body.answer, answer_note: note, answered_at: now };
      if (!(await repo.answerPack(tx, pack.id, pack.version, values))) throw new DomainError('PACK_CLOSED');
      const proposal = JSON.parse(pack.proposal) as PackProposal;
      const held = proposal.lines.filter((l) => l.next && l.seatHeld).map((l) => l.next!.courseId);
      const settled = await repo.settleHeldSeats(tx, pack.student_id, held, seatStatusAfterAnswer(body.answer), now);
      await recordAudit(tx, clock, actor, {
        entityType: 'reenrolment_pack',
        entityId: pack.id,
        action: 'reenrolment-answered',
        before: { answer: null },
        after: { answer: body.answer, answerNote: note },
        summary: via,
      });
      if (body.answer === 'confirmed' && settled.length) await fees(tx, actor, pack.family_id, pack.to_season_id);
      // A change asked becomes the secretariat's task at the pack's school, once (the pack is answered once).
      if (body.answer === 'changed')
        await createTask(tx, clock, {
          kind: 'reenrolment-change',
          service: 'secretariat',
          title: `Réinscription : ${pack.student_first_name} ${pack.student_last_name} demande un changement`,
          details: `${pack.student_first_name} ${pack.student_last_name} (${pack.school_name}, ${pack.to_season_name}) : ${note}`,
          dueOn: today,
          familyId: pack.family_id,
          schoolId: pack.school_id,
          dedupeKey: `reenrolment-change:${pack.id}`,
        });
      return toPack((await repo.findPack(tx, pack.id))!, today);
    });
  }

  async function pdfOf(pack: repo.PackRow): Promise<{ fileName: string; content: Buffer }> {
    const today = await organisationToday(db, clock);
    const recipients = await repo.familyRecipients(db, [pack.family_id]);
    const locale = (recipients[0]?.locale === 'en' ? 'en' : 'fr') as 'fr' | 'en';
    const organisation = await ORGANISATION_NAME.read(db);
    const view = toPack(pack, today);
    const fileName = `${locale === 'fr' ? 'reinscription' : 're-enrolment'}-${view.toSeasonName}.pdf`;
    return { fileName, content: await reenrolmentPackPdf(view, locale, organisation) };
  }

  /** E-mails one pack (first send or reminder) with a new personal link; the hash replaces the previous link's. */
  function packMail(
    pack: repo.PackRow,
    recipient: Awaited<ReturnType<typeof repo.familyRecipients>>[number],
    secret: string,
    reminder: boolean,
  ): MailRequest {
    const locale = (recipient.user_locale ?? recipient.locale) === 'en' ? 'en' : 'fr';
    const view = toPack(pack, '');
    return {
      to: recipient.email!,
      locale,
      related: { type: 'reenrolment_pack', id: pack.id },
      mail: reenrolmentPackMail({
        name: `${recipient.first_name} ${recipient.last_name}`,
        student: view.studentName,
        school: view.schoolName,
        season: view.toSeasonName,
        deadline: view.priorityDeadline,
        lines: view.proposal.lines.map((l) => describeCourse(l.next ?? l.last, locale)),
        link: new PersonalLink(`${config.publicUrl}/reenrolment/${secret}`),
        reminder,
      }),
    };
  }

  async function firstRecipients(familyIds: string[]) {
    const rows = await repo.familyRecipients(db, [...new Set(familyIds)]);
    const first = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (row.family_id && !first.has(row.family_id)) first.set(row.family_id, row);
    return first;
  }

  /** Sends packs not sent yet: each claimed once (sent_at), so two instances never send one twice. */
  async function sendPacks(): Promise<number> {
    const due = await repo.packsToSend(db, SEND_PER_RUN);
    if (!due.length) return 0;
    const recipients = await firstRecipients(due.map((p) => p.family_id));
    return db.transaction().execute(async (tx) => {
      const now = clock.now().toISOString();
      const mails: MailRequest[] = [];
      for (const pack of due) {
        const secret = newSecret();
        if (!(await repo.claimPackSending(tx, pack.id, hashSecret(secret), now))) continue;
        const recipient = recipients.get(pack.family_id);
        // A family without an e-mail address gets the printed pack from the secretariat.
        if (recipient) mails.push(packMail(pack, recipient, secret, false));
      }
      await mailer.enqueueMany(tx, mails);
      return mails.length;
    });
  }

  /** Reminders at the campaign's days before the deadline, to packs without answer: each (pack, day) once. */
  async function sendReminders(): Promise<number> {
    const today = await organisationToday(db, clock);
    const waiting = (await repo.packsAwaitingAnswer(db, today)).filter(
      (p) => reminderToSend(p.priority_deadline, today, JSON.parse(p.reminder_days) as number[]) !== null,
    );
    if (!waiting.length) return 0;
    const recipients = await firstRecipients(waiting.map((p) => p.family_id));
    let sent = 0;
    for (const pack of waiting) {
      const days = JSON.parse(pack.reminder_days) as number[];
      const day = reminderToSend(pack.priority_deadline, today, days)!;
      await db.transaction().execute(async (tx) => {
        const now = clock.now().toISOString();
        // The earlier days a late sweep skipped are marked done too: one reminder, never a burst.
        for (const other of reminderDue(pack.priority_deadline, today, days).filter((d) => d !== day)) {
          await repo.claimReminder(tx, pack.id, other, now);
        }
        if (!(await repo.claimReminder(tx, pack.id, day, now))) return;
        const recipient = recipients.get(pack.family_id);
        if (!recipient) return;
        const secret = newSecret();
        await tx
          .updateTable('reenrolment_packs')
          .set({ link_token_hash: hashSecret(secret) })
          .where('id', '=', pack.id)
          .execute();
        await mailer.enqueue(tx, packMail(pack, recipient, secret, true));
        sent += 1;
      });
    }
    return sent;
  }

  /** Releases the seats still held past the deadline (the statement returns only the rows it changed). */
  async function releaseSeats(): Promise<number> {
    const today = await organisationToday(db, clock);
    return db.transaction().execute(async (tx) => {
      const released = await repo.releaseExpiredSeats(tx, today, clock.now().toISOString());
      if (!released.length) return 0;
      const students = [...new Set(released.map((r) => r.student_id))];
      const packsOf = await readInBatches(students, (slice) =>
        tx
          .selectFrom('reenrolment_packs as p')
          .innerJoin('reenrolment_campaigns as k', 'k.id', 'p.campaign_id')
          .innerJoin('courses as c', 'c.season_id', 'k.to_season_id')
          .select(['p.id', 'p.student_id', 'c.id as course_id'])
          .where('p.student_id', 'in', slice)
          .where('k.status', '=', 'open')
          .execute(),
      );
      const packId = new Map(packsOf.map((p) => [`${p.student_id}:${p.course_id}`, p.id]));
      await recordAudits(
        tx,
        clock,
        SYSTEM,
        released.map((r) => ({
          entityType: 'reenrolment_pack',
          entityId: packId.get(`${r.student_id}:${r.course_id}`) ?? r.id,
          action: 'reenrolment-seat-released',
          before: { status: 'held', heldUntil: r.held_until },
          after: { status: 'released', heldUntil: r.held_until },
        })),
      );
      return released.length;
    });
  }

  return {
    /**
     * Opens the campaign: one pack per returning student and a held seat in each continuing course, written in
     * multi-row batches in one transaction (20,000 students: see bench/reenrolment.ts).
     */
    async open(actor: Actor, body: z.infer<typeof OpenCampaignBody>): Promise<ReenrolmentCampaign> {
      const user = requirePermission(actor, 'reenrolment.manage');
      return db.transaction().execute(async (tx) => {
        const [from, to] = [await findSeason(tx, body.fromSeasonId), await findSeason(tx, body.toSeasonId)];
        if (!from || !to) throw notFound();
        if (to.starts_on <= from.starts_on) {
          throw new DomainError('CAMPAIGN_SEASONS_ORDER', {
            fields: [{ field: 'toSeasonId', code: 'CAMPAIGN_SEASONS_ORDER' }],
          });
        }
        if (await repo.campaignOfSeason(tx, to.id)) throw new DomainError('CAMPAIGN_EXISTS');
        const today = await organisationToday(tx, clock);
        const deadline = body.priorityDeadline ?? campaignDeadline(today, await REENROLMENT_PRIORITY_DAYS.read(tx));
        if (deadline <= today) {
          throw new DomainError('CAMPAIGN_DEADLINE_PAST', {
            fields: [{ field: 'priorityDeadline', code: 'CAMPAIGN_DEADLINE_PAST' }],
          });
        }
        const reminderDays = body.reminderDays ?? (await REENROLMENT_REMINDER_DAYS.read(tx));
        const now = clock.now().toISOString();
        const id = newId();
        await repo.insertCampaign(tx, {
          id,
          from_season_id: from.id,
          to_season_id: to.id,
          priority_deadline: deadline,
          reminder_days: JSON.stringify(reminderDays),
          status: 'open',
          opened_by: actor.kind === 'user' ? user.displayName : 'Harmonie',
          opened_at: now,
          closed_at: null,
          version: 1,
        });
        const { packs, places } = await buildPacks(tx, id, from.id, to.id, deadline, now);
        await repo.insertPacks(tx, packs);
        await repo.insertPlaces(tx, places);
        const campaign = toCampaign((await repo.findCampaign(tx, id))!, {
          packs: packs.length,
          seatsHeld: places.length,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'reenrolment_campaign',
          entityId: id,
          action: 'reenrolment-opened',
          after: {
            fromSeasonId: from.id,
            toSeasonId: to.id,
            priorityDeadline: deadline,
            reminderDays,
            packs: packs.length,
            seatsHeld: places.length,
          },
        });
        return campaign;
      });
    },

    async list(actor: Actor): Promise<ReenrolmentCampaign[]> {
      requirePermission(actor, 'reenrolment.manage');
      const rows = await repo.listCampaigns(db);
      return Promise.all(rows.map(async (r) => toCampaign(r, await repo.campaignTotals(db, r.id, r.to_season_id))));
    },

    /** Progress per school: answered, confirmed, changed, declined, not answered, and who has not answered. */
    async progress(actor: Actor, campaignId: string, schoolId?: string): Promise<CampaignProgress> {
      requirePermission(actor, 'reenrolment.manage');
      const row = await repo.findCampaign(db, campaignId);
      if (!row) throw notFound();
      if (schoolId) await schools.assertSchoolInScope(db, actor, schoolId);
      const visible = schoolId ? [schoolId] : await scope(actor);
      const counts = await repo.progressCounts(db, campaignId, visible);
      const bySchool = new Map<string, CampaignProgress['schools'][number]>();
      for (const c of counts) {
        const entry = bySchool.get(c.school_id) ?? {
          schoolId: c.school_id,
          schoolName: c.name,
          packs: 0,
          answered: 0,
          confirmed: 0,
          changed: 0,
          declined: 0,
          notAnswered: 0,
          waiting: [],
          changes: [],
        };
        const n = Number(c.n);
        entry.packs += n;
        if (c.answer === null) entry.notAnswered += n;
        else {
          entry.answered += n;
          entry[c.answer as 'confirmed' | 'changed' | 'declined'] += n;
        }
        bySchool.set(c.school_id, entry);
      }
      for (const entry of bySchool.values()) {
        const waiting = await repo.packsWithAnswer(db, campaignId, entry.schoolId, WAITING_SHOWN);
        const contacts = await repo.guardianContacts(db, [...new Set(waiting.map((w) => w.family_id))]);
        entry.waiting = waiting.map((w) => ({
          packId: w.id,
          studentName: `${w.first_name} ${w.last_name}`,
          familyId: w.family_id,
          familyName: w.family_name,
          contacts: contacts
            .filter((g) => g.family_id === w.family_id)
            .map((g) => ({ name: `${g.first_name} ${g.last_name}`, email: g.email, phone: g.phone })),
        }));
        const changed = await repo.packsWithAnswer(db, campaignId, entry.schoolId, WAITING_SHOWN, 'changed');
        entry.changes = changed.map((c) => ({
          packId: c.id,
          studentName: `${c.first_name} ${c.last_name}`,
          familyName: c.family_name,
          note: c.answer_note ?? '',
        }));
      }
      return {
        campaign: toCampaign(row, await repo.campaignTotals(db, row.id, row.to_season_id)),
        schools: [...bySchool.values()],
      };
    },

    /** The signed-in family's packs. */
    async myPacks(actor: Actor): Promise<ReenrolmentPack[]> {
      requirePermission(actor, 'reenrolment.answer');
      const familyId = await guardianFamilyId(db, actor);
      if (!familyId) return [];
      const today = await organisationToday(db, clock);
      return (await repo.familyPacks(db, familyId)).map((p) => toPack(p, today));
    },

    async get(actor: Actor, packId: string): Promise<ReenrolmentPack> {
      const pack = await readablePack(db, actor, packId);
      return toPack(pack, await organisationToday(db, clock));
    },

    async answer(actor: Actor, packId: string, body: z.infer<typeof PackAnswerBody>): Promise<ReenrolmentPack> {
      requirePermission(actor, 'reenrolment.answer');
      await readablePack(db, actor, packId);
      return answer(actor, packId, body, 'portal');
    },

    async pdf(actor: Actor, packId: string) {
      return pdfOf(await readablePack(db, actor, packId));
    },

    async linkView(actor: Actor, token: string): Promise<ReenrolmentPack> {
      return toPack(await linkedPack(actor, token), await organisationToday(db, clock));
    },

    async linkAnswer(actor: Actor, token: string, body: z.infer<typeof PackAnswerBody>): Promise<ReenrolmentPack> {
      const pack = await linkedPack(actor, token);
      const who: Actor =
        actor.kind === 'user'
          ? actor
          : { kind: 'anonymous', label: `${pack.student_first_name} ${pack.student_last_name} (e-mail link)` };
      return answer(who, pack.id, body, 'e-mail link');
    },

    async linkPdf(actor: Actor, token: string) {
      return pdfOf(await linkedPack(actor, token));
    },

    /** The sweep: packs to send, reminders due, seats held past the deadline. */
    async sweep(): Promise<Record<string, number>> {
      return {
        packsSent: await sendPacks(),
        reminders: await sendReminders(),
        seatsReleased: await releaseSeats(),
      };
    },
  };
}
export type ReenrolmentService = ReturnType<typeof createReenrolmentService>;

/**
 * The packs and held places of a campaign, computed in memory over two seasons' courses (hundreds) and last
 * season's confirmed places (one per student and course).
 */
export async function buildPacks(
  tx: Tx,
  campaignId: string,
  fromSeasonId: string,
  toSeasonId: string,
  deadline: string,
  now: string,
): Promise<{ packs: Insertable<DB['reenrolment_packs']>[]; places: Insertable<DB['course_enrolments']>[] }> {
  const lastCourses = new Map((await repo.seasonCourses(tx, fromSeasonId)).map((c) => [c.id, c]));
  const nextCourses = await repo.seasonCourses(tx, toSeasonId);
  const continuing = new Map<string, repo.SeasonCourseRow | null>();
  for (const course of lastCourses.values()) continuing.set(course.id, continuingCourse(course, nextCourses));
  const tariffsRow = await currentTariffs(tx, toSeasonId);
  const tariffs = tariffsRow
    ? {
        membershipFeeCents: tariffsRow.membership_fee_cents,
        courseFees: JSON.parse(tariffsRow.course_fees) as {
          discipline: string;
          durationMinutes: number;
          feeCents: number;
        }[],
      }
    : null;
  const occupied = await repo.occupiedSeats(tx, toSeasonId);
  const existing = await repo.existingPlaces(tx, toSeasonId);
  const byStudent = new Map<string, { family: string; courses: string[] }>();
  for (const place of await repo.confirmedPlaces(tx, fromSeasonId)) {
    const entry = byStudent.get(place.student_id) ?? { family: place.family_id, courses: [] };
    entry.courses.push(place.course_id);
    byStudent.set(place.student_id, entry);
  }
  const packs: Insertable<DB['reenrolment_packs']>[] = [];
  const places: Insertable<DB['course_enrolments']>[] = [];
  for (const [studentId, { family, courses }] of byStudent) {
    const nexts = courses.map((c) => continuing.get(c) ?? null);
    const fees = packFees(
      tariffs,
      nexts.map((n) => (n ? { discipline: n.discipline, durationMinutes: n.duration_minutes } : null)),
    );
    const lines = courses.map((courseId, index) => {
      const next = nexts[index] ?? null;
      let seatHeld = false;
      if (next && !existing.has(`${next.id}:${studentId}`) && (occupied.get(next.id) ?? 0) < next.capacity) {
        occupied.set(next.id, (occupied.get(next.id) ?? 0) + 1);
        existing.add(`${next.id}:${studentId}`);
        seatHeld = true;
        places.push({
          id: newId(),
          course_id: next.id,
          student_id: studentId,
          family_id: family,
          status: 'held',
          origin: 'returning',
          registration_id: null,
          held_until: deadline,
          waiting_since: null,
          offer_expires_at: null,
          starts_on: null,
          cancelled_on: null,
          cancel_reason: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
      return {
        last: packCourse(lastCourses.get(courseId)!),
        next: next ? packCourse(next) : null,
        seatHeld,
        feeCents: fees.courseFeeCents[index] ?? null,
      };
    });
    const proposal: PackProposal = { lines, feesVoted: fees.feesVoted, membershipFeeCents: fees.membershipFeeCents };
    packs.push({
      id: newId(),
      campaign_id: campaignId,
      student_id: studentId,
      family_id: family,
      // A student of several schools: the pack belongs to the school of their first course.
      school_id: lastCourses.get(courses[0]!)!.school_id,
      proposal: JSON.stringify(proposal),
      answer: null,
      answer_note: null,
      answered_at: null,
      link_token_hash: null,
      sent_at: null,
      created_at: now,
      version: 1,
    });
  }
  return { packs, places };
}

/** The sweep of the manifest: packs to send, reminders, seats to release (idempotent, several instances safe). */
export const REENROLMENT_SWEEP: Sweep = {
  name: 'reenrolment',
  run: (deps) => createReenrolmentService(deps, createSchoolsService(deps)).sweep(),
};
