import {
  ADMISSION_DOCUMENTS,
  HEARD_FROM,
  type AdmissionBody,
  type AdmissionForm,
  type AdmissionReceipt,
  type MyEnrolments,
  type SchoolRegistrations,
} from '@contracts';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { guardianFamilyId, requirePermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addressForLimits, consumeRateLimit } from '../../platform/rate-limit.js';
import { defineSetting, organisationToday } from '../../platform/settings.js';
import { createPeopleService } from '../people/people.service.js';
import { insertFamilyRow } from '../people/people.repository.js';
import { familyWithContact } from '../agency/requests.repository.js';
import type { UsersService } from '../users/users.service.js';
import type { SchoolsService } from './schools.service.js';
import { findSchool, findSeason } from './schools.repository.js';
import * as repo from './admission.repository.js';
import { admissionProblems, isMinorOn } from './admission.rules.js';
import { admissionConfirmedMail } from './admission.mail.js';

/** Public enrolments per address and period, like the agency's public requests. */
export const ADMISSION_RATE_LIMIT = defineSetting(
  'schools.admissionRateLimit',
  { limit: 10, windowMinutes: 60 },
  z.object({ limit: z.number().int().min(1).max(10_000), windowMinutes: z.number().int().min(1).max(1440) }),
);

/** Administrative enrolment of new students at a school (issue 15, item 1). */
export function createAdmissionService(deps: Deps, schools: SchoolsService, users: UsersService) {
  const { db, clock } = deps;
  const people = createPeopleService(deps);

  async function formOf(tx: Tx, schoolId: string): Promise<AdmissionForm> {
    const school = await findSchool(tx, schoolId);
    if (!school) throw notFound();
    const season = await repo.seasonForAdmission(tx, await organisationToday(tx, clock));
    if (!season) throw new DomainError('NO_OPEN_SEASON');
    return {
      schoolId,
      schoolName: school.name,
      seasonId: season.id,
      seasonName: season.name,
      documents: [...ADMISSION_DOCUMENTS],
      heardFrom: [...HEARD_FROM],
    };
  }

  /** A known family with one of these e-mails or phones (as the agency's requests): flagged, never merged. */
  async function knownFamily(tx: Tx, body: AdmissionBody): Promise<string | null> {
    const match = await familyWithContact(
      tx,
      body.guardians.map((g) => g.email),
      body.guardians.map((g) => g.phone),
    );
    return match?.family_id ?? null;
  }

  async function complete(body: AdmissionBody, schoolId: string): Promise<AdmissionReceipt> {
    const actor: Actor = { kind: 'anonymous', label: 'enrolment form' };
    const receipt = await db.transaction().execute(async (tx) => {
      const form = await formOf(tx, schoolId);
      const today = await organisationToday(tx, clock);
      const problems = admissionProblems(body, today);
      if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
      const duplicateOf = await knownFamily(tx, body);
      const now = clock.now().toISOString();
      const family = {
        id: newId(),
        name: body.familyName,
        billing_line1: body.billingAddress.line1,
        billing_line2: body.billingAddress.line2 ?? null,
        billing_postal_code: body.billingAddress.postalCode,
        billing_city: body.billingAddress.city,
        billing_country: body.billingAddress.country,
        contact_preference: 'email',
        locale: body.locale,
        notes: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await insertFamilyRow(tx, family);
      await recordAudit(tx, clock, actor, {
        entityType: 'family',
        entityId: family.id,
        action: 'create',
        after: family,
        summary: 'school enrolment form',
      });
      const guardians = [];
      for (const g of body.guardians)
        guardians.push(await people.insertPerson(tx, actor, { kind: 'guardian', ...g, familyId: family.id }));
      const consents = [];
      const studentNames = [];
      for (const s of body.students) {
        const student = await people.insertPerson(tx, actor, {
          kind: 'student',
          firstName: s.firstName,
          lastName: s.lastName,
          birthDate: s.birthDate,
          familyId: family.id,
        });
        studentNames.push(student.first_name);
        const by = s.consentBy ?? null;
        consents.push({
          student_id: student.id,
          // image rights are asked for minors; an adult student's are kept at none unless they ask otherwise
          image_rights: isMinorOn(s.birthDate, today) ? s.imageRights : 'none',
          consented_by: by === null ? null : (guardians[by]?.id ?? null),
          consented_at: now,
        });
      }
      await repo.insertConsents(tx, consents);
      const registration = {
        id: newId(),
        school_id: schoolId,
        season_id: form.seasonId,
        family_id: family.id,
        status: 'completed',
        heard_from: body.heardFrom === 'other' ? `other: ${body.heardFromOther ?? ''}` : body.heardFrom,
        data_processing_consent_at: now,
        documents_requested: JSON.stringify(
          form.documents.map((kind) => ({ kind, provided: body.documentsProvided.includes(kind) })),
        ),
        completed_at: now,
        created_at: now,
        updated_at: now,
        version: 1,
        duplicate_family_id: duplicateOf,
      };
      await repo.insertRegistration(tx, registration);
      await recordAudit(tx, clock, actor, {
        entityType: 'school_registration',
        entityId: registration.id,
        action: 'create',
        after: { ...registration, consents },
        summary: duplicateOf ? `possible duplicate of family ${duplicateOf}` : null,
      });
      // The first guardian gets a family-portal account; its invitation (a personal link) is its own e-mail.
      const first = guardians[0]!;
      const invite = !!first.email && !(await repo.accountWithEmail(tx, first.email));
      if (invite)
        await users.createInvitedUser(tx, actor, {
          email: first.email!,
          displayName: `${first.first_name} ${first.last_name}`,
          roles: ['guardian'],
          locale: body.locale,
          personId: first.id,
        });
      const rank = (await repo.rankOf(tx, registration.id)) ?? 0;
      await deps.mailer.enqueue(tx, {
        to: first.email!,
        locale: body.locale,
        mail: admissionConfirmedMail({
          name: first.first_name,
          school: form.schoolName,
          season: form.seasonName,
          rank,
          students: studentNames.join(', '),
          accountInvited: invite,
        }),
        related: { type: 'school_registration', id: registration.id },
      });
      return { rank, schoolName: form.schoolName, seasonName: form.seasonName };
    });
    await deps.mailer.flush();
    return receipt;
  }

  return {
    /** The public page's header: the school, the season it enrols for, the documents asked. */
    async form(schoolId: string): Promise<AdmissionForm> {
      return formOf(db, schoolId);
    },

    /** The public form: no login, a per-address limit, a honeypot; everything in one transaction or nothing. */
    async submitPublic(ip: string, schoolId: string, body: AdmissionBody): Promise<AdmissionReceipt> {
      const limit = await ADMISSION_RATE_LIMIT.read(db);
      await consumeRateLimit(deps, `admission:${addressForLimits(ip)}`, limit.limit, limit.windowMinutes * 60);
      // A robot filled the hidden field: it learns nothing, nothing is stored.
      if (body.website && body.website.trim() !== '') {
        const form = await formOf(db, schoolId);
        return { rank: 1, schoolName: form.schoolName, seasonName: form.seasonName };
      }
      return complete(body, schoolId);
    },

    /** A school's registrations of a season in rank order (the secretariat of that school, or the director). */
    async listForSchool(actor: Actor, schoolId: string, seasonId?: string): Promise<SchoolRegistrations> {
      requirePermission(actor, 'admissions.read');
      if (!(await findSchool(db, schoolId))) throw notFound();
      await schools.assertSchoolInScope(db, actor, schoolId);
      const season = seasonId
        ? await findSeason(db, seasonId)
        : await repo.seasonForAdmission(db, await organisationToday(db, clock));
      if (!season) return { seasonId: null, seasonName: null, items: [] };
      const rows = await repo.registrationsOfSchool(db, schoolId, season.id);
      const students = await repo.studentsOfFamilies(db, [...new Set(rows.map((r) => r.family_id))]);
      return {
        seasonId: season.id,
        seasonName: season.name,
        items: rows.map((r) => ({
          id: r.id,
          rank: Number(r.rank),
          familyId: r.family_id,
          familyName: r.family_name,
          students: students.filter((s) => s.family_id === r.family_id).map((s) => `${s.first_name} ${s.last_name}`),
          completedAt: r.completed_at,
          status: r.status,
          heardFrom: r.heard_from,
          duplicateFamilyId: r.duplicate_family_id,
          duplicateFamilyName: r.duplicate_family_name ?? null,
        })),
      };
    },

    /** The family portal's "my enrolments": the guardian's own family only. */
    async mine(actor: Actor): Promise<MyEnrolments> {
      const familyId = await guardianFamilyId(db, actor);
      if (!familyId) throw forbidden();
      const [registrations, places] = await Promise.all([
        repo.registrationsOfFamily(db, familyId),
        repo.placesOfFamily(db, familyId),
      ]);
      return {
        registrations: registrations.map((r) => ({
          id: r.id,
          schoolName: r.school_name,
          seasonName: r.season_name,
          rank: r.rank === null ? null : Number(r.rank),
          status: r.status,
          completedAt: r.completed_at,
        })),
        places: places.map((p) => ({
          id: p.id,
          studentName: `${p.first_name} ${p.last_name}`,
          discipline: p.discipline,
          schoolName: p.school_name,
          seasonName: p.season_name,
          weekday: p.weekday,
          start: p.start_time,
          status: p.status,
        })),
      };
    },
  };
}

export type AdmissionService = ReturnType<typeof createAdmissionService>;
