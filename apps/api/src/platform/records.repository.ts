import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/tables.js';

/** Whether a row with this id exists in the table. */
export async function rowExists(db: Kysely<DB>, table: keyof DB, id: string): Promise<boolean> {
  const found = await sql<{ id: string }>`select id from ${sql.table(table)} where id = ${id}`.execute(db);
  return !!found.rows[0];
}
