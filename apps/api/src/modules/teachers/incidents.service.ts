import type { TeacherIncident } from '@contracts';
import type { ReportIncidentBody } from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { TeacherIncidentsTable } from '../../db/tables.js';
import { hasRole, requireUser, type Actor } from '../../platform/actor.js';
import { assertStaffRead } from './teacher-access.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { readSetting } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import { SETTINGS } from './teachers.settings.js';

/** Staff who hear about incidents and may record them (the board only reads). */
const INCIDENT_REPORTERS = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'] as const;

function toIncident(r: TeacherIncidentsTable): TeacherIncident {
  return {
    id: r.id,
    teacherId: r.teacher_id,
    kind: r.kind as TeacherIncident['kind'],
    occurredOn: r.occurred_on,
    description: r.description,
    fileId: r.file_id,
    reporterKind: r.reporter_kind as 'family' | 'staff',
    reporterName: r.reporter_name,
    createdAt: r.created_at,
  };
}

/**
 * Incidents about a teacher (lateness, last-minute cancellations, behaviour), from families and staff. Repeated
 * incidents within the window give followup one "call both sides" task: its key is the oldest incident of the
 * window, so more incidents in the same run of trouble do not pile up tasks, and a new run later gets a new one.
 */
export function createIncidentsService(deps: Deps) {
  const { db, clock } = deps;

  async function familyOf(tx: Tx, personId: string | null): Promise<string | null> {
    if (!personId) return null;
    const row = await tx.selectFrom('people').select('family_id').where('id', '=', personId).executeTakeFirst();
    return row?.family_id ?? null;
  }

  return {
    async report(actor: Actor, teacherId: string, body: z.infer<typeof ReportIncidentBody>): Promise<TeacherIncident> {
      const user = requireUser(actor);
      return db.transaction().execute(async (tx) => {
        const teacher = await tx
          .selectFrom('teachers')
          .innerJoin('people', 'people.id', 'teachers.person_id')
          .select(['people.first_name', 'people.last_name'])
          .where('person_id', '=', teacherId)
          .executeTakeFirst();
        if (!teacher) throw notFound();
        let familyId: string | null = null;
        let reporterKind: 'family' | 'staff';
        if (hasRole(user, ...INCIDENT_REPORTERS)) {
          reporterKind = 'staff';
        } else if (user.roles.has('guardian')) {
          // A family reports only about a teacher who teaches (or taught) one of its students.
          reporterKind = 'family';
          familyId = await familyOf(tx, user.personId);
          const taught =
            familyId &&
            (await tx
              .selectFrom('assignments')
              .select('id')
              .where('teacher_id', '=', teacherId)
              .where('family_id', '=', familyId)
              .executeTakeFirst());
          if (!taught) throw forbidden();
        } else throw forbidden();
        if (body.fileId) {
          const file = await tx
            .selectFrom('lesson_files')
            .select(['id', 'family_id'])
            .where('id', '=', body.fileId)
            .executeTakeFirst();
          if (!file || (reporterKind === 'family' && file.family_id !== familyId))
            throw new DomainError('NOT_FOUND', { fields: [{ field: 'fileId', code: 'NOT_FOUND' }] });
          familyId ??= file.family_id;
        }
        const now = clock.now().toISOString();
        const row: TeacherIncidentsTable = {
          id: newId(),
          teacher_id: teacherId,
          kind: body.kind,
          occurred_on: body.occurredOn,
          description: body.description,
          file_id: body.fileId ?? null,
          family_id: familyId,
          reporter_kind: reporterKind,
          reported_by: user.userId,
          reporter_name: user.displayName,
          created_at: now,
        };
        await tx.insertInto('teacher_incidents').values(row).execute();
        await recordAudit(tx, clock, user, {
          entityType: 'teacher',
          entityId: teacherId,
          action: 'incident-reported',
          after: { ...row },
        });

        const today = dateInZone(clock.now(), await readSetting<string>(tx, 'organisation.timeZone'));
        const [threshold, windowDays] = await Promise.all([
          readSetting<number>(tx, SETTINGS.incidentThreshold),
          readSetting<number>(tx, SETTINGS.incidentWindowDays),
        ]);
        const recent = await tx
          .selectFrom('teacher_incidents')
          .select(['id', 'occurred_on'])
          .where('teacher_id', '=', teacherId)
          .where('occurred_on', '>', addDays(today, -windowDays))
          .orderBy('occurred_on')
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        const oldest = recent[0];
        if (recent.length >= threshold && oldest) {
          await createTask(tx, clock, {
            kind: 'call-both-sides',
            service: 'followup',
            title: `Incidents répétés : appeler ${teacher.first_name} ${teacher.last_name} et les familles concernées`,
            details: `${recent.length} incident(s) in ${windowDays} days`,
            dueOn: addDays(today, 1),
            teacherId,
            fileId: body.fileId ?? null,
            dedupeKey: `call-both-sides:${teacherId}:${oldest.id}`,
          });
        }
        return toIncident(row);
      });
    },

    async list(actor: Actor, teacherId: string): Promise<TeacherIncident[]> {
      assertStaffRead(actor);
      const rows = await db
        .selectFrom('teacher_incidents')
        .selectAll()
        .where('teacher_id', '=', teacherId)
        .orderBy('occurred_on', 'desc')
        .orderBy('created_at', 'desc')
        .limit(500)
        .execute();
      return rows.map(toIncident);
    },
  };
}
export type IncidentsService = ReturnType<typeof createIncidentsService>;
