import type { Kysely } from 'kysely';

/**
 * A mandate keeps the creditor identifier (ICS) it was signed under (`sepa_mandates.creditor_identifier`, since the
 * billing migration) and, once its reference changed, the reference the debtor's bank knows (`original_rum`), until
 * the next collection carries the amendment (AmdmntInd, AmdmntInfDtls). A debit records what its file carried.
 * A mandate without its ICS (none should exist) takes the organisation's current one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sepa_mandates').addColumn('original_rum', 'text').execute();
  await db.schema.alterTable('debits').addColumn('original_rum', 'text').execute();
  await db.schema.alterTable('debits').addColumn('original_creditor_identifier', 'text').execute();
  const saved = (await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'billing.creditor')
    .executeTakeFirst()) as { value: string } | undefined;
  const creditor = saved ? (JSON.parse(saved.value) as { identifier?: string } | null) : null;
  if (creditor?.identifier) {
    await db
      .updateTable('sepa_mandates')
      .set({ creditor_identifier: creditor.identifier.replace(/\s+/g, '').toUpperCase() })
      .where((eb) => eb.or([eb('creditor_identifier', 'is', null), eb('creditor_identifier', '=', '')]))
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('debits').dropColumn('original_creditor_identifier').execute();
  await db.schema.alterTable('debits').dropColumn('original_rum').execute();
  await db.schema.alterTable('sepa_mandates').dropColumn('original_rum').execute();
}
