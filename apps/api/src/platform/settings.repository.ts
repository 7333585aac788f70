import type { Kysely } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';

/** The stored JSON of one setting, or undefined when none was saved. */
export async function storedSetting(db: Kysely<DB> | Tx, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Every stored setting. */
export function storedSettings(db: Kysely<DB> | Tx) {
  return db.selectFrom('settings').select(['key', 'value']).execute();
}

/** Saves a setting's JSON: updates the row (version + 1) or creates it. */
export async function saveSetting(db: Kysely<DB> | Tx, key: string, json: string, at: string): Promise<void> {
  const updated = await db
    .updateTable('settings')
    .set((eb) => ({ value: json, updated_at: at, version: eb('version', '+', 1) }))
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db.insertInto('settings').values({ key, value: json, version: 1, updated_at: at }).execute();
}
