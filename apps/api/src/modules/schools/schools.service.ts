import type { z } from 'zod';
import type { Role, School, SchoolInput, SchoolStaffBody, UpdateSchoolBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, notFound, stale, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { departementOf } from './calendar.rules.js';
import { minutesOf } from './timetable.rules.js';
import * as repo from './schools.repository.js';
import { roomHasCourses } from './courses.repository.js';

type SchoolBody = z.infer<typeof SchoolInput>;

function toSchool(row: repo.SchoolRow, rooms: repo.RoomRow[], staff: string[]): School {
  return {
    id: row.id,
    name: row.name,
    address: JSON.parse(row.address) as School['address'],
    phone: row.phone,
    email: row.email,
    departement: row.departement,
    holidayZone: row.holiday_zone as School['holidayZone'],
    openingHours: JSON.parse(row.opening_hours) as School['openingHours'],
    rooms: rooms.map((r) => ({
      id: r.id,
      name: r.name,
      capacity: r.capacity,
      equipment: JSON.parse(r.equipment) as School['rooms'][number]['equipment'],
    })),
    staffUserIds: staff,
    version: row.version,
  };
}

/**
 * What is wrong with a school's form, per field: opening hours that close before they open, two rooms with one
 * name (names are compared as people read them: case and spaces aside).
 */
export function schoolFormProblems(body: SchoolBody): FieldIssue[] {
  const problems: FieldIssue[] = [];
  body.openingHours.forEach((hours, index) => {
    if (minutesOf(hours.closes) <= minutesOf(hours.opens)) {
      problems.push({ field: `openingHours.${index}.closes`, code: 'CLOSES_BEFORE_OPENING' });
    }
  });
  const seen = new Set<string>();
  body.rooms.forEach((room, index) => {
    const key = room.name.toLocaleLowerCase('fr').replace(/\s+/g, ' ');
    if (seen.has(key)) problems.push({ field: `rooms.${index}.name`, code: 'ROOM_NAME_TAKEN' });
    seen.add(key);
  });
  return problems;
}

/** The roles that work for the whole network whatever their assignments: the director and the board. */
const NETWORK_ROLES: readonly Role[] = ['admin', 'board'];

/** Schools, their rooms and opening hours, and which secretariat accounts work for which school. */
export function createSchoolsService(deps: Deps) {
  const { db, clock } = deps;

  async function load(tx: Tx, rows: repo.SchoolRow[]): Promise<School[]> {
    const ids = rows.map((r) => r.id);
    const [rooms, staff] = await Promise.all([repo.roomsOf(tx, ids), repo.staffOf(tx, ids)]);
    return rows.map((row) =>
      toSchool(
        row,
        rooms.filter((r) => r.school_id === row.id),
        staff.filter((s) => s.school_id === row.id).map((s) => s.user_id),
      ),
    );
  }

  async function loadOne(tx: Tx, id: string): Promise<School> {
    const row = await repo.findSchool(tx, id);
    if (!row) throw notFound();
    return (await load(tx, [row]))[0]!;
  }

  function columns(body: SchoolBody, now: string) {
    return {
      name: body.name,
      address: JSON.stringify(body.address),
      postal_code: body.address.postalCode,
      departement: departementOf(body.address.postalCode),
      holiday_zone: body.holidayZone,
      phone: body.phone ?? null,
      email: body.email ?? null,
      opening_hours: JSON.stringify([...body.openingHours].sort((a, b) => a.weekday - b.weekday)),
      updated_at: now,
    };
  }

  async function saveRooms(tx: Tx, schoolId: string, body: SchoolBody, existing: School['rooms']): Promise<void> {
    const ownIds = new Set(existing.map((r) => r.id));
    const rooms = body.rooms.map((room, position) => {
      // An id the school does not own is a new room (never another school's room moved in by a forged id).
      const id = room.id && ownIds.has(room.id) ? room.id : newId();
      return {
        id,
        school_id: schoolId,
        name: room.name,
        capacity: room.capacity,
        equipment: JSON.stringify(room.equipment),
        position,
      };
    });
    // A room that still hosts courses stays until they move (never a course left pointing at nothing).
    const kept = new Set(rooms.map((r) => r.id));
    const used = await roomHasCourses(
      tx,
      existing.filter((r) => !kept.has(r.id)).map((r) => r.id),
    );
    if (used) {
      const index = existing.findIndex((r) => r.id === used);
      throw new DomainError('ROOM_IN_USE', { fields: [{ field: `rooms.${index}`, code: 'ROOM_IN_USE' }] });
    }
    await repo.replaceRooms(tx, schoolId, rooms);
  }

  async function assertValid(tx: Tx, body: SchoolBody, exceptId: string | null): Promise<void> {
    const problems = schoolFormProblems(body);
    if (problems.length) throw new DomainError(problems[0]!.code, { status: 422, fields: problems });
    if (await repo.schoolNameTaken(tx, body.name, exceptId)) {
      throw new DomainError('SCHOOL_NAME_TAKEN', { fields: [{ field: 'name', code: 'SCHOOL_NAME_TAKEN' }] });
    }
  }

  /**
   * Whether an actor may change what belongs to a school (its courses, its timetable): the director and the board
   * everywhere; a secretariat member in the schools they are assigned to, or everywhere when assigned to none.
   */
  async function mayChangeSchool(tx: Tx, actor: Actor, schoolId: string): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'user') return false;
    if (NETWORK_ROLES.some((role) => actor.roles.has(role))) return true;
    if (!actor.roles.has('secretariat')) return false;
    const mine = await repo.schoolsOfUser(tx, actor.userId);
    return mine.length === 0 || mine.includes(schoolId);
  }

  return {
    mayChangeSchool,
    /** Throws 403 SCHOOL_OUT_OF_SCOPE when the actor works for other schools than this one. */
    async assertSchoolInScope(tx: Tx, actor: Actor, schoolId: string): Promise<void> {
      if (!(await mayChangeSchool(tx, actor, schoolId))) throw new DomainError('SCHOOL_OUT_OF_SCOPE');
    },

    async list(actor: Actor): Promise<School[]> {
      requirePermission(actor, 'schools.read');
      return load(db, await repo.listSchools(db));
    },

    async get(actor: Actor, id: string): Promise<School> {
      requirePermission(actor, 'schools.read');
      return loadOne(db, id);
    },

    async create(actor: Actor, body: SchoolBody): Promise<School> {
      requirePermission(actor, 'schools.configure');
      return db.transaction().execute(async (tx) => {
        await assertValid(tx, body, null);
        const now = clock.now().toISOString();
        const id = newId();
        await repo.insertSchool(tx, { id, created_at: now, version: 1, ...columns(body, now) });
        await saveRooms(tx, id, body, []);
        const school = await loadOne(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'school', entityId: id, action: 'create', after: school });
        return school;
      });
    },

    async update(actor: Actor, id: string, body: z.infer<typeof UpdateSchoolBody>): Promise<School> {
      requirePermission(actor, 'schools.configure');
      return db.transaction().execute(async (tx) => {
        const before = await loadOne(tx, id);
        await assertValid(tx, body, id);
        const now = clock.now().toISOString();
        if (!(await repo.updateSchool(tx, id, body.version, columns(body, now)))) throw stale();
        await saveRooms(tx, id, body, before.rooms);
        const after = await loadOne(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'school', entityId: id, action: 'update', before, after });
        return after;
      });
    },

    /** Who works for a school: secretariat accounts only (the director and the board see the whole network). */
    async setStaff(actor: Actor, id: string, body: z.infer<typeof SchoolStaffBody>): Promise<School> {
      requirePermission(actor, 'schools.configure');
      return db.transaction().execute(async (tx) => {
        const before = await loadOne(tx, id);
        const userIds = [...new Set(body.userIds)];
        const secretariat = await repo.secretariatUsers(tx, userIds);
        const index = userIds.findIndex((userId) => !secretariat.has(userId));
        if (index >= 0) {
          throw new DomainError('NOT_SECRETARIAT', {
            fields: [{ field: `userIds.${index}`, code: 'NOT_SECRETARIAT' }],
          });
        }
        await repo.replaceStaff(tx, id, userIds);
        const after = await loadOne(tx, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'school',
          entityId: id,
          action: 'staff-assigned',
          before: { staffUserIds: before.staffUserIds },
          after: { staffUserIds: after.staffUserIds },
        });
        return after;
      });
    },
  };
}
export type SchoolsService = ReturnType<typeof createSchoolsService>;
