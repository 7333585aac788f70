import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { SepaMandatesTable } from '../../db/tables.js';
import { keysetAfter } from '../../platform/cursor.js';
import { containsText } from '../people/people.repository.js';

/** SEPA mandates: the queries of mandates.service.ts. */

type MandateRow = Selectable<SepaMandatesTable>;

/** A family's mandates, most recently signed (then created) first. */
export async function mandatesOfFamily(tx: Tx, familyId: string) {
  return tx
    .selectFrom('sepa_mandates')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('signed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** A page of every family's mandates on (signed_on, id), newest first; a name or RUM fragment narrows it. */
export async function mandatePage(
  tx: Tx,
  filter: { q?: string; status?: string; after?: [string, string]; limit: number },
) {
  let q = tx
    .selectFrom('sepa_mandates')
    .innerJoin('families', 'families.id', 'sepa_mandates.family_id')
    .selectAll('sepa_mandates')
    .select('families.name as family_name');
  if (filter.status) q = q.where('sepa_mandates.status', '=', filter.status);
  const text = filter.q;
  if (text) q = q.where((eb) => eb.or([containsText('families.name', text), containsText('sepa_mandates.rum', text)]));
  if (filter.after) q = q.where(keysetAfter('sepa_mandates.signed_on', 'sepa_mandates.id', '<', filter.after));
  return q
    .orderBy('sepa_mandates.signed_on', 'desc')
    .orderBy('sepa_mandates.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function familyExists(tx: Tx, familyId: string): Promise<boolean> {
  return !!(await tx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst());
}

/** Whether this creditor already holds a mandate with this reference, ignoring case (a RUM is unique per creditor). */
export async function rumTaken(tx: Tx, creditorIdentifier: string, rum: string, except?: string): Promise<boolean> {
  let query = tx
    .selectFrom('sepa_mandates')
    .select('id')
    .where('creditor_identifier', '=', creditorIdentifier)
    .where(sql<string>`lower(rum)`, '=', rum.toLowerCase());
  if (except) query = query.where('id', '<>', except);
  const clash = await query.executeTakeFirst();
  return !!clash;
}

export async function insertMandate(tx: Tx, row: Insertable<SepaMandatesTable>): Promise<void> {
  await tx.insertInto('sepa_mandates').values(row).execute();
}

export async function findMandate(tx: Tx, id: string) {
  return tx.selectFrom('sepa_mandates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes a mandate at this version; false when someone else changed it. */
export async function updateMandate(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<
    Pick<
      MandateRow,
      | 'status'
      | 'ended_on'
      | 'ended_reason'
      | 'updated_at'
      | 'final_on_next'
      | 'rum'
      | 'original_rum'
      | 'creditor_identifier'
    >
  >,
): Promise<boolean> {
  const res = await tx
    .updateTable('sepa_mandates')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
