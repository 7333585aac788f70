import type { ApplicationStatus, Locale, TeacherApplication, TeacherApplicationSummary } from '@contracts';
import {
  TeacherApplicationBody,
  type AcceptApplicationBody,
  type ApplicationTransitionBody,
  type InterviewBody,
} from '@contracts';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { TeacherApplicationsTable } from '../../db/tables.js';
import { ANONYMOUS, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, invalidField, notFound, stale, type FieldIssue } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/clock.js';
import { ORGANISATION_NAME, organisationToday } from '../../platform/settings.js';
import { addressForLimits, consumeRateLimit } from '../../platform/rate-limit.js';
import { refuseBrokenText } from '../../platform/text-guard.js';
import { createTask } from '../../platform/tasks.js';
import { resolvePlace } from '../../platform/places.js';
import type { PeopleService } from '../people/people.service.js';
import type { UsersService } from '../users/users.service.js';
import { SETTINGS } from './teachers.settings.js';
import { applicationReceivedMail } from './teachers.mail.js';
import type { TeacherDocumentsService } from './documents.service.js';
import type { TeacherProfileService } from './profile.service.js';
import type { Upload } from './upload.js';
import { applicationAcceptable, applicationMayMove, interviewOpen } from './teachers.rules.js';
import * as repo from './applications.repository.js';

type Json<T> = T;
function parseJson<T>(text: string, fallback: T): Json<T> {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

type InstrumentJson = { instrument: string; levelMin: number; levelMax: number; ageMin: number; ageMax: number };

function summary(row: TeacherApplicationsTable): TeacherApplicationSummary {
  return {
    id: row.id,
    status: row.status as ApplicationStatus,
    statusChangedAt: row.status_changed_at,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    city: row.city,
    instruments: parseJson<InstrumentJson[]>(row.instruments, []).map((i) => i.instrument),
    createdAt: row.created_at,
  };
}

/** zod issues of the JSON part become the same field errors as a JSON body's. */
function issuesToFields(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const message = /^[a-z_]+$/.test(issue.message)
      ? issue.message
      : issue.code === 'invalid_type' && /undefined/.test(issue.message)
        ? 'required'
        : 'invalid_value';
    return { field: issue.path.join('.'), code: message };
  });
}

/** Applications from the public site, the interview, and the decision (accept creates the teacher). */
export function createApplicationsService(
  deps: Deps,
  services: {
    people: PeopleService;
    users: UsersService;
    documents: TeacherDocumentsService;
    profile: TeacherProfileService;
  },
) {
  const { db, clock, mailer } = deps;
  const { documents } = services;

  async function find(tx: Tx, id: string): Promise<TeacherApplicationsTable> {
    const row = await repo.applicationById(tx, id);
    if (!row) throw notFound();
    return row;
  }

  async function detail(tx: Tx, id: string): Promise<TeacherApplication> {
    const row = await find(tx, id);
    return {
      ...summary(row),
      locale: row.locale as Locale,
      postalCode: row.postal_code,
      instrumentsTaught: parseJson<InstrumentJson[]>(row.instruments, []),
      styles: parseJson<string[]>(row.styles, []),
      zones: parseJson<{ kind: 'commune' | 'postal_code' | 'department'; code: string }[]>(row.zones, []),
      maxTravelKm: row.max_travel_km,
      teachesAtHome: row.teaches_at_home === 1,
      teachesAtSchool: row.teaches_at_school === 1,
      teachesOnline: row.teaches_online === 1,
      availability: parseJson<{ weekday: number; startMinute: number; endMinute: number }[]>(row.availability, []),
      background: row.background,
      approach: row.approach,
      message: row.message,
      interview: {
        background: row.interview_background,
        approach: row.interview_approach,
        conditionsExplained: row.interview_conditions_explained === 1,
        notes: row.interview_notes,
      },
      decisionReason: row.decision_reason,
      teacherId: row.teacher_id,
      documents: await documents.listForApplication(tx, id),
      version: row.version,
      updatedAt: row.updated_at,
    };
  }

  /** Changes the row under its version; the audit keeps before and after. */
  async function update(
    tx: Tx,
    actor: Actor,
    before: TeacherApplicationsTable,
    version: number,
    set: Partial<TeacherApplicationsTable>,
    action: string,
  ): Promise<void> {
    const now = clock.now().toISOString();
    const values = {
      ...set,
      updated_at: now,
      ...(set.status && set.status !== before.status ? { status_changed_at: now } : {}),
    };
    if (!(await repo.updateApplicationAtVersion(tx, before.id, version, values))) throw stale();
    await recordAudit(tx, clock, actor, {
      entityType: 'teacher-application',
      entityId: before.id,
      action,
      before: { ...before },
      after: { ...before, ...values },
    });
  }

  async function closeCallTask(tx: Tx, applicationId: string, outcome: string): Promise<void> {
    await repo.closeCallApplicantTask(tx, applicationId, outcome, clock.now().toISOString());
  }

  return {
    /**
     * The public form. Rate-limited per IP in the database; a filled honeypot is answered like a success and
     * stores nothing; the CV is checked by content before anything is written.
     */
    async submit(ip: string, upload: Upload): Promise<{ received: true }> {
      const perHour = await SETTINGS.applicationsPerIpPerHour.read(db);
      await consumeRateLimit(deps, `teacher-application:${addressForLimits(ip)}`, perHour, 3600);
      let raw: unknown;
      try {
        raw = JSON.parse(upload.fields.data ?? '');
      } catch {
        throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'data', code: 'invalid_value' }] });
      }
      refuseBrokenText(raw); // named like the form's own field errors
      const parsed = TeacherApplicationBody.safeParse(raw);
      if (!parsed.success) throw new DomainError('VALIDATION_FAILED', { fields: issuesToFields(parsed.error) });
      const body = parsed.data;
      if (body.website) return { received: true };

      const id = newId();
      const doc = await documents.storeFile(ANONYMOUS, upload.file, { applicationId: id }, 'cv');
      const actor: Actor = { kind: 'anonymous', label: body.email };
      await documents.insertOrDiscard(doc, async (tx) => {
        const now = clock.now().toISOString();
        const row: TeacherApplicationsTable = {
          id,
          status: 'new',
          status_changed_at: now,
          first_name: body.firstName,
          last_name: body.lastName,
          email: body.email,
          phone: body.phone ?? null,
          locale: body.locale,
          postal_code: body.postalCode ?? null,
          city: body.city ?? null,
          instruments: JSON.stringify(body.instruments),
          styles: JSON.stringify([...new Set(body.styles)]),
          zones: JSON.stringify(body.zones),
          availability: JSON.stringify(body.availability),
          max_travel_km: body.maxTravelKm ?? null,
          teaches_at_home: body.teachesAtHome ? 1 : 0,
          teaches_at_school: body.teachesAtSchool ? 1 : 0,
          teaches_online: body.teachesOnline ? 1 : 0,
          background: body.background,
          approach: body.approach,
          message: body.message ?? null,
          interview_background: null,
          interview_approach: null,
          interview_conditions_explained: 0,
          interview_notes: null,
          decision_reason: null,
          teacher_id: null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await repo.insertApplication(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'teacher-application',
          entityId: id,
          action: 'create',
          after: { ...row },
        });
        await documents.insertRow(tx, actor, doc);
        const today = await organisationToday(tx, clock);
        await createTask(tx, clock, {
          kind: 'call-applicant',
          service: 'followup',
          title: `Appeler ${body.firstName} ${body.lastName} (candidature professeur)`,
          dueOn: addDays(today, 2),
          dedupeKey: `call-applicant:${id}`,
        });
        const organisation = await ORGANISATION_NAME.read(tx);
        await mailer.enqueue(tx, {
          to: body.email,
          locale: body.locale,
          mail: applicationReceivedMail({ name: body.firstName, organisation }),
          related: { type: 'teacher-application', id },
        });
      });
      await mailer.flush();
      return { received: true };
    },

    async list(actor: Actor, filter: { status?: ApplicationStatus }): Promise<TeacherApplicationSummary[]> {
      requirePermission(actor, 'teachers.manage');
      return (await repo.applicationsByLastMove(db, filter)).map(summary);
    },

    async get(actor: Actor, id: string): Promise<TeacherApplication> {
      requirePermission(actor, 'teachers.manage');
      return detail(db, id);
    },

    async recordInterview(actor: Actor, id: string, body: z.infer<typeof InterviewBody>): Promise<TeacherApplication> {
      requirePermission(actor, 'teachers.manage');
      return db.transaction().execute(async (tx) => {
        const before = await find(tx, id);
        if (!interviewOpen(before.status)) throw new DomainError('APPLICATION_TRANSITION_INVALID');
        await update(
          tx,
          actor,
          before,
          body.version,
          {
            interview_background: body.background ?? null,
            interview_approach: body.approach ?? null,
            interview_conditions_explained: body.conditionsExplained ? 1 : 0,
            interview_notes: body.notes ?? null,
          },
          'interview',
        );
        return detail(tx, id);
      });
    },

    async transition(
      actor: Actor,
      id: string,
      body: z.infer<typeof ApplicationTransitionBody>,
    ): Promise<TeacherApplication> {
      requirePermission(actor, 'teachers.manage');
      if (body.to === 'declined' && !body.reason) throw invalidField('reason', 'DECLINE_REASON_REQUIRED');
      return db.transaction().execute(async (tx) => {
        const before = await find(tx, id);
        if (!applicationMayMove(before.status as ApplicationStatus, body.to))
          throw new DomainError('APPLICATION_TRANSITION_INVALID');
        await update(
          tx,
          actor,
          before,
          body.version,
          { status: body.to, ...(body.reason ? { decision_reason: body.reason } : {}) },
          body.to,
        );
        if (body.to !== 'interview_done') await closeCallTask(tx, id, body.to);
        if (body.to === 'interview_done') await closeCallTask(tx, id, 'interview done');
        return detail(tx, id);
      });
    },

    /**
     * Onboarding: the teacher (person, teachers row, instruments, zones, availability) is created FROM the
     * application, the CV moves to the teacher's documents, and a teacher account is invited by e-mail.
     */
    async accept(actor: Actor, id: string, body: z.infer<typeof AcceptApplicationBody>): Promise<TeacherApplication> {
      requirePermission(actor, 'teachers.manage');
      const result = await db.transaction().execute(async (tx) => {
        const app = await find(tx, id);
        const acceptable = applicationAcceptable(app);
        if (acceptable !== 'ok') throw new DomainError(acceptable);
        const person = await services.people.insertPerson(tx, actor, {
          kind: 'teacher',
          firstName: app.first_name,
          lastName: app.last_name,
          email: app.email,
          phone: app.phone,
        });
        const now = clock.now().toISOString();
        await repo.insertActiveTeacher(tx, person.id, now);
        await recordAudit(tx, clock, actor, {
          entityType: 'teacher',
          entityId: person.id,
          action: 'create',
          summary: `from application ${id}`,
        });
        const zones = parseJson<{ kind: string; code: string }[]>(app.zones, []);
        if (!zones.length && app.postal_code) zones.push({ kind: 'postal_code', code: app.postal_code });
        await services.profile.writeProfile(
          tx,
          actor,
          person.id,
          {
            bio: null,
            instruments: parseJson<InstrumentJson[]>(app.instruments, []),
            styles: parseJson<string[]>(app.styles, []),
            zones,
            availability: parseJson<{ weekday: number; startMinute: number; endMinute: number }[]>(
              app.availability,
              [],
            ),
            maxTravelKm: app.max_travel_km,
            teachesAtHome: app.teaches_at_home === 1,
            teachesAtSchool: app.teaches_at_school === 1,
            teachesOnline: app.teaches_online === 1,
            capacityNewStudents: null,
            address: null,
          },
          null,
        );
        // The applicant gave a postal code, not a street: enough to place them until they complete their address.
        const place = app.postal_code ? resolvePlace({ postalCode: app.postal_code, city: app.city }) : null;
        if (place) {
          await repo.setTeacherPlace(tx, person.id, {
            postal_code: place.postalCode,
            city: app.city ?? place.commune,
            insee_code: place.inseeCode,
            latitude: place.latitude,
            longitude: place.longitude,
          });
        }
        await repo.moveApplicationDocuments(tx, id, person.id);
        await services.users.createInvitedUser(tx, actor, {
          email: app.email,
          displayName: `${app.first_name} ${app.last_name}`,
          roles: ['teacher'],
          locale: app.locale as Locale,
          personId: person.id,
        });
        await update(tx, actor, app, body.version, { status: 'accepted', teacher_id: person.id }, 'accepted');
        await closeCallTask(tx, id, 'accepted');
        return detail(tx, id);
      });
      await mailer.flush();
      return result;
    },
  };
}
export type ApplicationsService = ReturnType<typeof createApplicationsService>;
