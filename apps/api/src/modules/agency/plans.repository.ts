import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { PlansTable } from '../../db/tables.js';

/** The SQL of plans. */

/** Every plan, the active ones first, by name. */
export async function allPlans(db: Tx) {
  return db.selectFrom('plans').selectAll().orderBy('active', 'desc').orderBy('name').execute();
}

export async function planById(tx: Tx, id: string) {
  return tx.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(tx: Tx, row: Insertable<PlansTable>): Promise<void> {
  await tx.insertInto('plans').values(row).execute();
}

/** Writes a plan's change when it is still at `version`; returns the rows changed (0 or 1). */
export async function updatePlanAt(tx: Tx, id: string, version: number, set: Updateable<PlansTable>): Promise<number> {
  const result = await tx
    .updateTable('plans')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
