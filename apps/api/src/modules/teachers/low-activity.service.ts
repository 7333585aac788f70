import type { LowActivityReport } from '@contracts';
import type { LowActivityCallBody } from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { readSetting } from '../../platform/settings.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import { SETTINGS } from './teachers.settings.js';

export const LOW_ACTIVITY_SUBJECT = 'teacher-low-activity';

/** Teachers with few recorded lessons over a period, listed for a friendly follow-up call. */
export function createLowActivityService(deps: Deps, contacts: ContactsService) {
  const { db, clock } = deps;

  return {
    async list(actor: Actor): Promise<LowActivityReport> {
      requireRole(actor, 'followup', 'recruitment');
      const [periodDays, minLessons, timeZone] = await Promise.all([readSetting<number>(db, SETTINGS.lowActivityPeriodDays), readSetting<number>(db, SETTINGS.lowActivityMinLessons), readSetting<string>(db, 'organisation.timeZone')]);
      const today = dateInZone(clock.now(), timeZone);
      const since = addDays(today, -periodDays);
      const rows = await db
        .selectFrom('teachers')
        .innerJoin('people', 'people.id', 'teachers.person_id')
        .select((eb) => [
          'teachers.person_id',
          'teachers.capacity_new_students',
          'people.first_name',
          'people.last_name',
          'people.phone',
          'people.email',
          eb
            .selectFrom('lessons')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('lessons.teacher_id', '=', 'teachers.person_id')
            .where('lessons.lesson_date', '>=', since)
            .where('lessons.lesson_date', '<=', today)
            .where('lessons.status', 'in', ['done', 'late'])
            .as('lessons'),
          eb
            .selectFrom('contact_log')
            .select((e) => e.fn.max('contact_log.at').as('at'))
            .whereRef('contact_log.person_id', '=', 'teachers.person_id')
            .where('contact_log.subject_type', '=', LOW_ACTIVITY_SUBJECT)
            .as('last_call_at'),
        ])
        .where('teachers.status', '=', 'active')
        .orderBy('people.last_name')
        .orderBy('people.first_name')
        .execute();
      const low = rows.filter((r) => Number(r.lessons ?? 0) < minLessons);
      const ids = low.map((r) => r.person_id);
      const zones = ids.length ? await db.selectFrom('teacher_zones').select(['teacher_id', 'kind', 'code']).where('teacher_id', 'in', ids).orderBy('code').execute() : [];
      return {
        since,
        minLessons,
        items: low
          .sort((a, b) => Number(a.lessons ?? 0) - Number(b.lessons ?? 0))
          .map((r) => ({
            teacherId: r.person_id,
            firstName: r.first_name,
            lastName: r.last_name,
            phone: r.phone,
            email: r.email,
            lessons: Number(r.lessons ?? 0),
            capacityNewStudents: r.capacity_new_students,
            zones: zones.filter((z) => z.teacher_id === r.person_id).map((z) => ({ kind: z.kind, code: z.code })),
            lastCallAt: (r.last_call_at as string | null) ?? null,
          })),
      };
    },

    /** The "call" action: the conversation goes to the contact log, on the teacher. */
    async logCall(actor: Actor, teacherId: string, body: z.infer<typeof LowActivityCallBody>) {
      requireRole(actor, 'followup', 'recruitment');
      return db.transaction().execute(async (tx) => {
        const teacher = await tx.selectFrom('teachers').select('person_id').where('person_id', '=', teacherId).executeTakeFirst();
        if (!teacher) throw notFound();
        return contacts.log(tx, actor, { channel: 'call', direction: 'out', personId: teacherId, subjectType: LOW_ACTIVITY_SUBJECT, subjectId: teacherId, summary: body.summary, outcome: body.outcome ?? null });
      });
    },
  };
}
export type LowActivityService = ReturnType<typeof createLowActivityService>;
