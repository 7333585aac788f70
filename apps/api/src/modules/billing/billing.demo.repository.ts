import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type {
  AssignmentsTable,
  DebitHoldsTable,
  LessonFilesTable,
  LessonsTable,
  PlansTable,
  SubscriptionsTable,
} from '../../db/tables.js';

/** The writes of the billing demo (billing.demo.ts): rows the agency's loop would have produced, and their money. */

export async function insertPlan(tx: Tx, row: Insertable<PlansTable>): Promise<void> {
  await tx.insertInto('plans').values(row).execute();
}

export async function firstStudentOf(tx: Tx, familyId: string) {
  return tx
    .selectFrom('people')
    .select(['id', 'first_name'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'student')
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function familyName(tx: Tx, familyId: string): Promise<string> {
  return (await tx.selectFrom('families').select('name').where('id', '=', familyId).executeTakeFirstOrThrow()).name;
}

export async function insertLessonFile(tx: Tx, row: Insertable<LessonFilesTable>): Promise<void> {
  await tx.insertInto('lesson_files').values(row).execute();
}

export async function insertAssignment(tx: Tx, row: Insertable<AssignmentsTable>): Promise<void> {
  await tx.insertInto('assignments').values(row).execute();
}

export async function insertSubscription(tx: Tx, row: Insertable<SubscriptionsTable>): Promise<void> {
  await tx.insertInto('subscriptions').values(row).execute();
}

export async function insertLesson(tx: Tx, row: Insertable<LessonsTable>): Promise<void> {
  await tx.insertInto('lessons').values(row).execute();
}

/** An invoice settled by transfer: the invoice paid, its instalments paid by transfer. */
export async function markPaidByTransfer(tx: Tx, invoiceId: string): Promise<void> {
  await tx.updateTable('invoices').set({ status: 'paid' }).where('id', '=', invoiceId).execute();
  await tx
    .updateTable('invoice_instalments')
    .set({ status: 'paid', method: 'transfer' })
    .where('invoice_id', '=', invoiceId)
    .execute();
}

export async function markPreNotified(tx: Tx, invoiceId: string, at: string, dueOn: string): Promise<void> {
  await tx
    .updateTable('invoice_instalments')
    .set({ prenotified_at: at, prenotified_due_on: dueOn })
    .where('invoice_id', '=', invoiceId)
    .execute();
}

export async function insertHold(tx: Tx, row: Insertable<DebitHoldsTable>): Promise<void> {
  await tx.insertInto('debit_holds').values(row).execute();
}

export async function markSubscriptionHeld(tx: Tx, id: string, reason: string, since: string): Promise<void> {
  await tx
    .updateTable('subscriptions')
    .set({ on_hold: 1, hold_reason: reason, hold_since: since })
    .where('id', '=', id)
    .execute();
}
