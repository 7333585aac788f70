import type { Role } from '@contracts';
import type { CompiledQuery, Insertable, Kysely, Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

export async function findUserByEmail(db: Tx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Tx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Tx, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role as Role);
}

export async function countUsers(db: Tx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function sessionQuery(db: Tx, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as userId',
      'users.email',
      'users.display_name',
      'users.locale',
      'users.status',
      'users.person_id',
      'user_roles.role',
    ])
    .where('sessions.id', '=', sessionId);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];
/** Compiled once per database: the shape never changes and only the session id varies. */
const compiledSessionQuery = new WeakMap<object, CompiledQuery<SessionRow>>();

/**
 * The session with its user and roles, in one statement (one row per role): this runs on every authenticated
 * request, so it is also compiled only once.
 */
export async function findSession(db: Kysely<DB>, sessionId: string) {
  let compiled = compiledSessionQuery.get(db);
  if (!compiled) {
    compiled = sessionQuery(db, '').compile();
    compiledSessionQuery.set(db, compiled);
  }
  const { rows } = await db.executeQuery<SessionRow>({ ...compiled, parameters: [sessionId] });
  const first = rows[0];
  if (!first) return undefined;
  const { role: _role, ...session } = first;
  return { ...session, roles: rows.flatMap((r) => (r.role ? [r.role as Role] : [])).sort() };
}

/** Opens a session row. */
export async function insertSession(tx: Tx, row: Insertable<DB['sessions']>): Promise<void> {
  await tx.insertInto('sessions').values(row).execute();
}

/** Slides a session: seen now, expiring later. */
export async function touchSession(db: Tx, sessionId: string, seenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: seenAt, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Tx, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user but `keepSessionId` (none when null). */
export async function deleteSessionsOfUser(tx: Tx, userId: string, keepSessionId: string | null): Promise<void> {
  let sessions = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) sessions = sessions.where('id', '!=', keepSessionId);
  await sessions.execute();
}

/** Uses up every outstanding reset or invitation link of a user. */
export async function useUpTokensOfUser(tx: Tx, userId: string, at: string): Promise<void> {
  const tokens = tx.updateTable('auth_tokens').set({ used_at: at }).where('user_id', '=', userId);
  await tokens.where('used_at', 'is', null).execute();
}

export async function findToken(db: Tx, tokenHash: string) {
  return db.selectFrom('auth_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function insertToken(tx: Tx, row: Insertable<DB['auth_tokens']>): Promise<void> {
  await tx.insertInto('auth_tokens').values(row).execute();
}

/** Consumes a link once: false when it was already used (by a concurrent request). */
export async function consumeToken(tx: Tx, id: string, at: string): Promise<boolean> {
  const consumed = await tx
    .updateTable('auth_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(consumed.numUpdatedRows) === 1;
}

export async function insertUser(tx: Tx, row: Insertable<DB['users']>): Promise<void> {
  await tx.insertInto('users').values(row).execute();
}

export async function insertUserRoles(tx: Tx, userId: string, roles: readonly Role[]): Promise<void> {
  await tx
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

/** Plain update of a user's columns (no version check: the user's own changes). */
export async function setUserColumns(tx: Tx, userId: string, set: Updateable<DB['users']>): Promise<void> {
  await tx.updateTable('users').set(set).where('id', '=', userId).execute();
}

/** A new password hash (and status when given), version + 1. */
export async function setPassword(
  tx: Tx,
  userId: string,
  set: { password_hash: string; updated_at: string; status?: string },
): Promise<void> {
  await tx
    .updateTable('users')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** Forgets the one-time setup token once the first admin exists. */
export async function deleteSetupToken(tx: Tx): Promise<void> {
  await tx.deleteFrom('settings').where('key', '=', 'setup.tokenHash').execute();
}

/** The first account of the organisation is its director. */
export async function insertFirstAdminRole(tx: Tx, userId: string): Promise<void> {
  await tx.insertInto('user_roles').values({ user_id: userId, role: 'admin' }).execute();
}
