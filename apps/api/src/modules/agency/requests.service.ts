import { randomBytes } from 'node:crypto';
import type { LessonRequestBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addressForLimits, consumeRateLimit } from '../../platform/rate-limit.js';
import { readSetting } from '../../platform/settings.js';
import { resolvePlace } from '../../platform/places.js';
import { createPeopleService } from '../people/people.service.js';
import { SETTING } from './agency.settings.js';
import { ageOn, findFile, todayIn } from './agency-core.js';
import { requestReceivedMail } from './agency.mails.js';

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(): string {
  return `R-${[...randomBytes(6)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

const fieldError = (field: string, code: string) => new DomainError('VALIDATION_FAILED', { status: 400, fields: [{ field, code }] });

/** Requests from the public form or from sales on the phone: a family, a student and a file in new_request. */
export function createRequestsService(deps: Deps) {
  const { db, clock } = deps;
  const people = createPeopleService(deps);

  /** A known person with the same e-mail or phone: the request is flagged with their family, never merged silently. */
  async function candidateFamily(tx: Tx, body: LessonRequestBody): Promise<string | null> {
    const emails = [body.guardian?.email, body.student.email].filter((v): v is string => !!v);
    const phones = [body.guardian?.phone, body.student.phone].filter((v): v is string => !!v);
    if (!emails.length && !phones.length) return null;
    const match = await tx
      .selectFrom('people')
      .select('family_id')
      .where('family_id', 'is not', null)
      .where((eb) => eb.or([...(emails.length ? [eb('email', 'in', emails)] : []), ...(phones.length ? [eb('phone', 'in', phones)] : [])]))
      .orderBy('created_at')
      .executeTakeFirst();
    return match?.family_id ?? null;
  }

  async function store(actor: Actor, body: LessonRequestBody, source: 'public' | 'phone'): Promise<{ fileId: string; reference: string }> {
    const place = body.address ? resolvePlace({ postalCode: body.address.postalCode, city: body.address.city }) : null;
    if (body.address && !place) throw fieldError('address.postalCode', 'invalid_postal_code');
    const result = await db.transaction().execute(async (tx) => {
      const today = await todayIn(deps, tx);
      const age = ageOn(body.student.birthDate, today);
      if (age === null || age < 0 || body.student.birthDate > today) throw fieldError('student.birthDate', 'invalid_date');
      if (age < 18 && !body.guardian) throw fieldError('guardian', 'guardian_required');
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
      await tx.insertInto('families').values(familyRow).execute();
      await recordAudit(tx, clock, actor, { entityType: 'family', entityId: familyRow.id, action: 'create', after: familyRow, summary: `lesson request (${source})` });
      let guardian = null;
      if (body.guardian) guardian = await people.insertPerson(tx, actor, { kind: 'guardian', ...body.guardian, familyId: familyRow.id });
      const student = await people.insertPerson(tx, actor, { kind: 'student', ...body.student, familyId: familyRow.id });
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
      await tx.insertInto('lesson_files').values(fileRow).execute();
      if (body.slots.length) await tx.insertInto('file_slots').values(body.slots.map((s) => ({ file_id: fileRow.id, weekday: s.weekday, start_minute: s.startMinute, end_minute: s.endMinute }))).execute();
      await tx.insertInto('file_stage_events').values({ id: newId(), file_id: fileRow.id, from_stage: null, to_stage: 'new_request', reason: source === 'public' ? 'public form' : 'phone request', at: now, actor_user_id: actor.kind === 'user' ? actor.userId : null, actor_name: actor.kind === 'user' ? actor.displayName : 'public' }).execute();
      await recordAudit(tx, clock, actor, { entityType: 'lesson_file', entityId: fileRow.id, action: 'create', after: fileRow, summary: duplicateOf ? `possible duplicate of family ${duplicateOf}` : null });
      const to = guardian?.email ?? student.email;
      if (to) await deps.mailer.enqueue(tx, { to, locale: body.locale, mail: requestReceivedMail({ name: (guardian ?? student).first_name, studentName: student.first_name, instrument: fileRow.instrument, reference }), related: { type: 'lesson_file', id: fileRow.id } });
      return { fileId: fileRow.id, reference };
    });
    await deps.mailer.flush();
    return result;
  }

  return {
    /** The public form: no login, a honeypot and a per-IP limit kept in the database. */
    async submitPublic(ip: string, body: LessonRequestBody): Promise<{ reference: string }> {
      const limit = await readSetting<{ limit: number; windowMinutes: number }>(db, SETTING.publicRateLimit);
      await consumeRateLimit(deps, `lesson-request:${addressForLimits(ip)}`, limit.limit, limit.windowMinutes * 60);
      // A robot filled the hidden field: answer as usual so it learns nothing, store nothing.
      if (body.website && body.website.trim() !== '') return { reference: newReference() };
      const { reference } = await store({ kind: 'anonymous', label: 'public form' }, body, 'public');
      return { reference };
    },

    async submitBySales(actor: Actor, body: LessonRequestBody): Promise<{ id: string; reference: string }> {
      requireRole(actor, 'sales');
      const { fileId, reference } = await store(actor, body, 'phone');
      return { id: fileId, reference };
    },

    /** Attaches a flagged request to the known family: the student (and new guardians) move, duplicates go. */
    async merge(actor: Actor, fileId: string, familyId: string): Promise<{ id: string; familyId: string }> {
      requireRole(actor, 'sales');
      await db.transaction().execute(async (tx) => {
        const file = await findFile(tx, fileId);
        if (!file) throw notFound();
        const target = await tx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
        if (!target) throw notFound();
        if (file.family_id === familyId) throw new DomainError('NOT_A_DUPLICATE', { status: 409 });
        const fromFamily = file.family_id;
        const now = clock.now().toISOString();
        const known = await tx.selectFrom('people').select(['email', 'phone']).where('family_id', '=', familyId).execute();
        const newcomers = await tx.selectFrom('people').selectAll().where('family_id', '=', fromFamily).execute();
        for (const person of newcomers) {
          const same = person.kind === 'guardian' && known.some((k) => (person.email && k.email === person.email) || (person.phone && k.phone === person.phone));
          if (same) {
            // The guardian already exists in the known family: drop the copy the form created.
            await tx.updateTable('contact_log').set({ person_id: null, family_id: familyId }).where('person_id', '=', person.id).execute();
            await tx.deleteFrom('people').where('id', '=', person.id).execute();
            await recordAudit(tx, clock, actor, { entityType: 'person', entityId: person.id, action: 'delete', before: person, summary: `duplicate of a guardian of family ${familyId}` });
          } else {
            await tx.updateTable('people').set({ family_id: familyId, updated_at: now }).where('id', '=', person.id).execute();
            await recordAudit(tx, clock, actor, { entityType: 'person', entityId: person.id, action: 'update', before: { family_id: fromFamily }, after: { family_id: familyId } });
          }
        }
        for (const table of ['lesson_files', 'subscriptions', 'assignments', 'lessons'] as const) {
          await tx.updateTable(table).set({ family_id: familyId }).where('family_id', '=', fromFamily).execute();
        }
        await tx.updateTable('contact_log').set({ family_id: familyId }).where('family_id', '=', fromFamily).execute();
        await tx.updateTable('lesson_files').set({ duplicate_family_id: null, updated_at: now }).where('id', '=', fileId).execute();
        const old = await tx.selectFrom('families').selectAll().where('id', '=', fromFamily).executeTakeFirstOrThrow();
        await tx.deleteFrom('families').where('id', '=', fromFamily).execute();
        await recordAudit(tx, clock, actor, { entityType: 'family', entityId: fromFamily, action: 'delete', before: old, summary: `merged into ${familyId}` });
        await recordAudit(tx, clock, actor, { entityType: 'lesson_file', entityId: fileId, action: 'merge', before: { family_id: fromFamily }, after: { family_id: familyId }, summary: `request merged into family ${familyId}` });
      });
      return { id: fileId, familyId };
    },

    /** Staff checked: same contact, different family (e.g. a shared phone). The flag goes, the family stays. */
    async keepSeparate(actor: Actor, fileId: string): Promise<{ id: string }> {
      requireRole(actor, 'sales');
      await db.transaction().execute(async (tx) => {
        const file = await findFile(tx, fileId);
        if (!file) throw notFound();
        await tx.updateTable('lesson_files').set({ duplicate_family_id: null }).where('id', '=', fileId).execute();
        await recordAudit(tx, clock, actor, { entityType: 'lesson_file', entityId: fileId, action: 'update', before: { duplicate_family_id: file.duplicate_family_id }, after: { duplicate_family_id: null }, summary: 'kept apart from the similar family' });
      });
      return { id: fileId };
    },
  };
}
export type RequestsService = ReturnType<typeof createRequestsService>;
