import type { Deps } from '../../../platform/deps.js';
import { dateInZone, daysBetween } from '../../../platform/clock.js';
import { ORGANISATION_TIME_ZONE, organisationToday } from '../../../platform/settings.js';
import { createTasksOnce, type NewTask } from '../../../platform/tasks.js';
import type { Sweep } from '../../../platform/jobs.js';
import { slices } from '../../../platform/batching.js';
import {
  CHECK_IN_AFTER_FIRST_LESSON_DAYS,
  CHECK_IN_EVERY_DAYS,
  FIRST_LESSON_ALERT_DAYS_BEFORE_DEBIT,
  FIRST_LESSON_REMINDER_DAYS,
} from '../agency.settings.js';
import { findFile } from '../files.repository.js';
import { createAccessLink, familyContact, teacherContact } from '../links.service.js';
import { firstLessonReminderMail } from '../agency.mails.js';
import {
  assignmentsAwaitingFirstLesson,
  billableSubscriptions,
  claimOnce,
  claimedKeys,
  ongoingAssignments,
} from './followup.repository.js';
import { checkInOccurrence, dueReminderDay, isChargedWithoutLesson, needsFirstLessonAlert } from './followup.rules.js';

/**
 * The first-lesson and follow-up clock of every handed-over file: reminders to both sides on the days after the
 * hand-over, an alert before the first debit, the "no lesson while billable" flag, and regular check-ins.
 * Every action has a key per occurrence, so running twice — or twice at once — does each at most once.
 */
export async function runFollowupSweep(deps: Deps): Promise<Record<string, number>> {
  const { db, clock } = deps;
  const [tz, today, reminderDays, alertDays, afterFirst, every] = await Promise.all([
    ORGANISATION_TIME_ZONE.read(db),
    organisationToday(db, clock),
    FIRST_LESSON_REMINDER_DAYS.read(db),
    FIRST_LESSON_ALERT_DAYS_BEFORE_DEBIT.read(db),
    CHECK_IN_AFTER_FIRST_LESSON_DAYS.read(db),
    CHECK_IN_EVERY_DAYS.read(db),
  ]);
  const now = clock.now().toISOString();
  const counts = { reminders: 0, alerts: 0, noLessonFlags: 0, checkIns: 0 };

  // 1. Reminders to fix the first lesson: only the latest reminder day reached is sent (no burst after downtime).
  const waiting = await assignmentsAwaitingFirstLesson(db);
  // Only the reminders not yet claimed: their keys are computed here and looked up in one indexed read per chunk,
  // so a re-run opens no transaction and reads no contact for a reminder already sent.
  const dueReminders = waiting.flatMap((a) => {
    const elapsed = daysBetween(dateInZone(new Date(a.handed_over_at as string), tz), today);
    const due = dueReminderDay(reminderDays, elapsed);
    return due && a.file_id ? [{ ...a, due, fileId: a.file_id }] : [];
  });
  const claimed = new Set<string>();
  for (const slice of slices(dueReminders, 400)) {
    const keys = slice.flatMap((a) => [
      `first-lesson-reminder:${a.id}:${a.due}:family`,
      `first-lesson-reminder:${a.id}:${a.due}:teacher`,
    ]);
    for (const key of await claimedKeys(db, keys)) claimed.add(key);
  }
  for (const a of dueReminders) {
    const { due, fileId } = a;
    if (
      claimed.has(`first-lesson-reminder:${a.id}:${due}:family`) &&
      claimed.has(`first-lesson-reminder:${a.id}:${due}:teacher`)
    )
      continue;
    const sent = await db.transaction().execute(async (tx) => {
      const file = await findFile(tx, fileId);
      if (!file) return 0;
      const fam = await familyContact(tx, file);
      const tc = await teacherContact(tx, a.teacher_id, fam.locale);
      let n = 0;
      if (fam.main?.email && (await claimOnce(tx, `first-lesson-reminder:${a.id}:${due}:family`, fileId, now))) {
        const link = await createAccessLink(deps, tx, {
          fileId,
          assignmentId: a.id,
          personId: fam.main.id,
          audience: 'family',
        });
        await deps.mailer.enqueue(tx, {
          to: fam.main.email,
          locale: fam.locale,
          mail: firstLessonReminderMail({
            name: fam.main.first_name,
            otherName: `${tc.person.first_name} ${tc.person.last_name}`,
            studentName: fam.student?.first_name ?? '',
            link,
          }),
          related: { type: 'lesson_file', id: fileId },
        });
        n += 1;
      }
      if (tc.person.email && (await claimOnce(tx, `first-lesson-reminder:${a.id}:${due}:teacher`, fileId, now))) {
        const link = await createAccessLink(deps, tx, {
          fileId,
          assignmentId: a.id,
          personId: a.teacher_id,
          audience: 'teacher',
        });
        await deps.mailer.enqueue(tx, {
          to: tc.person.email,
          locale: tc.locale,
          mail: firstLessonReminderMail({
            name: tc.person.first_name,
            otherName: fam.main ? `${fam.main.first_name} ${fam.main.last_name}` : fam.family.name,
            studentName: fam.student?.first_name ?? '',
            link,
          }),
          related: { type: 'lesson_file', id: fileId },
        });
        n += 1;
      }
      return n;
    });
    counts.reminders += sent;
  }

  // 2 and 3. Billable subscriptions: alert before the first debit without a date; flag when charged without a lesson.
  const billable = await billableSubscriptions(db, today);
  // Tasks are gathered, then created set-based: only the dedupe keys not taken yet are inserted (createTasksOnce).
  const flags: (NewTask & { dedupeKey: string })[] = [];
  for (const s of billable) {
    const hasLesson = Boolean(Number(s.has_lesson));
    const hasDate = Boolean(Number(s.has_date));
    const debitBy = s.first_debit_by as string;
    if (needsFirstLessonAlert({ hasLesson, hasDate, firstDebitBy: debitBy }, alertDays, today)) {
      flags.push({
        kind: 'first-lesson-alert',
        service: 'followup',
        title: `No first-lesson date and the first debit is due by ${debitBy}`,
        dueOn: today,
        fileId: s.file_id,
        familyId: s.family_id,
        dedupeKey: `first-lesson-alert:${s.id}:${s.billable_from}`,
      });
    }
    if (isChargedWithoutLesson({ hasLesson, firstDebitBy: debitBy }, today)) {
      flags.push({
        kind: 'no-lesson-while-billable',
        service: 'followup',
        title: 'Charged with no lesson recorded: check with the family and the teacher',
        dueOn: today,
        fileId: s.file_id,
        familyId: s.family_id,
        dedupeKey: `no-lesson-while-billable:${s.id}:${s.billable_from}`,
      });
    }
  }
  counts.alerts += await createTasksOnce(
    db,
    clock,
    flags.filter((t) => t.kind === 'first-lesson-alert'),
  );
  counts.noLessonFlags += await createTasksOnce(
    db,
    clock,
    flags.filter((t) => t.kind === 'no-lesson-while-billable'),
  );

  // 4. Check-ins: a first one shortly after the first lesson, then every `every` days.
  const ongoing = await ongoingAssignments(db);
  const checkIns: (NewTask & { dedupeKey: string })[] = [];
  for (const a of ongoing) {
    const occurrence = checkInOccurrence(a.first_lesson_on as string, today, afterFirst, every);
    if (occurrence === null) continue;
    checkIns.push({
      kind: 'check-in',
      service: 'followup',
      title: occurrence === 0 ? 'Check in after the first lesson' : 'Monthly check-in with the family and the teacher',
      dueOn: today,
      fileId: a.file_id,
      familyId: a.family_id,
      teacherId: a.teacher_id,
      dedupeKey: `check-in:${a.id}:${occurrence}`,
    });
  }
  counts.checkIns += await createTasksOnce(db, clock, checkIns);
  return counts;
}

/** The sweep the agency's manifest lists (registered by agency.module.ts until the app assembles manifests). */
export const followupSweep: Sweep = { name: 'agency-followup', run: runFollowupSweep };
