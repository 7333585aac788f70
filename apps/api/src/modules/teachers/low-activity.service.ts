import type { LowActivityReport } from '@contracts';
import type { LowActivityCallBody } from '@contracts';
import type { z } from 'zod';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { organisationToday } from '../../platform/settings.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import { SETTINGS } from './teachers.settings.js';
import { teacherExists } from './teachers.repository.js';
import { lowActivityPeriod } from './teachers.rules.js';
import { LOW_ACTIVITY_SUBJECT, lowActivityTeachersPage, zonesOfTeachers } from './low-activity.repository.js';

/** Teachers with few recorded lessons over a period, listed for a friendly follow-up call. */
export function createLowActivityService(deps: Deps, contacts: ContactsService) {
  const { db, clock } = deps;

  /** The low-activity rule's teachers (`hasLowActivity` over `lowActivityPeriod`), a page in name order. */
  async function lowActivityPage(query: { cursor?: string; limit: number }) {
    const [periodDays, minLessons, today] = await Promise.all([
      SETTINGS.lowActivityPeriodDays.read(db),
      SETTINGS.lowActivityMinLessons.read(db),
      organisationToday(db, clock),
    ]);
    const { since, until } = lowActivityPeriod(today, periodDays);
    const rows = await lowActivityTeachersPage(db, {
      since,
      until,
      minLessons,
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    return { since, minLessons, ...keysetPage(rows, query.limit, (r) => [r.last_name, r.person_id]) };
  }

  return {
    /**
     * The same teachers for another module's page that has checked its own access (the agency dashboard's "few
     * lessons"): one definition of low activity, whoever shows it. The first `limit`, least busy first.
     */
    async fewLessonTeachers(limit: number) {
      const { since, minLessons, page } = await lowActivityPage({ limit });
      return {
        since,
        minLessons,
        items: page
          .map((r) => ({
            teacherId: r.person_id,
            name: `${r.first_name} ${r.last_name}`,
            lessons: Number(r.lessons ?? 0),
          }))
          .sort((a, b) => a.lessons - b.lessons),
      };
    },

    /** Active teachers with fewer than `minLessons` given lessons since the period's start, by name, a page at a time. */
    async list(actor: Actor, query: { cursor?: string; limit: number } = { limit: 50 }): Promise<LowActivityReport> {
      requirePermission(actor, 'teachers.followActivity');
      const { since, minLessons, page, nextCursor } = await lowActivityPage(query);
      const ids = page.map((r) => r.person_id);
      const zonesOf = new Map<string, { kind: string; code: string }[]>();
      if (ids.length) {
        for (const z of await zonesOfTeachers(db, ids)) {
          zonesOf.set(z.teacher_id, [...(zonesOf.get(z.teacher_id) ?? []), { kind: z.kind, code: z.code }]);
        }
      }
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
        nextCursor,
      };
    },

    /** The "call" action: the conversation goes to the contact log, on the teacher. */
    async logCall(actor: Actor, teacherId: string, body: z.infer<typeof LowActivityCallBody>) {
      requirePermission(actor, 'teachers.followActivity');
      return db.transaction().execute(async (tx) => {
        if (!(await teacherExists(tx, teacherId))) throw notFound();
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
