import type { Role } from '@contracts';
import type { CompiledQuery, Kysely } from 'kysely';
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
