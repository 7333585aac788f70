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
import { requireUser, type Actor, type UserActor } from '../../platform/actor.js';
import {
  accountFamilyId,
  can,
  isStaffMember,
  requirePermission,
  teacherReachesFamily,
  teacherReachesPerson,
} from '../../platform/access.js';
import { forbidden, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { searchContact, searchName } from '../../platform/search-text.js';
import { organisationToday } from '../../platform/settings.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { fields, type Fields } from '../../platform/records.js';
import * as repo from './people.repository.js';
import { assertFamilyReachable, assertMinorHasGuardian, isMinor } from './people.rules.js';

/** What a person's record shows: staff notes are internal, families and teachers never read them. */
const PERSON_FIELDS = fields('kind', 'first_name', 'last_name', 'email', 'phone', 'birth_date', 'family_id', 'user_id');
const PERSON_STAFF_FIELDS = fields(...PERSON_FIELDS, 'notes');
export const personFields = (actor?: Actor): Fields =>
  actor && !isStaffMember(actor) ? PERSON_FIELDS : PERSON_STAFF_FIELDS;

/** What a family's record shows (its members are people records): the same rule for staff notes. */
const FAMILY_FIELDS = fields(
  'name',
  'billing_line1',
  'billing_line2',
  'billing_postal_code',
  'billing_city',
  'billing_country',
  'contact_preference',
  'absence_notices',
  'locale',
);
const FAMILY_STAFF_FIELDS = fields(...FAMILY_FIELDS, 'notes');
export const familyFields = (actor: Actor): Fields => (isStaffMember(actor) ? FAMILY_STAFF_FIELDS : FAMILY_FIELDS);

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

  /** The family of a guardian (or student) account, if the user is linked to a person (platform/access.ts). */
  async function ownFamilyId(user: UserActor, tx: Tx = db): Promise<string | null> {
    return accountFamilyId(tx, user);
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
    if (mode === 'read' && isStaffMember(user)) return;
    if (mode === 'write' && can(user, 'people.writeFamilies')) return;
    if (user.roles.has('guardian') && (await ownFamilyId(user, tx)) === familyId) return;
    if (mode === 'read' && (await teacherReachesFamily(tx, user, familyId))) return;
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
      if (mode === 'read' && isStaffMember(user)) return;
      if (mode === 'write' && person.kind === 'teacher' && can(user, 'people.writeTeachers')) return;
      if (mode === 'write' && person.kind === 'staff' && can(user, 'people.writeStaff')) return;
      throw forbidden();
    }
    if (mode === 'read' && (await teacherReachesPerson(tx, user, person.id))) return;
    if (!person.family_id) {
      if ((mode === 'read' && isStaffMember(user)) || (mode === 'write' && can(user, 'people.writeFamilies'))) return;
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
    await repo.insertPersonRow(tx, row);
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
    const today = await organisationToday(tx, clock);
    if (!isMinor(student.birthDate, today)) return;
    const guardians = (await repo.peopleOfFamily(tx, familyId)).filter((p) => p.kind === 'guardian');
    assertMinorHasGuardian(student.birthDate, today, guardians.length);
  }

  return {
    assertFamilyAccess,
    assertPersonAccess,
    familyView,
    insertPerson,
    ownFamilyId,

    async search(actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
      requirePermission(actor, 'people.read');
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
      requirePermission(actor, 'people.read');
      const limit = options.limit ?? 50;
      const rows = await repo.listFamilies(db, { after: decodeCursor(options.cursor), q: options.q, limit });
      const { page, nextCursor } = keysetPage(rows, limit, (r) => [r.name, r.id]);
      return {
        items: page.map((r) => ({
          id: r.id,
          name: r.name,
          city: r.billing_city,
          guardianNames: r.guardians.map((g) => `${g.first_name} ${g.last_name}`).join(', '),
          studentCount: r.studentCount,
        })),
        nextCursor,
      };
    },

    async getFamily(actor: Actor, familyId: string): Promise<Family> {
      if (!(await repo.findFamily(db, familyId))) throw notFound();
      await assertFamilyAccess(actor, familyId, 'read');
      return familyView(actor, familyId);
    },

    async createFamily(actor: Actor, body: z.infer<typeof CreateFamilyBody>): Promise<Family> {
      requirePermission(actor, 'people.writeFamilies');
      assertFamilyReachable([...body.guardians, ...body.students]);
      const id = await db.transaction().execute(async (tx) => {
        const today = await organisationToday(tx, clock);
        body.students.forEach((s, i) =>
          assertMinorHasGuardian(s.birthDate, today, body.guardians.length, `students.${i}.birthDate`),
        );
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
        await repo.insertFamilyRow(tx, row);
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
      if (body.notes !== undefined && !isStaffMember(actor)) throw forbidden();
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
        if (!(await repo.updateFamilyAtVersion(tx, familyId, body.version, set))) throw stale();
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
      if (body.notes !== undefined && !isStaffMember(actor)) throw forbidden();
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
        if (before.kind === 'student' && merged.birth_date && before.family_id) {
          const today = await organisationToday(tx, clock);
          if (isMinor(merged.birth_date, today)) {
            const guardians = (await repo.peopleOfFamily(tx, before.family_id)).filter((p) => p.kind === 'guardian');
            assertMinorHasGuardian(merged.birth_date, today, guardians.length);
          }
        }
        const set = {
          ...merged,
          search_name: searchName(merged.first_name, merged.last_name),
          search_contact: searchContact(merged.email, merged.phone),
          updated_at: clock.now().toISOString(),
        };
        if (!(await repo.updatePersonAtVersion(tx, personId, body.version, set))) throw stale();
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
      requirePermission(actor, 'people.read');
      const limit = options.limit ?? 50;
      const rows = await repo.listTeachers(db, { after: decodeCursor(options.cursor), limit });
      const { page, nextCursor } = keysetPage(rows, limit, (r) => [r.last_name, r.id]);
      return { items: page.map((r) => ({ ...toPerson(r, actor), status: r.status })), nextCursor };
    },

    async createTeacher(actor: Actor, body: z.infer<typeof CreateTeacherBody>): Promise<Person> {
      requirePermission(actor, 'people.writeTeachers');
      const row = await db.transaction().execute(async (tx) => {
        const person = await insertPerson(tx, actor, { kind: 'teacher', ...body });
        await repo.insertActiveTeacher(tx, person.id, clock.now().toISOString());
        return person;
      });
      return toPerson(row, actor);
    },

    async getTeacher(actor: Actor, teacherId: string) {
      const person = await repo.findPerson(db, teacherId);
      if (!person || person.kind !== 'teacher') throw notFound();
      await assertPersonAccess(actor, person, 'read');
      const teacher = await repo.teacherRow(db, teacherId);
      return { person: toPerson(person, actor), status: teacher?.status ?? 'active', bio: teacher?.bio ?? null };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
