import { sql, type Insertable } from 'kysely';
import { GIVEN_LESSON_STATUSES } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { DebitHoldsTable, WaivedPeriodsTable } from '../../db/tables.js';
import { readInBatches } from '../../platform/batching.js';
import { keysetAfter } from '../../platform/cursor.js';

/** Debit holds: the queries of holds.service.ts. */

/**
 * The last given lesson per file and per student, for one chunk of subscriptions: two grouped reads, each on its own
 * (…, status, lesson_date) index, rather than one OR across file and student that no index serves.
 */
export async function lastGivenLessons(tx: Tx, fileIds: string[], studentIds: string[]) {
  const byFile = await tx
    .selectFrom('lessons')
    .select(['file_id', sql<string>`max(lesson_date)`.as('last')])
    .where('status', 'in', [...GIVEN_LESSON_STATUSES])
    .where('file_id', 'in', fileIds)
    .groupBy('file_id')
    .execute();
  const byStudent = await tx
    .selectFrom('lessons')
    .select(['student_id', sql<string>`max(lesson_date)`.as('last')])
    .where('status', 'in', [...GIVEN_LESSON_STATUSES])
    .where('student_id', 'in', studentIds)
    .groupBy('student_id')
    .execute();
  return {
    byFile: new Map(byFile.map((r) => [r.file_id, r.last])),
    byStudent: new Map(byStudent.map((r) => [r.student_id, r.last])),
  };
}

/**
 * Active subscriptions billed since `handedOverBy` at the latest, not ended by `today`, without an open hold: those
 * the no-lesson rule may hold.
 */
export async function subscriptionsThatMayBeHeld(tx: Tx, handedOverBy: string, today: string) {
  return tx
    .selectFrom('subscriptions')
    .innerJoin('families', 'families.id', 'subscriptions.family_id')
    .innerJoin('people', 'people.id', 'subscriptions.student_id')
    .select([
      'subscriptions.id',
      'subscriptions.file_id',
      'subscriptions.student_id',
      'subscriptions.family_id',
      'subscriptions.billable_from',
      'families.name as family_name',
      'people.first_name',
    ])
    .where('subscriptions.status', '=', 'active')
    .where('subscriptions.billable_from', 'is not', null)
    .where('subscriptions.billable_from', '<=', handedOverBy)
    .where((eb) => eb.or([eb('subscriptions.ended_on', 'is', null), eb('subscriptions.ended_on', '>=', today)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('debit_holds')
            .select('debit_holds.id')
            .whereRef('debit_holds.subscription_id', '=', 'subscriptions.id')
            .where('debit_holds.released_at', 'is', null),
        ),
      ),
    )
    .execute();
}

/** subscription id → the day its last hold was released, per chunk of ids. */
export async function lastReleases(tx: Tx, subscriptionIds: string[]): Promise<Map<string, string>> {
  const rows = await readInBatches(subscriptionIds, (slice) =>
    tx
      .selectFrom('debit_holds')
      .select(['subscription_id', sql<string>`max(released_on)`.as('last')])
      .where('subscription_id', 'in', slice)
      .where('released_on', 'is not', null)
      .groupBy('subscription_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.subscription_id, r.last]));
}

/** Inserts holds, skipping those whose dedupe key exists; returns the subscriptions actually held now. */
export async function insertHoldsOnce(tx: Tx, rows: Insertable<DebitHoldsTable>[]): Promise<Set<string>> {
  const inserted = await tx
    .insertInto('debit_holds')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('subscription_id')
    .execute();
  return new Set(inserted.map((r) => r.subscription_id));
}

/** Flags subscriptions held, each with the reason of its (only) open hold. */
export async function flagSubscriptionsHeld(tx: Tx, ids: string[], today: string, now: string): Promise<void> {
  await tx
    .updateTable('subscriptions')
    .set((eb) => ({
      on_hold: 1,
      hold_reason: eb
        .selectFrom('debit_holds')
        .select('debit_holds.reason')
        .whereRef('debit_holds.subscription_id', '=', 'subscriptions.id')
        .where('debit_holds.released_at', 'is', null)
        .limit(1),
      hold_since: today,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', 'in', ids)
    .execute();
}

/** A page of holds, newest first on (since, id). */
export async function holdPage(
  tx: Tx,
  filter: { includeReleased?: boolean; familyId?: string; after?: [string, string]; limit: number },
) {
  let q = tx
    .selectFrom('debit_holds')
    .innerJoin('subscriptions', 'subscriptions.id', 'debit_holds.subscription_id')
    .innerJoin('families', 'families.id', 'subscriptions.family_id')
    .innerJoin('people', 'people.id', 'subscriptions.student_id')
    .select([
      'debit_holds.id',
      'debit_holds.subscription_id',
      'debit_holds.kind',
      'debit_holds.since',
      'debit_holds.reason',
      'debit_holds.version',
      'debit_holds.released_at',
      'debit_holds.release_reason',
      'subscriptions.family_id',
      'subscriptions.file_id',
      'subscriptions.student_id',
      'subscriptions.billable_from',
      'families.name as family_name',
      'people.first_name',
      'people.last_name',
    ])
    .orderBy('debit_holds.since', 'desc')
    .orderBy('debit_holds.id', 'desc')
    .limit(filter.limit + 1);
  if (!filter.includeReleased) q = q.where('debit_holds.released_at', 'is', null);
  if (filter.familyId) q = q.where('subscriptions.family_id', '=', filter.familyId);
  if (filter.after) q = q.where(keysetAfter('debit_holds.since', 'debit_holds.id', '<', filter.after));
  return q.execute();
}

export async function findHold(tx: Tx, id: string) {
  return tx.selectFrom('debit_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Releases a hold at this version; false when someone else changed it. */
export async function releaseHold(
  tx: Tx,
  id: string,
  version: number,
  set: { released_at: string; released_on: string; released_by: string | null; release_reason: string },
): Promise<boolean> {
  const res = await tx
    .updateTable('debit_holds')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function hasOpenHold(tx: Tx, subscriptionId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('debit_holds')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export async function clearSubscriptionHold(tx: Tx, subscriptionId: string, now: string): Promise<void> {
  await tx
    .updateTable('subscriptions')
    .set((eb) => ({
      on_hold: 0,
      hold_reason: null,
      hold_since: null,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', subscriptionId)
    .execute();
}

export async function fileOfSubscription(tx: Tx, subscriptionId: string) {
  return tx.selectFrom('subscriptions').select('file_id').where('id', '=', subscriptionId).executeTakeFirst();
}

/** What the periods of one subscription are computed from (its clock and its plan). */
export async function subscriptionClock(tx: Tx, subscriptionId: string) {
  return tx
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select([
      'subscriptions.id',
      'subscriptions.status',
      'subscriptions.billable_from',
      'subscriptions.ended_on',
      'plans.price_cents',
      'plans.billing_period',
    ])
    .where('subscriptions.id', '=', subscriptionId)
    .executeTakeFirst();
}

/** Records the release's choice on the hold (invoice or waive the periods begun while it held). */
export async function setReleaseChoice(tx: Tx, id: string, choice: string): Promise<void> {
  await tx.updateTable('debit_holds').set({ release_choice: choice }).where('id', '=', id).execute();
}

export async function insertWaivedPeriods(tx: Tx, rows: Insertable<WaivedPeriodsTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('waived_periods').values(rows).execute();
}
