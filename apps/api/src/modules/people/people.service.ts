import type { z } from 'zod';
import type {
  CreateFamilyBody,
  CreateTeacherBody,
  Family,
  NewGuardian,
  NewStudent,
  Person,
  SearchHit,
  UpdateFamilyBody,
  UpdatePersonBody,
  FamilySummary,
  PersonKind,
  Locale,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { hasRole, isStaff, requireRole, requireUser, type Actor, type UserActor } from '../../platform/actor.js';
import { DomainError, forbidden, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { searchContact, searchName } from '../../platform/search-text.js';
import { dateInZone } from '../../platform/clock.js';
import { readSetting } from '../../platform/settings.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { fields, type Fields } from '../../platform/records.js';
import * as repo from './people.repository.js';

/** Staff who keep the family directory; recruitment and followup also keep teachers. */
const DIRECTORY_WRITERS = ['sales', 'followup', 'accounts', 'secretariat'] as const;
const TEACHER_WRITERS = ['recruitment', 'followup'] as const;

/** What a person's record shows: staff notes are internal, families and teachers never read them. */
const PERSON_FIELDS = fields('kind', 'first_name', 'last_name', 'email', 'phone', 'birth_date', 'family_id', 'user_id');
const PERSON_STAFF_FIELDS = fields(...PERSON_FIELDS, 'notes');
export const personFields = (actor?: Actor): Fields => (actor && !isStaff(actor) ? PERSON_FIELDS : PERSON_STAFF_FIELDS);

/** What a family's record shows (its members are people records): the same rule for staff notes. */
const FAMILY_FIELDS = fields(
  'name',
  'billing_line1',
  'billing_line2',
  'billing_postal_code',
  'billing_city',
  'billing_country',
  'contact_preference',
  'locale',
);
const FAMILY_STAFF_FIELDS = fields(...FAMILY_FIELDS, 'notes');
export const familyFields = (actor: Actor): Fields => (isStaff(actor) ? FAMILY_STAFF_FIELDS : FAMILY_FIELDS);

export function toPerson(row: Pick<repo.PersonRow, (typeof repo.PERSON_COLUMNS)[number]>, actor?: Actor): Person {
  return {
    id: row.id,
    kind: row.kind as PersonKind,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    birthDate: row.birth_date,
    familyId: row.family_id,
    userId: row.user_id,
    notes: personFields(actor).has('notes') ? row.notes : null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function addressOf(row: repo.FamilyRow): Family['billingAddress'] {
  if (!row.billing_line1 || !row.billing_postal_code || !row.billing_city) return null;
  return {
    line1: row.billing_line1,
    line2: row.billing_line2,
    postalCode: row.billing_postal_code,
    city: row.billing_city,
    country: row.billing_country ?? 'FR',
  };
}

function addressColumns(address: Family['billingAddress'] | undefined) {
  if (address === undefined) return {};
  return {
    billing_line1: address?.line1 ?? null,
    billing_line2: address?.line2 ?? null,
    billing_postal_code: address?.postalCode ?? null,
    billing_city: address?.city ?? null,
    billing_country: address?.country ?? null,
  };
}

export function createPeopleService(deps: Deps) {
  const { db, clock, engine } = deps;

  async function today(tx: Tx = db): Promise<string> {
    return dateInZone(clock.now(), await readSetting<string>(tx, 'organisation.timeZone'));
  }

  function isMinor(birthDate: string, todayIso: string): boolean {
    const [y, m, d] = todayIso.split('-').map(Number) as [number, number, number];
    const adultFrom = `${String(y - 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return birthDate > adultFrom;
  }

  /** The family of a guardian (or student) account, if the user is linked to a person. */
  async function ownFamilyId(user: UserActor, tx: Tx = db): Promise<string | null> {
    if (!user.personId) return null;
    const person = await repo.findPerson(tx, user.personId);
    return person?.family_id ?? null;
  }

  /** Role and relation: staff see the directory; a guardian only their family; a teacher only families they teach. */
  async function assertFamilyAccess(
    actor: Actor,
    familyId: string,
    mode: 'read' | 'write',
    tx: Tx = db,
  ): Promise<void> {
    if (actor.kind === 'system') return;
    const user = requireUser(actor);
    if (mode === 'read' && isStaff(user)) return;
    if (mode === 'write' && hasRole(user, ...DIRECTORY_WRITERS)) return;
    if (user.roles.has('guardian') && (await ownFamilyId(user, tx)) === familyId) return;
    if (
      mode === 'read' &&
      user.roles.has('teacher') &&
      user.personId &&
      (await repo.teacherReachesFamily(tx, user.personId, familyId))
    )
      return;
    throw forbidden();
  }

  async function assertPersonAccess(
    actor: Actor,
    person: Pick<repo.PersonRow, (typeof repo.PERSON_COLUMNS)[number]>,
    mode: 'read' | 'write',
    tx: Tx = db,
  ): Promise<void> {
    if (actor.kind === 'system') return;
    const user = requireUser(actor);
    if (user.personId === person.id) return;
    if (person.kind === 'teacher' || person.kind === 'staff') {
      if (mode === 'read' && isStaff(user)) return;
      if (mode === 'write' && person.kind === 'teacher' && hasRole(user, ...TEACHER_WRITERS)) return;
      if (mode === 'write' && person.kind === 'staff' && hasRole(user)) return;
      throw forbidden();
    }
    if (
      mode === 'read' &&
      user.roles.has('teacher') &&
      user.personId &&
      (await repo.teacherReachesPerson(tx, user.personId, person.id))
    )
      return;
    if (!person.family_id) {
      if ((mode === 'read' && isStaff(user)) || (mode === 'write' && hasRole(user, ...DIRECTORY_WRITERS))) return;
      throw forbidden();
    }
    await assertFamilyAccess(actor, person.family_id, mode, tx);
  }

  async function familyView(actor: Actor, familyId: string, tx: Tx = db): Promise<Family> {
    const row = await repo.findFamily(tx, familyId);
    if (!row) throw notFound();
    const members = await repo.peopleOfFamily(tx, familyId);
    return {
      id: row.id,
      name: row.name,
      billingAddress: addressOf(row),
      contactPreference: row.contact_preference as Family['contactPreference'],
      locale: row.locale as Locale,
      notes: familyFields(actor).has('notes') ? row.notes : null,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      guardians: members.filter((m) => m.kind === 'guardian').map((m) => toPerson(m, actor)),
      students: members.filter((m) => m.kind === 'student').map((m) => toPerson(m, actor)),
    };
  }

  async function insertPerson(
    tx: Tx,
    actor: Actor,
    input: {
      kind: PersonKind;
      firstName: string;
      lastName: string;
      email?: string | null;
      phone?: string | null;
      birthDate?: string | null;
      familyId?: string | null;
      userId?: string | null;
      notes?: string | null;
    },
  ) {
    const now = clock.now().toISOString();
    const row = {
      id: newId(),
      kind: input.kind,
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      birth_date: input.birthDate ?? null,
      family_id: input.familyId ?? null,
      user_id: input.userId ?? null,
      notes: input.notes ?? null,
      search_name: searchName(input.firstName, input.lastName),
      search_contact: searchContact(input.email ?? null, input.phone ?? null),
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('people').values(row).execute();
    await recordAudit(tx, clock, actor, { entityType: 'person', entityId: row.id, action: 'create', after: row });
    if (row.family_id)
      await recordAudit(tx, clock, actor, {
        entityType: 'family',
        entityId: row.family_id,
        action: `add-${input.kind}`,
        summary: `${row.first_name} ${row.last_name}`,
      });
    return row;
  }

  async function assertStudentHasGuardian(tx: Tx, familyId: string, student: z.infer<typeof NewStudent>) {
    if (!isMinor(student.birthDate, await today(tx))) return;
    const guardians = (await repo.peopleOfFamily(tx, familyId)).filter((p) => p.kind === 'guardian');
    if (guardians.length === 0)
      throw new DomainError('MINOR_NEEDS_GUARDIAN', {
        status: 422,
        fields: [{ field: 'birthDate', code: 'MINOR_NEEDS_GUARDIAN' }],
      });
  }

  return {
    assertFamilyAccess,
    assertPersonAccess,
    familyView,
    insertPerson,
    ownFamilyId,

    async search(actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
      requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board');
      const kind = repo.classifySearch(q);
      if (!kind) return [];
      const rows = await repo.searchPeople(db, engine, kind, limit);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as PersonKind,
        displayName: `${r.first_name} ${r.last_name}`,
        email: r.email,
        phone: r.phone,
        familyId: r.family_id,
        familyName: r.family_name,
      }));
    },

    async listFamilies(
      actor: Actor,
      options: { cursor?: string; q?: string; limit?: number },
    ): Promise<{ items: FamilySummary[]; nextCursor: string | null }> {
      requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board');
      const limit = options.limit ?? 50;
      const rows = await repo.listFamilies(db, { after: decodeCursor(options.cursor), q: options.q, limit });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          id: r.id,
          name: r.name,
          city: r.billing_city,
          guardianNames: r.guardians.map((g) => `${g.first_name} ${g.last_name}`).join(', '),
          studentCount: r.studentCount,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    async getFamily(actor: Actor, familyId: string): Promise<Family> {
      if (!(await repo.findFamily(db, familyId))) throw notFound();
      await assertFamilyAccess(actor, familyId, 'read');
      return familyView(actor, familyId);
    },

    async createFamily(actor: Actor, body: z.infer<typeof CreateFamilyBody>): Promise<Family> {
      requireRole(actor, ...DIRECTORY_WRITERS);
      if (!body.guardians.some((g) => g.email || g.phone) && !body.students.some((s) => s.email || s.phone)) {
        throw new DomainError('FAMILY_NEEDS_CONTACT', {
          status: 422,
          fields: [{ field: 'guardians', code: 'FAMILY_NEEDS_CONTACT' }],
        });
      }
      const id = await db.transaction().execute(async (tx) => {
        const todayIso = await today(tx);
        body.students.forEach((s, i) => {
          if (isMinor(s.birthDate, todayIso) && body.guardians.length === 0)
            throw new DomainError('MINOR_NEEDS_GUARDIAN', {
              status: 422,
              fields: [{ field: `students.${i}.birthDate`, code: 'MINOR_NEEDS_GUARDIAN' }],
            });
        });
        const now = clock.now().toISOString();
        const first = body.guardians[0] ?? body.students[0];
        const row = {
          id: newId(),
          name: body.name ?? `${first?.lastName ?? ''}`.trim(),
          ...addressColumns(body.billingAddress ?? null),
          contact_preference: body.contactPreference,
          locale: body.locale,
          notes: body.notes ?? null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await tx.insertInto('families').values(row).execute();
        await recordAudit(tx, clock, actor, { entityType: 'family', entityId: row.id, action: 'create', after: row });
        for (const g of body.guardians) await insertPerson(tx, actor, { kind: 'guardian', ...g, familyId: row.id });
        for (const s of body.students) await insertPerson(tx, actor, { kind: 'student', ...s, familyId: row.id });
        return row.id;
      });
      return familyView(actor, id);
    },

    async updateFamily(actor: Actor, familyId: string, body: z.infer<typeof UpdateFamilyBody>): Promise<Family> {
      if (!(await repo.findFamily(db, familyId))) throw notFound();
      await assertFamilyAccess(actor, familyId, 'write');
      if (body.notes !== undefined && !isStaff(actor)) throw forbidden();
      await db.transaction().execute(async (tx) => {
        const before = await repo.findFamily(tx, familyId);
        if (!before) throw notFound();
        const set = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...addressColumns(body.billingAddress),
          ...(body.contactPreference !== undefined ? { contact_preference: body.contactPreference } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
          ...(body.notes !== undefined ? { notes: body.notes ?? null } : {}),
          updated_at: clock.now().toISOString(),
        };
        const result = await tx
          .updateTable('families')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', familyId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'family',
          entityId: familyId,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
      });
      return familyView(actor, familyId);
    },

    async addGuardian(actor: Actor, familyId: string, body: z.infer<typeof NewGuardian>): Promise<Person> {
      if (!(await repo.findFamily(db, familyId))) throw notFound();
      await assertFamilyAccess(actor, familyId, 'write');
      const row = await db
        .transaction()
        .execute((tx) => insertPerson(tx, actor, { kind: 'guardian', ...body, familyId }));
      return toPerson(row, actor);
    },

    async addStudent(actor: Actor, familyId: string, body: z.infer<typeof NewStudent>): Promise<Person> {
      if (!(await repo.findFamily(db, familyId))) throw notFound();
      await assertFamilyAccess(actor, familyId, 'write');
      const row = await db.transaction().execute(async (tx) => {
        await assertStudentHasGuardian(tx, familyId, body);
        return insertPerson(tx, actor, { kind: 'student', ...body, familyId });
      });
      return toPerson(row, actor);
    },

    async getPerson(actor: Actor, personId: string): Promise<Person> {
      const person = await repo.findPerson(db, personId);
      if (!person) throw notFound();
      await assertPersonAccess(actor, person, 'read');
      return toPerson(person, actor);
    },

    async updatePerson(actor: Actor, personId: string, body: z.infer<typeof UpdatePersonBody>): Promise<Person> {
      const existing = await repo.findPerson(db, personId);
      if (!existing) throw notFound();
      await assertPersonAccess(actor, existing, 'write');
      if (body.notes !== undefined && !isStaff(actor)) throw forbidden();
      const after = await db.transaction().execute(async (tx) => {
        const before = await repo.findPerson(tx, personId);
        if (!before) throw notFound();
        const merged = {
          first_name: body.firstName ?? before.first_name,
          last_name: body.lastName ?? before.last_name,
          email: body.email !== undefined ? body.email : before.email,
          phone: body.phone !== undefined ? body.phone : before.phone,
          birth_date: body.birthDate !== undefined ? body.birthDate : before.birth_date,
          notes: body.notes !== undefined ? (body.notes ?? null) : before.notes,
        };
        if (
          before.kind === 'student' &&
          merged.birth_date &&
          before.family_id &&
          isMinor(merged.birth_date, await today(tx))
        ) {
          const guardians = (await repo.peopleOfFamily(tx, before.family_id)).filter((p) => p.kind === 'guardian');
          if (!guardians.length)
            throw new DomainError('MINOR_NEEDS_GUARDIAN', {
              status: 422,
              fields: [{ field: 'birthDate', code: 'MINOR_NEEDS_GUARDIAN' }],
            });
        }
        const set = {
          ...merged,
          search_name: searchName(merged.first_name, merged.last_name),
          search_contact: searchContact(merged.email, merged.phone),
          updated_at: clock.now().toISOString(),
        };
        const result = await tx
          .updateTable('people')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', personId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'person',
          entityId: personId,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
        return repo.findPerson(tx, personId);
      });
      if (!after) throw notFound();
      return toPerson(after, actor);
    },

    async listTeachers(actor: Actor, options: { cursor?: string; limit?: number }) {
      requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board');
      const limit = options.limit ?? 50;
      const rows = await repo.listTeachers(db, { after: decodeCursor(options.cursor), limit });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...toPerson(r, actor), status: r.status })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.last_name, last.id]) : null,
      };
    },

    async createTeacher(actor: Actor, body: z.infer<typeof CreateTeacherBody>): Promise<Person> {
      requireRole(actor, ...TEACHER_WRITERS);
      const row = await db.transaction().execute(async (tx) => {
        const person = await insertPerson(tx, actor, { kind: 'teacher', ...body });
        const now = clock.now().toISOString();
        await tx
          .insertInto('teachers')
          .values({ person_id: person.id, status: 'active', bio: null, created_at: now, updated_at: now, version: 1 })
          .execute();
        return person;
      });
      return toPerson(row, actor);
    },

    async getTeacher(actor: Actor, teacherId: string) {
      const person = await repo.findPerson(db, teacherId);
      if (!person || person.kind !== 'teacher') throw notFound();
      await assertPersonAccess(actor, person, 'read');
      const teacher = await db
        .selectFrom('teachers')
        .select(['status', 'bio'])
        .where('person_id', '=', teacherId)
        .executeTakeFirst();
      return { person: toPerson(person, actor), status: teacher?.status ?? 'active', bio: teacher?.bio ?? null };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
