import type { Locale } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { ORGANISATION_DEFAULT_LOCALE } from '../../platform/settings.js';
import { notFound } from '../../platform/errors.js';
import { teacherStatusMail } from './teachers.mail.js';
import { lockTeacherRow, personContact, setTeacherStatus, teacherRow } from './teachers.repository.js';
import { suspensionsInForce } from './suspensions.repository.js';
import { teacherStatusFrom } from './teachers.rules.js';

/**
 * Takes the teacher's row lock before any change to their suspensions: two transactions (a sweep and a person,
 * or two instances) then change one teacher one after the other. An UPDATE locks the row on PostgreSQL and
 * takes the write lock on SQLite, so the same statement works on both engines.
 */
export async function lockTeacher(tx: Tx, teacherId: string): Promise<void> {
  if (!(await lockTeacherRow(tx, teacherId))) throw notFound();
}

/** The teacher's e-mail and language (their account's language, else the organisation's). */
export async function teacherContact(
  tx: Tx,
  teacherId: string,
): Promise<{ email: string | null; name: string; locale: Locale }> {
  const person = await personContact(tx, teacherId);
  const locale = (person?.locale ?? (await ORGANISATION_DEFAULT_LOCALE.read(tx))) as Locale;
  return { email: person?.email ?? null, name: person?.first_name ?? '', locale };
}

/**
 * The one place that writes teachers.status from the suspensions (the derivation is `teacherStatusFrom`). When
 * the status changes, the change is audited and the teacher is told by e-mail (in the caller's transaction).
 */
export async function refreshTeacherStatus(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'mailer'>,
  actor: Actor,
  teacherId: string,
): Promise<{ changed: boolean; status: string }> {
  const before = await teacherRow(tx, teacherId);
  if (!before) throw notFound();
  const { next, cause } = teacherStatusFrom(before, await suspensionsInForce(tx, teacherId));

  if (
    next.status === before.status &&
    next.status_reason === before.status_reason &&
    next.status_until === before.status_until
  )
    return { changed: false, status: before.status };
  await setTeacherStatus(tx, teacherId, next, deps.clock.now().toISOString());
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
      const suspension = next.status === 'suspended' ? cause : undefined;
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
