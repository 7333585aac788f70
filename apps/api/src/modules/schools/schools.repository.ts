import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

export type SchoolRow = Selectable<DB['schools']>;
export type RoomRow = Selectable<DB['school_rooms']>;
export type SeasonRow = Selectable<DB['seasons']>;
export type TermRow = Selectable<DB['season_terms']>;
export type CalendarEntryRow = Selectable<DB['calendar_entries']>;

export async function listSchools(db: Tx): Promise<SchoolRow[]> {
  return db.selectFrom('schools').selectAll().orderBy('name').execute();
}

export async function findSchool(db: Tx, id: string): Promise<SchoolRow | undefined> {
  return db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function schoolNameTaken(db: Tx, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('schools').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return !!(await query.executeTakeFirst());
}

export async function insertSchool(tx: Tx, row: Insertable<DB['schools']>): Promise<void> {
  await tx.insertInto('schools').values(row).execute();
}

/** Saves a school's own columns if nobody saved it since `version` was read; false when someone did. */
export async function updateSchool(
  tx: Tx,
  id: string,
  version: number,
  values: Omit<Insertable<DB['schools']>, 'id' | 'created_at' | 'version'>,
): Promise<boolean> {
  const result = await tx
    .updateTable('schools')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rooms of some schools, in their order. */
export async function roomsOf(db: Tx, schoolIds: readonly string[]): Promise<RoomRow[]> {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom('school_rooms')
    .selectAll()
    .where('school_id', 'in', schoolIds)
    .orderBy('school_id')
    .orderBy('position')
    .execute();
}

/** Replaces a school's rooms by the given list: kept ids are updated, new ones inserted, the others deleted. */
export async function replaceRooms(tx: Tx, schoolId: string, rooms: readonly Insertable<DB['school_rooms']>[]) {
  const keep = rooms.map((r) => r.id);
  let removal = tx.deleteFrom('school_rooms').where('school_id', '=', schoolId);
  if (keep.length) removal = removal.where('id', 'not in', keep);
  await removal.execute();
  // Renames may swap two names: park the kept rooms under their ids first so the unique name never collides.
  for (const room of rooms) {
    await tx.updateTable('school_rooms').set({ name: room.id }).where('id', '=', room.id).execute();
  }
  for (const room of rooms) {
    const updated = await tx
      .updateTable('school_rooms')
      .set({ name: room.name, capacity: room.capacity, equipment: room.equipment, position: room.position })
      .where('id', '=', room.id)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await tx.insertInto('school_rooms').values(room).execute();
  }
}

export async function roomBelongsTo(db: Tx, roomId: string): Promise<string | null> {
  const row = await db.selectFrom('school_rooms').select('school_id').where('id', '=', roomId).executeTakeFirst();
  return row?.school_id ?? null;
}

export async function staffOf(db: Tx, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return [];
  return db.selectFrom('school_staff').selectAll().where('school_id', 'in', schoolIds).execute();
}

/** The schools a user works for (empty: not assigned to any, i.e. the whole network). */
export async function schoolsOfUser(db: Tx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('school_staff').select('school_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.school_id);
}

export async function replaceStaff(tx: Tx, schoolId: string, userIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('school_staff').where('school_id', '=', schoolId).execute();
  if (userIds.length) {
    await tx
      .insertInto('school_staff')
      .values(userIds.map((user_id) => ({ school_id: schoolId, user_id })))
      .execute();
  }
}

/** Which of these users hold the secretariat role. */
export async function secretariatUsers(db: Tx, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('role', '=', 'secretariat')
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function listSeasons(db: Tx): Promise<SeasonRow[]> {
  return db.selectFrom('seasons').selectAll().orderBy('starts_on', 'desc').execute();
}

export async function findSeason(db: Tx, id: string): Promise<SeasonRow | undefined> {
  return db.selectFrom('seasons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function seasonNameTaken(db: Tx, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('seasons').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return !!(await query.executeTakeFirst());
}

export async function insertSeason(tx: Tx, row: Insertable<DB['seasons']>): Promise<void> {
  await tx.insertInto('seasons').values(row).execute();
}

export async function updateSeason(
  tx: Tx,
  id: string,
  version: number,
  values: Pick<Insertable<DB['seasons']>, 'name' | 'starts_on' | 'ends_on' | 'updated_at'>,
): Promise<boolean> {
  const result = await tx
    .updateTable('seasons')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function termsOf(db: Tx, seasonIds: readonly string[]): Promise<TermRow[]> {
  if (seasonIds.length === 0) return [];
  return db
    .selectFrom('season_terms')
    .selectAll()
    .where('season_id', 'in', seasonIds)
    .orderBy('season_id')
    .orderBy('position')
    .execute();
}

export async function replaceTerms(tx: Tx, seasonId: string, terms: readonly Insertable<DB['season_terms']>[]) {
  await tx.deleteFrom('season_terms').where('season_id', '=', seasonId).execute();
  if (terms.length) await tx.insertInto('season_terms').values(terms).execute();
}

export async function calendarEntries(db: Tx, seasonId: string): Promise<CalendarEntryRow[]> {
  return db
    .selectFrom('calendar_entries')
    .selectAll()
    .where('season_id', '=', seasonId)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

export async function findCalendarEntry(db: Tx, id: string): Promise<CalendarEntryRow | undefined> {
  return db.selectFrom('calendar_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCalendarEntries(tx: Tx, rows: readonly Insertable<DB['calendar_entries']>[]) {
  if (rows.length) await tx.insertInto('calendar_entries').values(rows).execute();
}

export async function deleteCalendarEntry(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('calendar_entries').where('id', '=', id).execute();
}

/** Removes a zone's imported holidays of a season (a new import replaces them); how many there were. */
export async function deleteZoneHolidays(tx: Tx, seasonId: string, zone: string): Promise<number> {
  const result = await tx
    .deleteFrom('calendar_entries')
    .where('season_id', '=', seasonId)
    .where('kind', '=', 'school_holiday')
    .where('zone', '=', zone)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
