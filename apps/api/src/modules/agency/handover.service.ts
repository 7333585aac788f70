import type { Locale } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, invalidField } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { FIRST_DEBIT_DAYS } from './agency.settings.js';
import { LEVEL_LABEL } from './agency.labels.js';
import { assertFileAccess } from './files.access.js';
import { updateSubscriptionAt } from './files.repository.js';
import { insertAssignment, pendingSubscription } from './handover.repository.js';
import { firstDebitDeadline } from './handover.rules.js';
import { createAccessLink, familyContact, teacherContact } from './links.service.js';
import type { HardFilter } from './matching/matching.rules.js';
import { createMatchingService } from './matching/matching.service.js';
import { requireStage } from './stages.rules.js';
import { changeStage } from './stages.service.js';
import { handoverFamilyMail, handoverTeacherMail } from './agency.mails.js';

/**
 * The contact hand-over: the assignment starts, the billing clock starts (billable from today, first debit
 * within the setting's delay), and each side gets the other's contact with a signed link for the first lesson.
 */
/** The refusal of a hand-over, by the hard filter the teacher fails. */
const HANDOVER_REFUSAL: Record<HardFilter, string> = {
  instrument: 'HANDOVER_INSTRUMENT',
  suspension: 'HANDOVER_SUSPENDED',
  level: 'HANDOVER_LEVEL',
  age: 'HANDOVER_AGE',
  place: 'HANDOVER_PLACE',
  distance: 'HANDOVER_DISTANCE',
  capacity: 'HANDOVER_CAPACITY',
  availability: 'HANDOVER_AVAILABILITY',
  previous: 'HANDOVER_PREVIOUS',
};

export function createHandoverService(deps: Deps) {
  const { db, clock } = deps;
  const matching = createMatchingService(deps);
  return {
    async handOver(
      actor: Actor,
      fileId: string,
      body: { teacherId: string; widenKm?: number; asOnline?: boolean },
      locale: Locale = 'fr',
    ) {
      const { teacherId } = body;
      const search = { widenKm: body.widenKm ?? 0, asOnline: body.asOnline ?? false };
      requirePermission(actor, 'agency.recruit');
      const result = await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        requireStage(file, 'matching');
        const subscription = await pendingSubscription(tx, fileId);
        if (!subscription) throw new DomainError('NO_SUBSCRIPTION');
        // Every hard filter again, whatever the screen showed a minute ago (a suspension, a place taken since…), under
        // the search the page showed; a former teacher may be chosen again.
        const check = await matching.recheck(tx, fileId, teacherId, { ...search, locale });
        if (check.filter) throw invalidField('teacherId', HANDOVER_REFUSAL[check.filter]);
        const { candidate } = check;
        const today = await organisationToday(tx, clock);
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
          // The reasons of the choice, kept on the file as the page showed them.
          choice_reasons: JSON.stringify({
            score: candidate.score,
            distanceKm: candidate.distanceKm,
            fit: candidate.fit,
            parts: candidate.parts.map(({ key, reason, points, weight }) => ({ key, reason, points, weight })),
            ...search,
          }),
        };
        await insertAssignment(tx, assignment);
        await recordAudit(tx, clock, actor, {
          entityType: 'assignment',
          entityId: assignment.id,
          action: 'create',
          after: assignment,
          summary: 'contact handed over',
        });

        const delay = await FIRST_DEBIT_DAYS.read(tx);
        const subSet = {
          status: 'active',
          billable_from: today,
          first_debit_by: firstDebitDeadline(today, delay),
          updated_at: now,
          version: subscription.version + 1,
        };
        if ((await updateSubscriptionAt(tx, subscription.id, subscription.version, subSet)) !== 1)
          throw new DomainError('STALE_RECORD');
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
