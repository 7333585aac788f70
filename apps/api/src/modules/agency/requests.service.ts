import { randomBytes } from 'node:crypto';
import type { LessonRequestBody, MergePreview } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addressForLimits, consumeRateLimit } from '../../platform/rate-limit.js';
import { organisationToday } from '../../platform/settings.js';
import { lookUpPlace, type Place } from '../../platform/places.js';
import { createPeopleService } from '../people/people.service.js';
import { applyFamilyMerge, planFamilyMerge, type FamilyMember } from '../people/family-merge.repository.js';
import { PUBLIC_REQUEST_RATE_LIMIT } from './agency.settings.js';
import { requestReceivedMail } from './agency.mails.js';
import { insertStageEvent, findFile } from './files.repository.js';
import {
  claimRequestForMerge,
  clearDuplicateFlag,
  familyWithContact,
  insertFamily,
  insertFile,
  insertSlots,
} from './requests.repository.js';
import { ageOn, isValidBirthDate, needsGuardian } from './requests.rules.js';

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(): string {
  return `R-${[...randomBytes(6)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

const fieldError = (field: string, code: string) => new DomainError('VALIDATION_FAILED', { fields: [{ field, code }] });

/**
 * The commune of a request's address: an unknown postal code (or a CEDEX one) is refused on the postal code; one
 * shared by several communes that the city does not name is refused on the city, and the form asks which one.
 */
export function placeOf(address: { postalCode: string; city: string; inseeCode?: string | null }): Place {
  const found = lookUpPlace(address);
  if (found.kind === 'unknown')
    throw fieldError('address.postalCode', found.cedex ? 'postal_code_cedex' : 'unknown_postal_code');
  if (found.kind === 'ambiguous') throw fieldError('address.city', 'commune_ambiguous');
  return found.place;
}

/** Requests from the public form or from sales on the phone: a family, a student and a file in new_request. */
export function createRequestsService(deps: Deps) {
  const { db, clock } = deps;
  const people = createPeopleService(deps);

  /** A known person with the same e-mail or phone: the request is flagged with their family, never merged silently. */
  async function candidateFamily(tx: Tx, body: LessonRequestBody): Promise<string | null> {
    const emails = [body.guardian?.email, body.student.email].filter((v): v is string => !!v);
    const phones = [body.guardian?.phone, body.student.phone].filter((v): v is string => !!v);
    if (!emails.length && !phones.length) return null;
    const match = await familyWithContact(tx, emails, phones);
    return match?.family_id ?? null;
  }

  async function store(
    actor: Actor,
    body: LessonRequestBody,
    source: 'public' | 'phone',
  ): Promise<{ fileId: string; reference: string }> {
    const place = body.address ? placeOf(body.address) : null;
    const result = await db.transaction().execute(async (tx) => {
      const today = await organisationToday(tx, clock);
      const age = ageOn(body.student.birthDate, today);
      if (age === null || !isValidBirthDate(body.student.birthDate, today))
        throw fieldError('student.birthDate', 'invalid_date');
      if (needsGuardian(age) && !body.guardian) throw fieldError('guardian', 'guardian_required');
      const duplicateOf = await candidateFamily(tx, body);
      const now = clock.now().toISOString();
      const familyRow = {
        id: newId(),
        name: (body.guardian ?? body.student).lastName,
        billing_line1: body.address?.line1 ?? null,
        billing_line2: null,
        billing_postal_code: body.address?.postalCode ?? null,
        billing_city: body.address?.city ?? null,
        billing_country: body.address ? 'FR' : null,
        contact_preference: 'email',
        locale: body.locale,
        notes: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await insertFamily(tx, familyRow);
      await recordAudit(tx, clock, actor, {
        entityType: 'family',
        entityId: familyRow.id,
        action: 'create',
        after: familyRow,
        summary: `lesson request (${source})`,
      });
      let guardian = null;
      if (body.guardian)
        guardian = await people.insertPerson(tx, actor, { kind: 'guardian', ...body.guardian, familyId: familyRow.id });
      const student = await people.insertPerson(tx, actor, {
        kind: 'student',
        ...body.student,
        familyId: familyRow.id,
      });
      const reference = newReference();
      const fileRow = {
        id: newId(),
        family_id: familyRow.id,
        student_id: student.id,
        stage: 'new_request',
        stage_changed_at: now,
        owner_service: 'sales',
        source,
        instrument: body.instrument.toLowerCase(),
        level: body.level,
        goals: body.goals || null,
        place: body.place,
        address_line1: body.address?.line1 ?? null,
        postal_code: place?.postalCode ?? null,
        city: place?.commune ?? body.address?.city ?? null,
        insee_code: place?.inseeCode ?? null,
        latitude: place?.latitude ?? null,
        longitude: place?.longitude ?? null,
        lesson_minutes: body.lessonMinutes,
        frequency: body.frequency,
        teacher_wishes: body.teacherWishes || null,
        styles: body.styles.length ? JSON.stringify(body.styles.map((s) => s.toLowerCase())) : null,
        closed_reason: null,
        created_at: now,
        updated_at: now,
        version: 1,
        duplicate_family_id: duplicateOf,
        reference,
      };
      await insertFile(tx, fileRow);
      if (body.slots.length)
        await insertSlots(
          tx,
          body.slots.map((s) => ({
            file_id: fileRow.id,
            weekday: s.weekday,
            start_minute: s.startMinute,
            end_minute: s.endMinute,
          })),
        );
      await insertStageEvent(tx, {
        id: newId(),
        file_id: fileRow.id,
        from_stage: null,
        to_stage: 'new_request',
        reason: source === 'public' ? 'public form' : 'phone request',
        at: now,
        actor_user_id: actor.kind === 'user' ? actor.userId : null,
        actor_name: actor.kind === 'user' ? actor.displayName : 'public',
      });
      await recordAudit(tx, clock, actor, {
        entityType: 'lesson_file',
        entityId: fileRow.id,
        action: 'create',
        after: fileRow,
        summary: duplicateOf ? `possible duplicate of family ${duplicateOf}` : null,
      });
      const to = guardian?.email ?? student.email;
      if (to)
        await deps.mailer.enqueue(tx, {
          to,
          locale: body.locale,
          mail: requestReceivedMail({
            name: (guardian ?? student).first_name,
            studentName: student.first_name,
            instrument: fileRow.instrument,
            reference,
          }),
          related: { type: 'lesson_file', id: fileRow.id },
        });
      return { fileId: fileRow.id, reference };
    });
    await deps.mailer.flush();
    return result;
  }

  return {
    /** The public form: no login, a honeypot and a per-IP limit kept in the database. */
    async submitPublic(ip: string, body: LessonRequestBody): Promise<{ reference: string }> {
      const limit = await PUBLIC_REQUEST_RATE_LIMIT.read(db);
      await consumeRateLimit(deps, `lesson-request:${addressForLimits(ip)}`, limit.limit, limit.windowMinutes * 60);
      // A robot filled the hidden field: answer as usual so it learns nothing, store nothing.
      if (body.website && body.website.trim() !== '') return { reference: newReference() };
      const { reference } = await store({ kind: 'anonymous', label: 'public form' }, body, 'public');
      return { reference };
    },

    async submitBySales(actor: Actor, body: LessonRequestBody): Promise<{ id: string; reference: string }> {
      requirePermission(actor, 'agency.sell');
      const { fileId, reference } = await store(actor, body, 'phone');
      return { id: fileId, reference };
    },

    /** What merging a request into a family would do, for staff to see before they confirm. */
    async mergePreview(actor: Actor, fileId: string, familyId: string): Promise<MergePreview> {
      requirePermission(actor, 'agency.sell');
      const file = await findFile(db, fileId);
      if (!file) throw notFound();
      if (file.family_id === familyId) throw new DomainError('ALREADY_IN_FAMILY');
      const plan = await planFamilyMerge(db, file.family_id, familyId);
      if (!plan) throw notFound();
      const member = (p: FamilyMember) => {
        const { id, kind, email, phone } = p;
        return { id, kind, firstName: p.first_name, lastName: p.last_name, email, phone };
      };
      return {
        fileId,
        flagged: file.duplicate_family_id === familyId,
        family: {
          id: plan.into.id,
          name: plan.into.name,
          city: plan.into.billing_city,
          members: plan.intoMembers.map(member),
        },
        newcomers: plan.newcomers.map((p) => ({ ...member(p), sameAsId: plan.sameAs.get(p.id)?.id ?? null })),
        moves: plan.moves,
        conflicts: plan.conflicts.map((c) => c.code),
      };
    },

    /**
     * Attaches a request to a known family: the one it was flagged with, or one staff chose and confirmed. Every
     * record of the request's family moves with it (files, billing, contacts, tasks, history), a guardian who is
     * the same person as a known one is folded into him, anyone else joins as an additional guardian.
     */
    async merge(actor: Actor, fileId: string, body: { familyId: string; version: number; confirmUnflagged: boolean }) {
      requirePermission(actor, 'agency.sell');
      const { familyId } = body;
      const result = await db.transaction().execute(async (tx) => {
        const file = await findFile(tx, fileId);
        if (!file) throw notFound();
        if (file.family_id === familyId) throw new DomainError('ALREADY_IN_FAMILY');
        const flagged = file.duplicate_family_id === familyId;
        if (!flagged && !body.confirmUnflagged) throw new DomainError('NOT_A_DUPLICATE');
        const now = clock.now().toISOString();
        // Claims the file first: a second merge of the same request waits here, then finds it changed.
        if ((await claimRequestForMerge(tx, file, body.version, now)) !== 1) throw stale();
        const plan = await planFamilyMerge(tx, file.family_id, familyId);
        if (!plan) throw notFound();
        const conflict = plan.conflicts[0];
        if (conflict) throw new DomainError(conflict.code, { status: 409, detail: conflict.detail });
        for (const person of plan.newcomers) {
          const known = plan.sameAs.get(person.id);
          if (known) {
            const summary = `same person as guardian ${known.first_name} ${known.last_name}: merged into ${known.id}`;
            const entry = { entityType: 'person', entityId: known.id, action: 'merge', before: { ...person }, summary };
            await recordAudit(tx, clock, actor, entry);
          } else {
            const moved = { before: { family_id: file.family_id }, after: { family_id: familyId } };
            const entry = { entityType: 'person', entityId: person.id, action: 'update', ...moved };
            await recordAudit(tx, clock, actor, entry);
          }
        }
        await applyFamilyMerge(tx, plan, now);
        const moved = Object.entries(plan.moves)
          .filter(([, n]) => n > 0)
          .map(([table, n]) => `${n} ${table}`)
          .join(', ');
        const chosen = flagged ? '' : ' (chosen by staff, not flagged)';
        await recordAudit(tx, clock, actor, {
          entityType: 'family',
          entityId: familyId,
          action: 'merge',
          before: { ...plan.from },
          summary: `family ${plan.from.name} (${plan.from.id}) merged into this one${chosen}: ${moved || 'no record'}`,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'lesson_file',
          entityId: fileId,
          action: 'merge',
          before: { family_id: file.family_id, duplicate_family_id: file.duplicate_family_id },
          after: { family_id: familyId, duplicate_family_id: null },
          summary: `request merged into family ${familyId}`,
        });
        return { id: fileId, familyId, moves: plan.moves, mergedGuardians: plan.sameAs.size };
      });
      return result;
    },

    /** Staff checked: same contact, different family (e.g. a shared phone). The flag goes, the family stays. */
    async keepSeparate(actor: Actor, fileId: string): Promise<{ id: string }> {
      requirePermission(actor, 'agency.sell');
      await db.transaction().execute(async (tx) => {
        const file = await findFile(tx, fileId);
        if (!file) throw notFound();
        await clearDuplicateFlag(tx, fileId);
        await recordAudit(tx, clock, actor, {
          entityType: 'lesson_file',
          entityId: fileId,
          action: 'update',
          before: { duplicate_family_id: file.duplicate_family_id },
          after: { duplicate_family_id: null },
          summary: 'kept apart from the similar family',
        });
      });
      return { id: fileId };
    },
  };
}
export type RequestsService = ReturnType<typeof createRequestsService>;
