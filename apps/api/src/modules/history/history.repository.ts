import type { Tx } from '../../db/database.js';

/** A record's audit trail, newest first (the last 500 entries). */
export async function auditEntriesOf(db: Tx, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
}
