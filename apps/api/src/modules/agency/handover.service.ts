import type { Deps } from '../../platform/deps.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { DomainError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { readSetting } from '../../platform/settings.js';
import { SETTING } from './agency.settings.js';
import {
  LEVEL_LABEL,
  addDays,
  assertFileAccess,
  changeStage,
  createAccessLink,
  familyContact,
  requireStage,
  teacherContact,
  todayIn,
} from './agency-core.js';
import { handoverFamilyMail, handoverTeacherMail } from './agency.mails.js';

/**
 * The contact hand-over: the assignment starts, the billing clock starts (billable from today, first debit
 * within the setting's delay), and each side gets the other's contact with a signed link for the first lesson.
 */
export function createHandoverService(deps: Deps) {
  const { db, clock } = deps;
  return {
    async handOver(actor: Actor, fileId: string, teacherId: string) {
      requireRole(actor, 'recruitment');
      const result = await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, 'matching');
        const subscription = await tx
          .selectFrom('subscriptions')
          .selectAll()
          .where('file_id', '=', fileId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (!subscription) throw new DomainError('NO_SUBSCRIPTION', { status: 409 });
        const teacher = await tx
          .selectFrom('teachers')
          .select(['status'])
          .where('person_id', '=', teacherId)
          .executeTakeFirst();
        // Never a suspended or excluded teacher, whatever the screen showed a minute ago.
        if (!teacher || teacher.status !== 'active')
          throw new DomainError('TEACHER_NOT_AVAILABLE', {
            status: 422,
            fields: [{ field: 'teacherId', code: 'TEACHER_NOT_AVAILABLE' }],
          });
        const today = await todayIn(deps, tx);
        const now = clock.now().toISOString();
        const assignment = {
          id: newId(),
          student_id: file.student_id,
          teacher_id: teacherId,
          family_id: file.family_id,
          started_on: today,
          ended_on: null,
          end_reason: null,
          created_at: now,
          updated_at: now,
          version: 1,
          file_id: fileId,
          handed_over_at: now,
          first_lesson_on: null,
          first_lesson_recorded_by: null,
          could_not_reach_at: null,
        };
        await tx.insertInto('assignments').values(assignment).execute();
        await recordAudit(tx, clock, actor, {
          entityType: 'assignment',
          entityId: assignment.id,
          action: 'create',
          after: assignment,
          summary: 'contact handed over',
        });

        const delay = await readSetting<number>(tx, SETTING.firstDebitDays);
        const subSet = {
          status: 'active',
          billable_from: today,
          first_debit_by: addDays(today, delay),
          updated_at: now,
          version: subscription.version + 1,
        };
        const updated = await tx
          .updateTable('subscriptions')
          .set(subSet)
          .where('id', '=', subscription.id)
          .where('version', '=', subscription.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('STALE_RECORD');
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: subscription.id,
          action: 'update',
          before: subscription,
          after: { ...subscription, ...subSet },
          summary: 'billing clock starts at the hand-over',
        });

        const fam = await familyContact(tx, file);
        const tc = await teacherContact(tx, teacherId, fam.locale);
        const teacherName = `${tc.person.first_name} ${tc.person.last_name}`;
        const studentName = fam.student ? `${fam.student.first_name} ${fam.student.last_name}` : '';
        const recipients: string[] = [];
        if (fam.main?.email) {
          const link = await createAccessLink(deps, tx, {
            fileId,
            assignmentId: assignment.id,
            personId: fam.main.id,
            audience: 'family',
          });
          await deps.mailer.enqueue(tx, {
            to: fam.main.email,
            locale: fam.locale,
            mail: handoverFamilyMail({
              name: fam.main.first_name,
              studentName: fam.student?.first_name ?? '',
              instrument: file.instrument,
              teacher: { name: teacherName, email: tc.person.email, phone: tc.person.phone },
              link,
            }),
            related: { type: 'lesson_file', id: fileId },
          });
          recipients.push(fam.main.email);
        }
        if (tc.person.email) {
          const link = await createAccessLink(deps, tx, {
            fileId,
            assignmentId: assignment.id,
            personId: teacherId,
            audience: 'teacher',
          });
          await deps.mailer.enqueue(tx, {
            to: tc.person.email,
            locale: tc.locale,
            mail: handoverTeacherMail({
              name: tc.person.first_name,
              studentName,
              instrument: file.instrument,
              level: LEVEL_LABEL[tc.locale][file.level] ?? String(file.level),
              family: {
                name: fam.main ? `${fam.main.first_name} ${fam.main.last_name}` : fam.family.name,
                email: fam.main?.email ?? null,
                phone: fam.main?.phone ?? null,
              },
              city: file.city,
              link,
            }),
            related: { type: 'lesson_file', id: fileId },
          });
          recipients.push(tc.person.email);
        }
        await changeStage(deps, tx, actor, file, 'contact_handed_over', `contact of ${teacherName} handed over`);
        return {
          assignmentId: assignment.id,
          billableFrom: subSet.billable_from,
          firstDebitBy: subSet.first_debit_by,
          mailedTo: recipients,
        };
      });
      await deps.mailer.flush();
      return { id: fileId, ...result };
    },
  };
}
export type HandoverService = ReturnType<typeof createHandoverService>;
