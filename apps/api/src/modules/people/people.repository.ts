import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { Engine } from '../../db/dialect.js';
import type { DB, FamiliesTable, PeopleTable } from '../../db/tables.js';
import { foldAccents } from '../../platform/search-text.js';
import { keysetAfter } from '../../platform/cursor.js';

export type PersonRow = Selectable<PeopleTable>;
export type FamilyRow = Selectable<FamiliesTable>;

export const PERSON_COLUMNS = [
  'id',
  'kind',
  'first_name',
  'last_name',
  'email',
  'phone',
  'birth_date',
  'family_id',
  'user_id',
  'notes',
  'created_at',
  'updated_at',
  'version',
] as const;

export async function findPerson(db: Tx, id: string) {
  return db.selectFrom('people').select(PERSON_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findFamily(db: Tx, id: string) {
  return db.selectFrom('families').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function peopleOfFamily(db: Tx, familyId: string) {
  return db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('family_id', '=', familyId)
    .orderBy('kind')
    .orderBy('first_name')
    .execute();
}

/** Keyset page of families by name; `q` filters on a name prefix. */
export async function listFamilies(db: Tx, options: { after?: [string, string]; q?: string; limit: number }) {
  let query = db
    .selectFrom('families')
    .select(['families.id', 'families.name', 'families.billing_city'])
    .orderBy('families.name')
    .orderBy('families.id')
    .limit(options.limit + 1);
  if (options.q) query = query.where(containsText('families.name', options.q));
  if (options.after) {
    const [name, id] = options.after;
    query = query.where(keysetAfter('families.name', 'families.id', '>', [name, id]));
  }
  const families = await query.execute();
  const ids = families.map((f) => f.id);
  const members = ids.length
    ? await db
        .selectFrom('people')
        .select(['family_id', 'kind', 'first_name', 'last_name'])
        .where('family_id', 'in', ids)
        .execute()
    : [];
  return families.map((f) => ({
    ...f,
    guardians: members.filter((m) => m.family_id === f.id && m.kind === 'guardian'),
    studentCount: members.filter((m) => m.family_id === f.id && m.kind === 'student').length,
  }));
}

export async function listTeachers(db: Tx, options: { after?: [string, string]; limit: number }) {
  let query = db
    .selectFrom('people')
    .innerJoin('teachers', 'teachers.person_id', 'people.id')
    .select([...PERSON_COLUMNS.map((c) => `people.${c}` as const), 'teachers.status'])
    .where('people.kind', '=', 'teacher')
    .orderBy('people.last_name')
    .orderBy('people.id')
    .limit(options.limit + 1);
  if (options.after) {
    const [lastName, id] = options.after;
    query = query.where(keysetAfter('people.last_name', 'people.id', '>', [lastName, id]));
  }
  return query.execute();
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text` literally (its % and _ are not wildcards). The escape character is spelled out: SQLite
 * has none by default, so without it the backslashes of `escapeLike` were matched as characters there.
 */
export function containsText(column: string, text: string) {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

export type SearchKind = { type: 'name'; words: string[] } | { type: 'contact'; fragment: string };

/** Decides whether the caller typed a name, an e-mail or a phone number ("06 12 34 56 78", "+33 6…"). */
export function classifySearch(q: string): SearchKind | null {
  const trimmed = q.trim();
  if (trimmed.includes('@')) return { type: 'contact', fragment: trimmed.toLowerCase() };
  if (/^[+\d\s().-]+$/.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    if (trimmed.startsWith('00')) digits = digits.slice(2);
    return digits.length >= 3 ? { type: 'contact', fragment: digits } : null;
  }
  const words = foldAccents(trimmed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length ? { type: 'name', words: words.slice(0, 5) } : null;
}

/** Person search: FTS5 on SQLite (prefix words / trigram contact), trigram indexes on PostgreSQL. */
export async function searchPeople(db: Tx, engine: Engine, kind: SearchKind, limit: number) {
  // The family's name as a scalar subquery rather than a join: PostgreSQL then reads it for the page only, after
  // the sort and limit (21 lookups instead of one per match: p95 80 → 13 ms for a common first name in 1M people).
  const base = db
    .selectFrom('people')
    .select([
      'people.id',
      'people.kind',
      'people.first_name',
      'people.last_name',
      'people.email',
      'people.phone',
      'people.family_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('families')
        .select('families.name')
        .whereRef('families.id', '=', 'people.family_id')
        .as('family_name'),
    )
    .limit(limit);
  if (engine === 'sqlite') {
    if (kind.type === 'name') {
      const match = kind.words.map((w) => `"${w}"*`).join(' ');
      return base
        .where(
          sql<boolean>`people.seq in (select rowid from people_name_fts where people_name_fts match ${match} limit 200)`,
        )
        .orderBy('people.last_name')
        .orderBy('people.first_name')
        .execute();
    }
    if (kind.fragment.length < 3) return [];
    const match = `"${kind.fragment.replace(/"/g, '""')}"`;
    return base
      .where(
        sql<boolean>`people.seq in (select rowid from people_contact_fts where people_contact_fts match ${match} limit 200)`,
      )
      .orderBy('people.last_name')
      .execute();
  }
  if (kind.type === 'name') {
    let query = base;
    for (const word of kind.words)
      query = query.where(sql<boolean>`people.search_name like ${`% ${escapeLike(word)}%`}`);
    return query.orderBy('people.last_name').orderBy('people.first_name').execute();
  }
  return base
    .where(sql<boolean>`people.search_contact like ${`%${escapeLike(kind.fragment)}%`}`)
    .orderBy('people.last_name')
    .execute();
}

export async function insertPersonRow(tx: Tx, row: Insertable<DB['people']>): Promise<void> {
  await tx.insertInto('people').values(row).execute();
}

export async function insertFamilyRow(tx: Tx, row: Insertable<DB['families']>): Promise<void> {
  await tx.insertInto('families').values(row).execute();
}

/** A new teacher's own row, active. */
export async function insertActiveTeacher(tx: Tx, personId: string, now: string): Promise<void> {
  await tx
    .insertInto('teachers')
    .values({ person_id: personId, status: 'active', bio: null, created_at: now, updated_at: now, version: 1 })
    .execute();
}

/** Updates a family at the version the caller read (version + 1); false when someone changed it since. */
export async function updateFamilyAtVersion(
  tx: Tx,
  familyId: string,
  version: number,
  set: Updateable<DB['families']>,
): Promise<boolean> {
  const result = await tx
    .updateTable('families')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Updates a person at the version the caller read (version + 1); false when someone changed it since. */
export async function updatePersonAtVersion(
  tx: Tx,
  personId: string,
  version: number,
  set: Updateable<DB['people']>,
): Promise<boolean> {
  const result = await tx
    .updateTable('people')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', personId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A teacher's status and bio. */
export async function teacherRow(db: Tx, teacherId: string) {
  return db.selectFrom('teachers').select(['status', 'bio']).where('person_id', '=', teacherId).executeTakeFirst();
}
