import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { addDays, dateInZone, daysBetween } from '../../platform/clock.js';
import { readSetting } from '../../platform/settings.js';
import { createTasksOnce, type NewTask } from '../../platform/tasks.js';
import { registerSweep } from '../../platform/jobs.js';
import { SETTING } from './agency.settings.js';
import { createAccessLink, familyContact, findFile, teacherContact } from './agency-core.js';
import { firstLessonReminderMail } from './agency.mails.js';

/** Claims an action key once; a second sweep (even a concurrent one on another instance) gets false. */
async function claimOnce(tx: Tx, key: string, fileId: string | null, at: string): Promise<boolean> {
  const result = await tx
    .insertInto('sweep_actions')
    .values({ key, file_id: fileId, done_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * The first-lesson and follow-up clock of every handed-over file: reminders to both sides on the days after the
 * hand-over, an alert before the first debit, the "no lesson while billable" flag, and regular check-ins.
 * Every action has a key per occurrence, so running twice — or twice at once — does each at most once.
 */
export async function runFollowupSweep(deps: Deps): Promise<Record<string, number>> {
  const { db, clock } = deps;
  const tz = await readSetting<string>(db, 'organisation.timeZone');
  const today = dateInZone(clock.now(), tz);
  const now = clock.now().toISOString();
  const [reminderDays, alertDays, afterFirst, every] = await Promise.all([
    readSetting<number[]>(db, SETTING.reminderDays),
    readSetting<number>(db, SETTING.alertDaysBeforeDebit),
    readSetting<number>(db, SETTING.checkInAfterFirstDays),
    readSetting<number>(db, SETTING.checkInEveryDays),
  ]);
  const counts = { reminders: 0, alerts: 0, noLessonFlags: 0, checkIns: 0 };

  // 1. Reminders to fix the first lesson: only the latest reminder day reached is sent (no burst after downtime).
  const waiting = await db
    .selectFrom('assignments')
    .innerJoin('lesson_files', 'lesson_files.id', 'assignments.file_id')
    .select(['assignments.id', 'assignments.file_id', 'assignments.teacher_id', 'assignments.handed_over_at'])
    .where('assignments.ended_on', 'is', null)
    .where('assignments.first_lesson_on', 'is', null)
    .where('assignments.handed_over_at', 'is not', null)
    .where('lesson_files.stage', '=', 'contact_handed_over')
    .execute();
  // Only the reminders not yet claimed: their keys are computed here and looked up in one indexed read per chunk,
  // so a re-run opens no transaction and reads no contact for a reminder already sent.
  const dueReminders = waiting.flatMap((a) => {
    const elapsed = daysBetween(dateInZone(new Date(a.handed_over_at as string), tz), today);
    const due = Math.max(0, ...reminderDays.filter((d) => d <= elapsed));
    return due && a.file_id ? [{ ...a, due, fileId: a.file_id }] : [];
  });
  const claimed = new Set<string>();
  for (let i = 0; i < dueReminders.length; i += 400) {
    const keys = dueReminders
      .slice(i, i + 400)
      .flatMap((a) => [
        `first-lesson-reminder:${a.id}:${a.due}:family`,
        `first-lesson-reminder:${a.id}:${a.due}:teacher`,
      ]);
    for (const row of await db.selectFrom('sweep_actions').select('key').where('key', 'in', keys).execute())
      claimed.add(row.key);
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
  const billable = await db
    .selectFrom('subscriptions')
    .innerJoin('lesson_files', 'lesson_files.id', 'subscriptions.file_id')
    .select([
      'subscriptions.id',
      'subscriptions.file_id',
      'subscriptions.family_id',
      'subscriptions.billable_from',
      'subscriptions.first_debit_by',
      'lesson_files.stage',
    ])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('lessons')
            .select('lessons.id')
            .whereRef('lessons.file_id', '=', 'subscriptions.file_id')
            .where('lessons.status', 'in', ['done', 'late']),
        )
        .as('has_lesson'),
      eb
        .exists(
          eb
            .selectFrom('assignments')
            .select('assignments.id')
            .whereRef('assignments.file_id', '=', 'subscriptions.file_id')
            .where('assignments.ended_on', 'is', null)
            .where('assignments.first_lesson_on', 'is not', null),
        )
        .as('has_date'),
    ])
    .where('subscriptions.status', '=', 'active')
    .where('subscriptions.billable_from', '<=', today)
    .where('subscriptions.first_debit_by', 'is not', null)
    .where('lesson_files.stage', 'in', ['contact_handed_over', 'first_lesson_scheduled', 'ongoing'])
    .execute();
  // Tasks are gathered, then created set-based: only the dedupe keys not taken yet are inserted (createTasksOnce).
  const flags: (NewTask & { dedupeKey: string })[] = [];
  for (const s of billable) {
    const hasLesson = Boolean(Number(s.has_lesson));
    const hasDate = Boolean(Number(s.has_date));
    const debitBy = s.first_debit_by as string;
    if (!hasLesson && !hasDate && addDays(debitBy, -alertDays) <= today) {
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
    if (!hasLesson && debitBy <= today) {
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
  const ongoing = await db
    .selectFrom('assignments')
    .innerJoin('lesson_files', 'lesson_files.id', 'assignments.file_id')
    .select([
      'assignments.id',
      'assignments.file_id',
      'assignments.family_id',
      'assignments.teacher_id',
      'assignments.first_lesson_on',
    ])
    .where('assignments.ended_on', 'is', null)
    .where('assignments.first_lesson_on', 'is not', null)
    .where('lesson_files.stage', '=', 'ongoing')
    .execute();
  const checkIns: (NewTask & { dedupeKey: string })[] = [];
  for (const a of ongoing) {
    const since = daysBetween(a.first_lesson_on as string, today) - afterFirst;
    if (since < 0) continue;
    const occurrence = Math.floor(since / every);
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

registerSweep({ name: 'agency-followup', run: runFollowupSweep });
