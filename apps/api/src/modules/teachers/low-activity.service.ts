import type { LowActivityReport } from '@contracts';
import type { LowActivityCallBody } from '@contracts';
import type { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/tables.js';
import { decodeCursor, encodeCursor, keysetAfter } from '../../platform/cursor.js';
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
    /**
     * Active teachers with fewer than `minLessons` given lessons since the period's start, by name, one keyset page
     * at a time. Walking the teachers in name order (an index) and counting each one's lessons on its own index
     * range stops after a page; ranking every teacher by count first meant counting a network's whole year.
     */
    async list(actor: Actor, query: { cursor?: string; limit: number } = { limit: 50 }): Promise<LowActivityReport> {
      requireRole(actor, 'followup', 'recruitment');
      const [periodDays, minLessons, timeZone] = await Promise.all([
        readSetting<number>(db, SETTINGS.lowActivityPeriodDays),
        readSetting<number>(db, SETTINGS.lowActivityMinLessons),
        readSetting<string>(db, 'organisation.timeZone'),
      ]);
      const today = dateInZone(clock.now(), timeZone);
      const since = addDays(today, -periodDays);
      const givenLessons = (eb: ExpressionBuilder<DB, 'teachers' | 'people'>) =>
        eb
          .selectFrom('lessons')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('lessons.teacher_id', '=', 'teachers.person_id')
          .where('lessons.lesson_date', '>=', since)
          .where('lessons.lesson_date', '<=', today)
          .where('lessons.status', 'in', ['done', 'late']);
      let q = db
        .selectFrom('people')
        .innerJoin('teachers', 'teachers.person_id', 'people.id')
        .select((eb) => [
          'teachers.person_id',
          'teachers.capacity_new_students',
          'people.first_name',
          'people.last_name',
          'people.phone',
          'people.email',
          givenLessons(eb).as('lessons'),
          eb
            .selectFrom('contact_log')
            .select((e) => e.fn.max('contact_log.at').as('at'))
            .whereRef('contact_log.person_id', '=', 'teachers.person_id')
            .where('contact_log.subject_type', '=', LOW_ACTIVITY_SUBJECT)
            .as('last_call_at'),
        ])
        .where('people.kind', '=', 'teacher')
        .where('teachers.status', '=', 'active')
        .where((eb) => eb(givenLessons(eb), '<', minLessons));
      const after = decodeCursor(query.cursor);
      if (after) {
        const [lastName, id] = after;
        q = q.where(keysetAfter('people.last_name', 'people.id', '>', [lastName, id]));
      }
      const rows = await q
        .orderBy('people.last_name')
        .orderBy('people.id')
        .limit(query.limit + 1)
        .execute();
      const page = rows.slice(0, query.limit);
      const ids = page.map((r) => r.person_id);
      const zonesOf = new Map<string, { kind: string; code: string }[]>();
      if (ids.length) {
        for (const z of await db
          .selectFrom('teacher_zones')
          .select(['teacher_id', 'kind', 'code'])
          .where('teacher_id', 'in', ids)
          .orderBy('code')
          .execute()) {
          zonesOf.set(z.teacher_id, [...(zonesOf.get(z.teacher_id) ?? []), { kind: z.kind, code: z.code }]);
        }
      }
      const last = page[page.length - 1];
      return {
        since,
        minLessons,
        items: page.map((r) => ({
          teacherId: r.person_id,
          firstName: r.first_name,
          lastName: r.last_name,
          phone: r.phone,
          email: r.email,
          lessons: Number(r.lessons ?? 0),
          capacityNewStudents: r.capacity_new_students,
          zones: zonesOf.get(r.person_id) ?? [],
          lastCallAt: (r.last_call_at as string | null) ?? null,
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.last_name, last.person_id]) : null,
      };
    },

    /** The "call" action: the conversation goes to the contact log, on the teacher. */
    async logCall(actor: Actor, teacherId: string, body: z.infer<typeof LowActivityCallBody>) {
      requireRole(actor, 'followup', 'recruitment');
      return db.transaction().execute(async (tx) => {
        const teacher = await tx
          .selectFrom('teachers')
          .select('person_id')
          .where('person_id', '=', teacherId)
          .executeTakeFirst();
        if (!teacher) throw notFound();
        return contacts.log(tx, actor, {
          channel: 'call',
          direction: 'out',
          personId: teacherId,
          subjectType: LOW_ACTIVITY_SUBJECT,
          subjectId: teacherId,
          summary: body.summary,
          outcome: body.outcome ?? null,
        });
      });
    },
  };
}
export type LowActivityService = ReturnType<typeof createLowActivityService>;
