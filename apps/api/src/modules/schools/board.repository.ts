import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

export type DecisionRow = Selectable<DB['board_decisions']> & { season_name: string | null };
export type DecisionLinkRow = Selectable<DB['board_decision_links']>;
export type TariffsRow = Selectable<DB['season_tariffs']> & { subject: string };

function decisions(db: Tx) {
  return db
    .selectFrom('board_decisions as d')
    .leftJoin('seasons as s', 's.id', 'd.season_id')
    .selectAll('d')
    .select('s.name as season_name');
}

/** The register, newest decision first. */
export async function listDecisions(db: Tx, limit: number): Promise<DecisionRow[]> {
  return decisions(db)
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

export async function findDecision(db: Tx, id: string): Promise<DecisionRow | undefined> {
  return decisions(db).where('d.id', '=', id).executeTakeFirst();
}

export async function linksOf(db: Tx, decisionIds: readonly string[]): Promise<DecisionLinkRow[]> {
  if (decisionIds.length === 0) return [];
  return db
    .selectFrom('board_decision_links')
    .selectAll()
    .where('decision_id', 'in', decisionIds)
    .orderBy('created_at')
    .orderBy('target_type')
    .execute();
}

export async function insertDecision(tx: Tx, row: Insertable<DB['board_decisions']>): Promise<void> {
  await tx.insertInto('board_decisions').values(row).execute();
}

export async function insertLink(tx: Tx, row: Insertable<DB['board_decision_links']>): Promise<boolean> {
  const result = await tx
    .insertInto('board_decision_links')
    .values(row)
    .onConflict((c) => c.columns(['decision_id', 'target_type', 'target_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function insertTariffs(tx: Tx, row: Insertable<DB['season_tariffs']>): Promise<void> {
  await tx.insertInto('season_tariffs').values(row).execute();
}

/** The tariffs a season applies: those of its latest tariffs decision (by decision date, then recording). */
export async function currentTariffs(db: Tx, seasonId: string): Promise<TariffsRow | undefined> {
  return db
    .selectFrom('season_tariffs as t')
    .innerJoin('board_decisions as d', 'd.id', 't.decision_id')
    .selectAll('t')
    .select('d.subject')
    .where('t.season_id', '=', seasonId)
    .orderBy('t.decided_on', 'desc')
    .orderBy('t.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The season just before one (the latest that starts earlier): "last season". */
export async function previousSeason(db: Tx, seasonStart: string) {
  return db
    .selectFrom('seasons')
    .select(['id', 'name'])
    .where('starts_on', '<', seasonStart)
    .orderBy('starts_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A calendar entry's label, to link a closure or an open day to the decision that set it. */
export async function calendarEntryLabel(db: Tx, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('calendar_entries')
    .select(['label', 'starts_on', 'ends_on'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && `${row.label} (${row.starts_on} – ${row.ends_on})`;
}

/** A payment deferral's description, to link it to the decision that voted it. */
export async function paymentDeferralLabel(db: Tx, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('payment_deferrals')
    .select(['decision_ref', 'new_due_on'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && `${row.decision_ref} → ${row.new_due_on}`;
}
