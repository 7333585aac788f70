import type { Insertable } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';
import { inBatches } from './batching.js';

export type AuditRow = Insertable<DB['audit_log']>;

/** One entry of the audit trail, in the caller's transaction. */
export async function insertAuditRow(tx: Tx, row: AuditRow): Promise<void> {
  await tx.insertInto('audit_log').values(row).execute();
}

/** Many entries: one multi-row insert per 500 rows (9 columns a row stay under both engines' parameter limits). */
export async function insertAuditRows(tx: Tx, rows: AuditRow[]): Promise<void> {
  await inBatches(rows, 500, (slice) => tx.insertInto('audit_log').values(slice).execute());
}
