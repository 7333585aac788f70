import type { Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/** How many active accounts hold the admin role. */
export async function countActiveAdmins(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_roles.role', '=', 'admin')
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Links a person record to its account. */
export async function linkPersonToUser(tx: Tx, personId: string, userId: string): Promise<void> {
  await tx.updateTable('people').set({ user_id: userId }).where('id', '=', personId).execute();
}

/** The accounts' ids by display name (the first 1000). */
export async function userIdsByName(db: Tx) {
  return db.selectFrom('users').select('id').orderBy('display_name').limit(1000).execute();
}

/** Updates an account at the version the caller read (version + 1); false when someone changed it since. */
export async function updateUserAtVersion(
  tx: Tx,
  userId: string,
  version: number,
  set: Updateable<DB['users']>,
): Promise<boolean> {
  const result = await tx
    .updateTable('users')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRolesOfUser(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
}

/** A guardian to invite to the family portal: their e-mail, account link and their family's language. */
export async function guardianToInvite(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .leftJoin('families', 'families.id', 'people.family_id')
    .select([
      'people.id',
      'people.first_name',
      'people.last_name',
      'people.email',
      'people.user_id',
      'people.family_id',
      'families.locale',
    ])
    .where('people.id', '=', personId)
    .where('people.kind', '=', 'guardian')
    .executeTakeFirst();
}
