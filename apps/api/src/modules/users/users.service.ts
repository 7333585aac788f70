import type { z } from 'zod';
import type { InviteUserBody, Role, UpdateUserBody, User, Locale } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { DomainError, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import type { AuthService } from '../auth/auth.service.js';
import { findUserByEmail, findUserById, rolesOf } from '../auth/auth.repository.js';

/** User administration is the director's (admin) job. */
export function createUsersService(deps: Deps, auth: AuthService) {
  const { db, clock } = deps;

  async function view(tx: Tx, id: string): Promise<User> {
    const row = await findUserById(tx, id);
    if (!row) throw notFound();
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale as Locale,
      roles: await rolesOf(tx, row.id),
      status: row.status as User['status'],
      personId: row.person_id,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
      version: row.version,
    };
  }

  async function countActiveAdmins(tx: Tx): Promise<number> {
    const row = await tx
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_roles.role', '=', 'admin')
      .where('users.status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Creates an account (invited, no password yet) and e-mails its invitation link; used by other modules too. */
  async function createInvitedUser(
    tx: Tx,
    actor: Actor,
    input: { email: string; displayName: string; roles: Role[]; locale: Locale; personId?: string | null },
  ): Promise<string> {
    if (await findUserByEmail(tx, input.email))
      throw new DomainError('EMAIL_TAKEN', { fields: [{ field: 'email', code: 'EMAIL_TAKEN' }] });
    const now = clock.now().toISOString();
    const id = newId();
    const row = {
      id,
      email: input.email,
      password_hash: null,
      display_name: input.displayName,
      locale: input.locale,
      status: 'invited',
      person_id: input.personId ?? null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('users').values(row).execute();
    const roles = [...new Set(input.roles)];
    await tx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
    if (input.personId) await tx.updateTable('people').set({ user_id: id }).where('id', '=', input.personId).execute();
    await recordAudit(tx, clock, actor, {
      entityType: 'user',
      entityId: id,
      action: 'create',
      after: { ...row, roles },
    });
    await auth.issueToken(tx, id, 'invite');
    return id;
  }

  return {
    createInvitedUser,
    async list(actor: Actor): Promise<User[]> {
      requireRole(actor);
      const rows = await db.selectFrom('users').select('id').orderBy('display_name').limit(1000).execute();
      return Promise.all(rows.map((r) => view(db, r.id)));
    },
    async invite(actor: Actor, body: z.infer<typeof InviteUserBody>): Promise<User> {
      requireRole(actor);
      const id = await db.transaction().execute((tx) => createInvitedUser(tx, actor, body));
      await deps.mailer.flush();
      return view(db, id);
    },
    async update(actor: Actor, userId: string, body: z.infer<typeof UpdateUserBody>): Promise<User> {
      requireRole(actor);
      await db.transaction().execute(async (tx) => {
        const before = await findUserById(tx, userId);
        if (!before) throw notFound();
        const beforeRoles = await rolesOf(tx, userId);
        const set = {
          ...(body.displayName ? { display_name: body.displayName } : {}),
          ...(body.status
            ? { status: body.status === 'active' && !before.password_hash ? 'invited' : body.status }
            : {}),
          ...(body.locale ? { locale: body.locale } : {}),
          updated_at: clock.now().toISOString(),
        };
        const result = await tx
          .updateTable('users')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', userId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale();
        const roles = body.roles ? [...new Set(body.roles)] : beforeRoles;
        if (body.roles) {
          await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
          await tx
            .insertInto('user_roles')
            .values(roles.map((role) => ({ user_id: userId, role })))
            .execute();
        }
        if (body.status === 'disabled') await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        if ((await countActiveAdmins(tx)) === 0)
          throw new DomainError('LAST_ADMIN', { status: 422, fields: [{ field: 'roles', code: 'LAST_ADMIN' }] });
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: userId,
          action: 'update',
          before: { ...before, roles: beforeRoles },
          after: { ...before, ...set, roles },
        });
      });
      return view(db, userId);
    },
    async sendResetLink(actor: Actor, userId: string): Promise<void> {
      requireRole(actor, 'followup');
      await db.transaction().execute(async (tx) => {
        const user = await findUserById(tx, userId);
        if (!user) throw notFound();
        // Followup may help teachers only; anyone else's link is the admin's call.
        if (
          actor.kind === 'user' &&
          !actor.roles.has('admin') &&
          !(await rolesOf(tx, userId)).every((r) => r === 'teacher')
        )
          throw new DomainError('FORBIDDEN');
        await auth.issueToken(tx, userId, user.password_hash ? 'reset' : 'invite');
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: userId,
          action: 'login-link-sent',
          summary: user.email,
        });
      });
      await deps.mailer.flush();
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
