import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { TicketMessagesTable, TicketsTable } from '../../db/tables.js';

/** The SQL of tickets. */

export async function ticketMessages(db: Tx, ticketId: string) {
  return db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('at').execute();
}

export async function insertTicket(tx: Tx, row: Insertable<TicketsTable>): Promise<void> {
  await tx.insertInto('tickets').values(row).execute();
}

export async function insertTicketMessage(tx: Tx, row: Insertable<TicketMessagesTable>): Promise<void> {
  await tx.insertInto('ticket_messages').values(row).execute();
}

/** The latest 200 tickets, optionally of one status. */
export async function latestTickets(db: Tx, status?: string) {
  let q = db.selectFrom('tickets').selectAll().orderBy('created_at', 'desc').limit(200);
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

export async function ticketById(db: Tx, id: string) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function ticketExists(tx: Tx, id: string): Promise<boolean> {
  return !!(await tx.selectFrom('tickets').select('id').where('id', '=', id).executeTakeFirst());
}

/** Writes a ticket's change when it is still at `version`; returns the rows changed (0 or 1). */
export async function updateTicketAt(tx: Tx, id: string, version: number, set: Updateable<TicketsTable>) {
  const r = await tx
    .updateTable('tickets')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Closes the accounts task a ticket opened. */
export async function closeTicketTask(tx: Tx, ticketId: string, at: string): Promise<void> {
  await tx
    .updateTable('tasks')
    .set({ status: 'done', done_at: at, outcome: 'ticket solved' })
    .where('dedupe_key', '=', `ticket:${ticketId}`)
    .where('status', '=', 'open')
    .execute();
}
