import type { Locale } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { readSetting } from '../../platform/settings.js';
import { notFound } from '../../platform/errors.js';
import { teacherStatusMail } from './teachers.mail.js';

/**
 * Takes the teacher's row lock before any change to their suspensions: two transactions (a sweep and a person,
 * or two instances) then change one teacher one after the other. An UPDATE locks the row on PostgreSQL and
 * takes the write lock on SQLite, so the same statement works on both engines.
 */
export async function lockTeacher(tx: Tx, teacherId: string): Promise<void> {
  const locked = await tx
    .updateTable('teachers')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('person_id', '=', teacherId)
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) !== 1) throw notFound();
}

/** The teacher's e-mail and language (their account's language, else the organisation's). */
export async function teacherContact(
  tx: Tx,
  teacherId: string,
): Promise<{ email: string | null; name: string; locale: Locale }> {
  const person = await tx
    .selectFrom('people')
    .leftJoin('users', 'users.id', 'people.user_id')
    .select(['people.email', 'people.first_name', 'users.locale'])
    .where('people.id', '=', teacherId)
    .executeTakeFirst();
  const locale = (person?.locale ?? (await readSetting<string>(tx, 'organisation.defaultLocale'))) as Locale;
  return { email: person?.email ?? null, name: person?.first_name ?? '', locale };
}

/**
 * The one place that derives teachers.status from the suspensions: an effective definitive exclusion wins,
 * then any temporary suspension in force (automatic for meetings, or decided by followup), else active.
 * An 'inactive' teacher (left of their own accord) keeps that status unless excluded. When the status changes,
 * the change is audited and the teacher is told by e-mail (in the caller's transaction).
 */
export async function refreshTeacherStatus(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'mailer'>,
  actor: Actor,
  teacherId: string,
): Promise<{ changed: boolean; status: string }> {
  const before = await tx.selectFrom('teachers').selectAll().where('person_id', '=', teacherId).executeTakeFirst();
  if (!before) throw notFound();
  const inForce = await tx
    .selectFrom('teacher_suspensions')
    .selectAll()
    .where('teacher_id', '=', teacherId)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'definitive'), eb('status', '=', 'effective')]),
        eb.and([eb('kind', '=', 'temporary'), eb('status', '=', 'active')]),
      ]),
    )
    .orderBy('created_at')
    .execute();
  const exclusion = inForce.find((s) => s.kind === 'definitive');
  const temporary = inForce.filter((s) => s.kind === 'temporary');
  const meetings = temporary.find((s) => s.reason_code === 'meetings');
  const manual = temporary.find((s) => s.reason_code === 'manual');
  let next: { status: string; status_reason: string | null; status_until: string | null };
  if (exclusion) next = { status: 'excluded', status_reason: exclusion.reason, status_until: null };
  else if (before.status === 'inactive')
    next = { status: 'inactive', status_reason: before.status_reason, status_until: before.status_until };
  else if (temporary.length) {
    // "until" is known only when every suspension in force ends on a date; a condition keeps it open.
    const dates = temporary.map((s) => s.until_date);
    const until = dates.every((d) => d) ? ((dates as string[]).sort().at(-1) ?? null) : null;
    next = {
      status: 'suspended',
      status_reason: meetings ? 'meetings' : (manual?.reason ?? null),
      status_until: until,
    };
  } else next = { status: 'active', status_reason: null, status_until: null };

  if (
    next.status === before.status &&
    next.status_reason === before.status_reason &&
    next.status_until === before.status_until
  )
    return { changed: false, status: before.status };
  const now = deps.clock.now().toISOString();
  await tx
    .updateTable('teachers')
    .set((eb) => ({ ...next, updated_at: now, version: eb('version', '+', 1) }))
    .where('person_id', '=', teacherId)
    .execute();
  await recordAudit(tx, deps.clock, actor, {
    entityType: 'teacher',
    entityId: teacherId,
    action: 'status-change',
    before: { status: before.status, status_reason: before.status_reason, status_until: before.status_until },
    after: next,
  });
  if (next.status !== before.status && next.status !== 'inactive') {
    const contact = await teacherContact(tx, teacherId);
    if (contact.email) {
      const suspension = next.status === 'suspended' ? (meetings ?? manual) : undefined;
      await deps.mailer.enqueue(tx, {
        to: contact.email,
        locale: contact.locale,
        mail: teacherStatusMail({
          name: contact.name,
          status: next.status as 'active' | 'suspended' | 'excluded',
          reasonCode: suspension ? (suspension.reason_code as 'meetings' | 'manual') : null,
          reason: next.status === 'excluded' ? next.status_reason : (suspension?.reason ?? null),
          until: next.status_until,
        }),
        related: { type: 'teacher', id: teacherId },
      });
    }
  }
  return { changed: next.status !== before.status, status: next.status };
}
