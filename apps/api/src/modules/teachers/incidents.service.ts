import type { TeacherIncident } from '@contracts';
import type { ReportIncidentBody } from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { TeacherIncidentsTable } from '../../db/tables.js';
import { requireUser, type Actor } from '../../platform/actor.js';
import { can } from '../../platform/access.js';
import { assertStaffRead } from './teacher-access.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import { SETTINGS } from './teachers.settings.js';
import { teacherNames } from './teachers.repository.js';
import { incidentWindowStart, repeatedIncidents } from './teachers.rules.js';
import * as repo from './incidents.repository.js';

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

  return {
    async report(actor: Actor, teacherId: string, body: z.infer<typeof ReportIncidentBody>): Promise<TeacherIncident> {
      const user = requireUser(actor);
      return db.transaction().execute(async (tx) => {
        const teacher = await teacherNames(tx, teacherId);
        if (!teacher) throw notFound();
        let familyId: string | null = null;
        let reporterKind: 'family' | 'staff';
        if (can(user, 'teachers.reportIncident')) {
          reporterKind = 'staff';
        } else if (user.roles.has('guardian')) {
          // A family reports only about a teacher who teaches (or taught) one of its students.
          reporterKind = 'family';
          familyId = user.personId ? await repo.familyOfPerson(tx, user.personId) : null;
          const taught = familyId && (await repo.teacherTaughtFamily(tx, teacherId, familyId));
          if (!taught) throw forbidden();
        } else throw forbidden();
        if (body.fileId) {
          const file = await repo.lessonFileFamily(tx, body.fileId);
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
        await repo.insertIncident(tx, row);
        await recordAudit(tx, clock, user, {
          entityType: 'teacher',
          entityId: teacherId,
          action: 'incident-reported',
          after: { ...row },
        });

        const today = await organisationToday(tx, clock);
        const [threshold, windowDays] = await Promise.all([
          SETTINGS.incidentThreshold.read(tx),
          SETTINGS.incidentWindowDays.read(tx),
        ]);
        const recent = await repo.incidentsSince(tx, teacherId, incidentWindowStart(today, windowDays));
        const oldest = repeatedIncidents(recent, threshold);
        if (oldest) {
          await createTask(tx, clock, {
            kind: 'call-both-sides',
            service: 'followup',
            title: `Incidents répétés : appeler ${teacher.first_name} ${teacher.last_name} et les familles concernées`,
            // no stored sentence: the office words the task from its kind in the reader's language, and the
            // teacher's page, where the task leads, lists the incidents
            details: null,
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
      const rows = await repo.incidentsOfTeacher(db, teacherId);
      return rows.map(toIncident);
    },
  };
}
export type IncidentsService = ReturnType<typeof createIncidentsService>;
