import { sql, type Kysely } from 'kysely';

/**
 * Indexes of the billing sweep and the collection batch at 1M lessons (bench `sweep`, `sepa`). The sweep reads, per
 * subscription, how many periods were invoiced and the last one, to compute only the periods still due: a covering
 * (subscription_id, period_start) range. A batch leaves out the debits of a period with a disputed lesson: the
 * partial index holds only disputed lessons (a handful), where the family index made it read every lesson of every
 * family in the batch. Queries must say `family_response = 'disputed'` literally for the planner to pick it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('invoices_subscription_period_idx')
    .ifNotExists()
    .on('invoices')
    .columns(['subscription_id', 'period_start'])
    .execute();
  await db.schema
    .createIndex('lessons_disputed_idx')
    .ifNotExists()
    .on('lessons')
    .columns(['student_id', 'lesson_date'])
    .where(sql.ref('family_response'), '=', sql.lit('disputed'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['invoices_subscription_period_idx', 'lessons_disputed_idx'])
    await db.schema.dropIndex(index).ifExists().execute();
}
