import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { AssignmentsTable } from '../../db/tables.js';

/** The SQL of the hand-over. */

/** The file's subscription waiting for a teacher (pending). */
export async function pendingSubscription(tx: Tx, fileId: string) {
  return tx
    .selectFrom('subscriptions')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertAssignment(tx: Tx, row: Insertable<AssignmentsTable>): Promise<void> {
  await tx.insertInto('assignments').values(row).execute();
}
