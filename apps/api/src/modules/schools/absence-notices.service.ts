import type { z } from 'zod';
import type { AbsenceNotices, AbsenceNoticesBody, AbsenceNoticePreference } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import type { Sweep } from '../../platform/jobs.js';
import { guardianFamilyId, requirePermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { forbidden, notFound, stale } from '../../platform/errors.js';
import { organisationToday } from '../../platform/settings.js';
import { isMinor } from '../people/people.rules.js';
import { digestWeek, inNextDigest, noticeHorizon, noticeMode } from './absence-notices.rules.js';
import { ABSENCE_NOTICE_FOR_MINORS } from './absence-notices.settings.js';
import { absenceDigestMail, absenceNoticeMail } from './absence-notices.mail.js';
import * as repo from './absence-notices.repository.js';
import { familyRecipients } from './reenrolment.repository.js';
import { courseLabel } from './courses.rules.js';

type Recipient = Awaited<ReturnType<typeof familyRecipients>>[number];

const localeOf = (r: Recipient) => ((r.user_locale ?? r.locale) === 'en' ? 'en' : 'fr');

/**
 * Absence notices (issue "School network III", item 3): a sweep tells families of their children's absences — one
 * e-mail each, or a weekly digest, or nothing — as each family chose (and as the school requires for minors). Each
 * absent mark is claimed once in absence_notices, so that no absence is told twice, even by concurrent sweeps.
 */
export function createAbsenceNoticesService(deps: Deps) {
  const { db, clock, mailer } = deps;
  const link = () => `${deps.config.publicUrl}/family/absence-notices`;

  /** Tells the absences of families who chose each one (or must be told): one e-mail per absence and guardian. */
  async function tellEach(absences: repo.UntoldAbsence[], recipients: Recipient[], required: boolean) {
    let told = 0;
    for (const a of absences) {
      const mode = noticeMode(a.preference as AbsenceNoticePreference, a.birth_date, a.lesson_date, required);
      if (mode === 'weekly') continue;
      await db.transaction().execute(async (tx) => {
        const at = clock.now().toISOString();
        const row = { lesson_id: a.lesson_id, student_id: a.student_id, mode, digest_week: null, notified_at: at };
        if (!(await repo.claimAbsence(tx, row)) || mode === 'never') return;
        const to = recipients.filter((r) => r.family_id === a.family_id);
        for (const r of to)
          await mailer.enqueue(tx, {
            to: r.email!,
            locale: localeOf(r),
            mail: absenceNoticeMail({
              name: r.first_name,
              student: `${a.first_name} ${a.last_name}`,
              course: courseLabel(a),
              school: a.school_name,
              date: a.lesson_date,
              link: link(),
            }),
            related: { type: 'family', id: a.family_id },
          });
        await repo.setRecipients(tx, a.lesson_id, a.student_id, to.length);
        if (to.length) told += 1;
      });
    }
    return told;
  }

  /** Sends each weekly family its digest of the past weeks' absences, once per week. */
  async function tellWeekly(absences: repo.UntoldAbsence[], recipients: Recipient[], required: boolean, today: string) {
    const week = digestWeek(today);
    const byFamily = new Map<string, repo.UntoldAbsence[]>();
    for (const a of absences) {
      const mode = noticeMode(a.preference as AbsenceNoticePreference, a.birth_date, a.lesson_date, required);
      if (mode !== 'weekly' || !inNextDigest(a.lesson_date, today)) continue;
      byFamily.set(a.family_id, [...(byFamily.get(a.family_id) ?? []), a]);
    }
    let digests = 0;
    for (const [familyId, list] of byFamily) {
      await db.transaction().execute(async (tx) => {
        const at = clock.now().toISOString();
        if (!(await repo.claimDigest(tx, familyId, week, at))) return;
        const told: repo.UntoldAbsence[] = [];
        for (const a of list) {
          const row = { lesson_id: a.lesson_id, student_id: a.student_id, mode: 'weekly', digest_week: week };
          if (await repo.claimAbsence(tx, { ...row, notified_at: at })) told.push(a);
        }
        const to = recipients.filter((r) => r.family_id === familyId);
        if (!told.length || !to.length) return;
        for (const r of to)
          await mailer.enqueue(tx, {
            to: r.email!,
            locale: localeOf(r),
            mail: absenceDigestMail({
              name: r.first_name,
              week,
              absences: told.map((a) => ({
                student: `${a.first_name} ${a.last_name}`,
                course: courseLabel(a),
                date: a.lesson_date,
              })),
              link: link(),
            }),
            related: { type: 'family', id: familyId },
          });
        for (const a of told) await repo.setRecipients(tx, a.lesson_id, a.student_id, to.length);
        digests += 1;
      });
    }
    return digests;
  }

  /** A family's choice, with whether the school overrides "never" for its minors (and which children are minors). */
  async function view(tx: Tx, familyId: string): Promise<z.infer<typeof AbsenceNotices>> {
    const family = await repo.familyChoice(tx, familyId);
    if (!family) throw notFound();
    const [required, today, students] = await Promise.all([
      ABSENCE_NOTICE_FOR_MINORS.read(tx),
      organisationToday(tx, clock),
      repo.familyMinors(tx, familyId),
    ]);
    return {
      familyId,
      preference: family.absence_notices as AbsenceNoticePreference,
      requiredForMinors: required === 'required',
      minors: students.filter((s) => isMinor(s.birth_date!, today)).map((s) => `${s.first_name} ${s.last_name}`),
      version: family.version,
    };
  }

  async function update(actor: Actor, familyId: string, body: z.infer<typeof AbsenceNoticesBody>) {
    return db.transaction().execute(async (tx) => {
      const before = await repo.familyChoice(tx, familyId);
      if (!before) throw notFound();
      if (!(await repo.setFamilyChoice(tx, familyId, body.version, body.preference, clock.now().toISOString())))
        throw stale();
      await recordAudit(tx, clock, actor, {
        entityType: 'family',
        entityId: familyId,
        action: 'absence-notices-changed',
        before: { absence_notices: before.absence_notices },
        after: { absence_notices: body.preference },
      });
      return view(tx, familyId);
    });
  }

  async function ownFamily(actor: Actor): Promise<string> {
    const familyId = await guardianFamilyId(db, actor);
    if (!familyId) throw forbidden();
    return familyId;
  }

  return {
    /** The sweep: every absence of the last weeks not told yet, told as its family chose. */
    async sweep(): Promise<Record<string, number>> {
      const today = await organisationToday(db, clock);
      const absences = await repo.untoldAbsences(db, noticeHorizon(today), today);
      if (!absences.length) return { absencesTold: 0, digests: 0 };
      const required = (await ABSENCE_NOTICE_FOR_MINORS.read(db)) === 'required';
      const recipients = await familyRecipients(db, [...new Set(absences.map((a) => a.family_id))]);
      return {
        absencesTold: await tellEach(absences, recipients, required),
        digests: await tellWeekly(absences, recipients, required, today),
      };
    },
    async mine(actor: Actor) {
      return view(db, await ownFamily(actor));
    },
    async updateMine(actor: Actor, body: z.infer<typeof AbsenceNoticesBody>) {
      return update(actor, await ownFamily(actor), body);
    },
    async ofFamily(actor: Actor, familyId: string) {
      requirePermission(actor, 'people.read');
      return view(db, familyId);
    },
    async updateFamily(actor: Actor, familyId: string, body: z.infer<typeof AbsenceNoticesBody>) {
      requirePermission(actor, 'people.writeFamilies');
      return update(actor, familyId, body);
    },
  };
}
export type AbsenceNoticesService = ReturnType<typeof createAbsenceNoticesService>;

export const ABSENCE_NOTICES_SWEEP: Sweep = {
  name: 'schools.absence-notices',
  run: (deps) => createAbsenceNoticesService(deps).sweep(),
};
