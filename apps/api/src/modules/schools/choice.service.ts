import type { z } from 'zod';
import type { ChoiceBody, ChoiceOpening, ChoiceView, WaitingList } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { SYSTEM, type Actor } from '../../platform/actor.js';
import { guardianFamilyId, requirePermission } from '../../platform/access.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { ID_CHUNK, slices } from '../../platform/batching.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ORGANISATION_TIME_ZONE, organisationToday } from '../../platform/settings.js';
import { claimOnce, claimedKeys } from '../agency/followup/followup.repository.js';
import { seatsLeft } from './enrolments.rules.js';
import {
  choiceWindowEnd,
  offerExpiresAt,
  offerHasExpired,
  offersToMake,
  seatForNewcomer,
  waveIsOpen,
  waveOf,
  waveOpensAt,
} from './choice.rules.js';
import { CHOICE_WAVE_INTERVAL_HOURS, CHOICE_WAVE_SIZE, WAITING_OFFER_DAYS } from './choice.settings.js';
import { choiceWaveOpenMail, waitingOfferMail } from './choice.mail.js';
import * as repo from './choice.repository.js';
import { findSeason } from './schools.repository.js';
import type { SchoolsService } from './schools.service.js';
import { NO_FEES, type FeesOnConfirmation } from './fees.service.js';
import { courseLabel } from './courses.rules.js';

type MailDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>;

const portalLink = (deps: MailDeps) => `${deps.config.publicUrl}/family/choice`;

/** A family's place in a school season's waves: its rank, its wave and when that wave opens (null: not known). */
async function waveOfFamily(tx: Tx, familyId: string, schoolId: string, seasonId: string) {
  const ranked = await repo.rankedRegistrations(tx, schoolId, seasonId);
  const index = ranked.findIndex((r) => r.family_id === familyId);
  if (index < 0) return null;
  const [size, interval, inputs] = await Promise.all([
    CHOICE_WAVE_SIZE.read(tx),
    CHOICE_WAVE_INTERVAL_HOURS.read(tx),
    repo.windowInputs(tx, seasonId),
  ]);
  const rank = index + 1;
  const wave = waveOf(rank, size);
  const end = choiceWindowEnd(inputs.priorityDeadline, inputs.opening);
  return { rank, wave, opensAt: end ? waveOpensAt(end, wave, interval) : null };
}

/**
 * Offers a course's free seats to the first on its waiting list, each with an e-mail, inside the caller's
 * transaction. The course's row is locked first, so two callers (two sweeps on two instances, a decline and the
 * sweep) count seats one after the other and each offer is made once. Other parts call it after freeing a seat
 * (a declined re-enrolment, a released hold, a cancellation); the promotion sweep also catches any seat freed
 * without it. Returns the number of offers made.
 */
export async function seatFreed(deps: MailDeps, tx: Tx, courseId: string): Promise<number> {
  await repo.lockCourses(tx, [courseId]);
  return offerFreeSeats(deps, tx, [courseId]);
}

/** Moves the enrolments still in `from` (repo.moveEnrolments) and audits each one moved; returns their ids. */
async function moveAudited(
  deps: MailDeps,
  tx: Tx,
  entries: readonly { id: string }[],
  from: string,
  action: string,
  changes: Parameters<typeof repo.moveEnrolments>[3],
): Promise<Set<string>> {
  const moved = await repo.moveEnrolments(
    tx,
    entries.map((e) => e.id),
    from,
    changes,
  );
  const after = changes.offer_expires_at
    ? { status: changes.status, offerExpiresAt: changes.offer_expires_at }
    : { status: changes.status };
  await recordAudits(
    tx,
    deps.clock,
    SYSTEM,
    moved.map((m) => ({ entityType: 'course_enrolment', entityId: m.id, action, before: { status: from }, after })),
  );
  return new Set(moved.map((m) => m.id));
}

/**
 * seatFreed for many courses whose rows the caller has locked: one recount, one read of the first waiting, one
 * conditional move, then the audit entries and e-mails in multi-row inserts (a few statements whatever the number).
 */
async function offerFreeSeats(deps: MailDeps, tx: Tx, courseIds: readonly string[]): Promise<number> {
  const courses = await repo.seatCountsOf(tx, courseIds);
  const wanted = new Map(
    courses.map((c) => [c.id, offersToMake(seatsLeft(c.capacity, c.occupied), c.waiting)] as const),
  );
  const first = await repo.firstWaitingOf(tx, wanted);
  if (!first.length) return 0;
  const now = deps.clock.now();
  const expires = offerExpiresAt(now, await WAITING_OFFER_DAYS.read(tx)).toISOString();
  const moved = await moveAudited(deps, tx, first, 'waiting', 'offer-made', {
    status: 'offered',
    offer_expires_at: expires,
    updated_at: now.toISOString(),
  });
  const offers = first.filter((e) => moved.has(e.id));
  const recipients = await repo.familyRecipients(
    tx,
    offers.map((e) => e.family_id),
  );
  const labels = new Map(courses.map((c) => [c.id, courseLabel(c)]));
  await deps.mailer.enqueueMany(
    tx,
    offers.flatMap((e) => {
      const to = recipients.get(e.family_id);
      if (!to?.email) return [];
      return [
        {
          to: to.email,
          locale: to.locale === 'en' ? ('en' as const) : ('fr' as const),
          mail: waitingOfferMail({
            name: to.first_name,
            student: e.student_name ?? '',
            course: labels.get(e.course_id) ?? '',
            expiresOn: expires.slice(0, 10),
            link: portalLink(deps),
          }),
          related: { type: 'family', id: e.family_id },
        },
      ];
    }),
  );
  return offers.length;
}

/**
 * The promotion sweep: lapsed offers expire and pass to the next waiting; free seats go to the waiting lists;
 * each wave's families are invited once when their wave opens. Idempotent and safe on several instances: the
 * courses concerned are locked in id order (one transaction per slice of them) before their seats are recounted,
 * every move is conditional on the row's status, every invitation claims a unique key.
 */
export async function promoteWaitingLists(deps: MailDeps, now: Date = deps.clock.now()) {
  const counts = { expired: 0, offered: 0, invited: 0 };
  const at = now.toISOString();
  const lapsed = await repo.lapsedOffers(deps.db, at);
  const courses = [...new Set([...lapsed.map((o) => o.course_id), ...(await repo.coursesToPromote(deps.db))])];
  for (const slice of slices(courses.sort(), ID_CHUNK)) {
    const inSlice = new Set(slice);
    const done = await deps.db.transaction().execute(async (tx) => {
      await repo.lockCourses(tx, slice);
      const expired = await moveAudited(
        deps,
        tx,
        lapsed.filter((o) => inSlice.has(o.course_id)),
        'offered',
        'offer-expired',
        { status: 'expired', updated_at: at },
      );
      return { expired: expired.size, offered: await offerFreeSeats(deps, tx, slice) };
    });
    counts.expired += done.expired;
    counts.offered += done.offered;
  }
  counts.invited += await inviteOpenWaves(deps, now);
  return counts;
}

/** E-mails each family whose wave has opened, once per family and wave (a unique sweep key). */
async function inviteOpenWaves(deps: MailDeps, now: Date): Promise<number> {
  const { db } = deps;
  const today = await organisationToday(db, deps.clock);
  const [size, interval] = await Promise.all([CHOICE_WAVE_SIZE.read(db), CHOICE_WAVE_INTERVAL_HOURS.read(db)]);
  let invited = 0;
  for (const target of await repo.choiceSchoolSeasons(db, today)) {
    const inputs = await repo.windowInputs(db, target.season_id);
    const end = choiceWindowEnd(inputs.priorityDeadline, inputs.opening);
    if (!end || !waveIsOpen(end, now)) continue;
    const ranked = await repo.rankedRegistrations(db, target.school_id, target.season_id);
    const due = ranked
      .map((r, index) => ({ ...r, wave: waveOf(index + 1, size) }))
      .filter((r) => waveIsOpen(waveOpensAt(end, r.wave, interval), now))
      .map((r) => ({ ...r, key: `choice-wave:${target.school_id}:${target.season_id}:${r.family_id}:${r.wave}` }));
    if (!due.length) continue;
    const claimed = new Set<string>();
    for (let i = 0; i < due.length; i += 400) {
      for (const key of await claimedKeys(
        db,
        due.slice(i, i + 400).map((d) => d.key),
      ))
        claimed.add(key);
    }
    for (const r of due.filter((d) => !claimed.has(d.key))) {
      invited += await db.transaction().execute(async (tx) => {
        if (!(await claimOnce(tx, r.key, null, now.toISOString()))) return 0;
        const to = await repo.familyRecipient(tx, r.family_id);
        if (!to?.email) return 0;
        await deps.mailer.enqueue(tx, {
          to: to.email,
          locale: to.locale === 'en' ? 'en' : 'fr',
          mail: choiceWaveOpenMail({
            name: to.first_name,
            school: target.school_name,
            season: target.season_name,
            link: portalLink(deps),
          }),
          related: { type: 'family', id: r.family_id },
        });
        return 1;
      });
    }
  }
  return invited;
}

/**
 * The timetable choice as families and the secretariat use it. A confirmed place (a seat chosen, an offer
 * accepted) issues the family's season fees in the same transaction (`fees`, given by the module's wiring).
 */
export function createChoiceService(deps: Deps, schools: SchoolsService, fees: FeesOnConfirmation = NO_FEES) {
  const { db, clock } = deps;

  async function ownFamily(actor: Actor): Promise<string> {
    const familyId = await guardianFamilyId(db, actor);
    if (!familyId) throw forbidden();
    return familyId;
  }

  return {
    /** The family's schools open to choice, their courses with seats, and the family's places and offers. */
    async view(actor: Actor): Promise<ChoiceView> {
      const familyId = await ownFamily(actor);
      const now = clock.now();
      const [students, registrations, places] = await Promise.all([
        repo.studentsOf(db, familyId),
        repo.familyRegistrations(db, familyId),
        repo.familyPlaces(db, familyId),
      ]);
      const seen = new Set<string>();
      const schoolsOut: ChoiceView['schools'] = [];
      for (const r of registrations) {
        const key = `${r.school_id}:${r.season_id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const wave = await waveOfFamily(db, familyId, r.school_id, r.season_id);
        if (!wave) continue;
        const open = wave.opensAt !== null && waveIsOpen(wave.opensAt, now);
        const courses = await repo.coursesWithCounts(db, r.school_id, r.season_id);
        schoolsOut.push({
          schoolId: r.school_id,
          schoolName: r.school_name,
          seasonId: r.season_id,
          seasonName: r.season_name,
          rank: wave.rank,
          wave: wave.wave + 1,
          opensAt: wave.opensAt?.toISOString() ?? null,
          open,
          courses: courses.map((c) => {
            const left = seatsLeft(c.capacity, Number(c.occupied));
            return {
              id: c.id,
              discipline: c.discipline,
              level: c.level,
              kind: c.kind,
              weekday: c.weekday,
              start: c.start_time,
              durationMinutes: c.duration_minutes,
              capacity: c.capacity,
              seatsLeft: left,
              waiting: Number(c.waiting),
              open: seatForNewcomer(left, Number(c.waiting)),
            };
          }),
        });
      }
      return {
        students: students.map((s) => ({ id: s.id, name: `${s.first_name} ${s.last_name}` })),
        schools: schoolsOut,
        places: places.map((p) => ({
          id: p.id,
          courseId: p.course_id,
          course: courseLabel(p),
          studentId: p.student_id,
          studentName: `${p.first_name} ${p.last_name}`,
          status: p.status,
          position: p.status === 'waiting' ? Number(p.position) : null,
          offerExpiresAt: p.status === 'offered' ? p.offer_expires_at : null,
        })),
      };
    },

    /**
     * A family picks a course for one of its students: a confirmed place when a seat is left, else the clear
     * COURSE_FULL refusal, or the waiting list when the family asked for it. Refused before the family's wave.
     */
    async choose(actor: Actor, body: z.infer<typeof ChoiceBody>) {
      const familyId = await ownFamily(actor);
      const student = (await repo.studentsOf(db, familyId)).find((s) => s.id === body.studentId);
      if (!student) {
        throw new DomainError('NOT_OWN_STUDENT', { fields: [{ field: 'studentId', code: 'NOT_OWN_STUDENT' }] });
      }
      const course = await repo.courseForChoice(db, body.courseId);
      if (!course || course.status !== 'active') throw notFound();
      const wave = await waveOfFamily(db, familyId, course.school_id, course.season_id);
      if (!wave) throw new DomainError('CHOICE_NOT_REGISTERED');
      if (!wave.opensAt) throw new DomainError('CHOICE_WINDOW_UNKNOWN');
      const now = clock.now();
      if (!waveIsOpen(wave.opensAt, now))
        throw new WaveNotOpen(wave.opensAt.toISOString(), await ORGANISATION_TIME_ZONE.read(db));
      const at = now.toISOString();
      return db.transaction().execute(async (tx) => {
        await repo.lockCourse(tx, course.id);
        const existing = await repo.enrolmentOf(tx, course.id, student.id);
        if (existing && ['held', 'offered', 'confirmed', 'waiting'].includes(existing.status)) {
          throw new DomainError('ALREADY_CHOSEN', { fields: [{ field: 'courseId', code: 'ALREADY_CHOSEN' }] });
        }
        const counts = await repo.seatCounts(tx, course.id);
        const seat = seatForNewcomer(seatsLeft(course.capacity, counts.occupied), counts.waiting);
        if (!seat && !body.joinWaitingList) {
          throw new DomainError('COURSE_FULL', { fields: [{ field: 'courseId', code: 'COURSE_FULL' }] });
        }
        const status = seat ? 'confirmed' : 'waiting';
        const row = {
          status,
          origin: 'new',
          waiting_since: seat ? null : at,
          offer_expires_at: null,
          updated_at: at,
        };
        let id = existing?.id ?? newId();
        if (existing) {
          // A place left earlier (declined, expired, released, cancelled): the same row takes the new choice.
          await tx
            .updateTable('course_enrolments')
            .set((eb) => ({ ...row, version: eb('version', '+', 1) }))
            .where('id', '=', existing.id)
            .execute();
        } else {
          id = newId();
          const registration = await tx
            .selectFrom('school_registrations')
            .select('id')
            .where('family_id', '=', familyId)
            .where('school_id', '=', course.school_id)
            .where('season_id', '=', course.season_id)
            .where('status', '=', 'completed')
            .executeTakeFirst();
          await tx
            .insertInto('course_enrolments')
            .values({
              id,
              course_id: course.id,
              student_id: student.id,
              family_id: familyId,
              registration_id: registration?.id ?? null,
              created_at: at,
              version: 1,
              ...row,
            })
            .execute();
        }
        await recordAudit(tx, clock, actor, {
          entityType: 'course_enrolment',
          entityId: id,
          action: seat ? 'choice-confirmed' : 'waiting-joined',
          after: { status },
        });
        if (seat) await fees(tx, actor, familyId, course.season_id);
        return { id, status };
      });
    },

    /** The family accepts (→ confirmed) or declines its open offer; a decline passes the seat to the next. */
    async answerOffer(actor: Actor, enrolmentId: string, answer: 'accept' | 'decline') {
      const familyId = await ownFamily(actor);
      const now = clock.now();
      const at = now.toISOString();
      return db.transaction().execute(async (tx) => {
        const place = await repo.findEnrolment(tx, enrolmentId);
        if (!place || place.family_id !== familyId) throw notFound();
        await repo.lockCourse(tx, place.course_id);
        const current = await repo.findEnrolment(tx, enrolmentId);
        if (current?.status !== 'offered') throw new DomainError('OFFER_NOT_OPEN');
        if (current.offer_expires_at && offerHasExpired(current.offer_expires_at, now))
          throw new DomainError('OFFER_EXPIRED');
        const status = answer === 'accept' ? 'confirmed' : 'declined';
        await repo.moveEnrolment(tx, enrolmentId, 'offered', { status, offer_expires_at: null, updated_at: at });
        await recordAudit(tx, clock, actor, {
          entityType: 'course_enrolment',
          entityId: enrolmentId,
          action: answer === 'accept' ? 'offer-accepted' : 'offer-declined',
          before: { status: 'offered' },
          after: { status },
        });
        if (status === 'declined') await seatFreed(deps, tx, place.course_id);
        else {
          const course = await repo.courseForChoice(tx, place.course_id);
          if (course) await fees(tx, actor, familyId, course.season_id);
        }
        return { id: enrolmentId, status };
      });
    },

    /** A course's waiting list with positions and open offers (secretariat of its school, the board, the director). */
    async waitingList(actor: Actor, courseId: string): Promise<WaitingList> {
      requirePermission(actor, 'courses.manage');
      const course = await repo.courseForChoice(db, courseId);
      if (!course) throw notFound();
      await schools.assertSchoolInScope(db, actor, course.school_id);
      const [counts, rows] = await Promise.all([repo.seatCounts(db, courseId), repo.waitingListOf(db, courseId)]);
      let position = 0;
      return {
        courseId,
        capacity: course.capacity,
        seatsLeft: seatsLeft(course.capacity, counts.occupied),
        entries: rows.map((r) => ({
          id: r.id,
          position: r.status === 'waiting' ? ++position : null,
          status: r.status,
          studentName: `${r.first_name} ${r.last_name}`,
          familyName: r.family_name,
          waitingSince: r.waiting_since,
          offerExpiresAt: r.offer_expires_at,
        })),
      };
    },

    /** When the season opens to new students: the date set, and the campaign's deadline which comes first. */
    async opening(actor: Actor, seasonId: string): Promise<ChoiceOpening> {
      requirePermission(actor, 'courses.manage');
      if (!(await findSeason(db, seasonId))) throw notFound();
      const inputs = await repo.windowInputs(db, seasonId);
      return { seasonId, opensAt: inputs.opening, priorityDeadline: inputs.priorityDeadline };
    },

    /** The date a season without a re-enrolment campaign opens to new students. */
    async setOpening(actor: Actor, seasonId: string, opensAt: string) {
      requirePermission(actor, 'courses.manage');
      return db.transaction().execute(async (tx) => {
        const season = await tx.selectFrom('seasons').select('id').where('id', '=', seasonId).executeTakeFirst();
        if (!season) throw notFound();
        const before = await tx
          .selectFrom('choice_openings')
          .select('opens_at')
          .where('season_id', '=', seasonId)
          .executeTakeFirst();
        await repo.setOpening(
          tx,
          seasonId,
          opensAt,
          actor.kind === 'user' ? actor.userId : null,
          clock.now().toISOString(),
        );
        await recordAudit(tx, clock, actor, {
          entityType: 'season',
          entityId: seasonId,
          action: 'choice-opening-set',
          before: before ? { choiceOpensAt: before.opens_at } : null,
          after: { choiceOpensAt: opensAt },
        });
        return { seasonId, opensAt };
      });
    },
  };
}
export type ChoiceService = ReturnType<typeof createChoiceService>;

/** CHOICE_WAVE_NOT_OPEN with the date the family's wave opens (the route adds it to the problem). */
export class WaveNotOpen extends DomainError {
  constructor(
    readonly opensAt: string,
    readonly timeZone: string,
  ) {
    super('CHOICE_WAVE_NOT_OPEN', { fields: [{ field: 'courseId', code: 'CHOICE_WAVE_NOT_OPEN' }] });
  }
}
