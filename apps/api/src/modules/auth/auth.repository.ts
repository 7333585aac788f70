import type { Role } from '@contracts';
import type { Tx } from '../../db/database.js';

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
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The session with its user, in one query: this runs on every authenticated request. */
export async function findSession(db: Tx, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
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
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function countRecentFailures(db: Tx, key: string, since: string): Promise<number> {
  const lastSuccess = await db
    .selectFrom('rate_events')
    .select('at')
    .where('key', '=', key)
    .where('succeeded', '=', 1)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('succeeded', '=', 0)
    .where('at', '>=', lastSuccess?.at ?? since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
