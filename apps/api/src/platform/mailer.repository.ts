import type { Insertable, Kysely } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';
import { inBatches } from './batching.js';

export type OutboxRow = Insertable<DB['outbox']>;

/** Writes messages to the outbox in the caller's transaction: 500 rows a statement (15 columns a row). */
export async function insertOutboxRows(tx: Tx, rows: OutboxRow[]): Promise<void> {
  await inBatches(rows, 500, (slice) => tx.insertInto('outbox').values(slice).execute());
}

/** The oldest messages waiting for delivery. */
export function pendingMessages(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Claims a pending message for this instance; false when another one took it first. */
export async function claimMessage(db: Kysely<DB>, id: string): Promise<boolean> {
  const claim = await db
    .updateTable('outbox')
    .set({ status: 'sending' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(claim.numUpdatedRows) === 1;
}

/** The SMTP server took the message: the clear body goes. */
export async function markMessageSent(db: Kysely<DB>, id: string, sentAt: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: sentAt, error: null, delivery_text: null, delivery_html: null })
    .where('id', '=', id)
    .execute();
}

/** Delivery failed (not retried): the clear body goes too. */
export async function markMessageFailed(db: Kysely<DB>, id: string, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', error, delivery_text: null, delivery_html: null })
    .where('id', '=', id)
    .execute();
}
