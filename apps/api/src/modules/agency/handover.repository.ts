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

/** The teacher's status (undefined for someone who is not a teacher). */
export async function teacherStatus(tx: Tx, teacherId: string) {
  return tx.selectFrom('teachers').select(['status']).where('person_id', '=', teacherId).executeTakeFirst();
}

export async function insertAssignment(tx: Tx, row: Insertable<AssignmentsTable>): Promise<void> {
  await tx.insertInto('assignments').values(row).execute();
}
