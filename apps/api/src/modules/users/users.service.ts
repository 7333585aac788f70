import type { z } from 'zod';
import type { InviteUserBody, Role, UpdateUserBody, User, Locale } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { can, requirePermission } from '../../platform/access.js';
import { DomainError, forbidden, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import type { AuthService } from '../auth/auth.service.js';
import {
  deleteSessionsOfUser,
  findUserByEmail,
  findUserById,
  insertUser,
  insertUserRoles,
  rolesOf,
} from '../auth/auth.repository.js';
import * as repo from './users.repository.js';
import { assertAnAdminRemains, isTeacherAccount } from './users.rules.js';

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
    await insertUser(tx, row);
    const roles = [...new Set(input.roles)];
    await insertUserRoles(tx, id, roles);
    if (input.personId) await repo.linkPersonToUser(tx, input.personId, id);
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
      requirePermission(actor, 'users.manage');
      const rows = await repo.userIdsByName(db);
      return Promise.all(rows.map((r) => view(db, r.id)));
    },
    async invite(actor: Actor, body: z.infer<typeof InviteUserBody>): Promise<User> {
      requirePermission(actor, 'users.manage');
      const id = await db.transaction().execute((tx) => createInvitedUser(tx, actor, body));
      await deps.mailer.flush();
      return view(db, id);
    },
    /**
     * Invites a guardian to the family portal from their family's page: an account with the guardian role, linked to
     * the person, and its invitation e-mailed in the family's language. The services that keep families may (not
     * only the director); a guardian with no e-mail, or one who has an account already, is refused on the field.
     */
    async inviteGuardian(actor: Actor, personId: string): Promise<User> {
      requirePermission(actor, 'people.writeFamilies');
      const id = await db.transaction().execute(async (tx) => {
        const guardian = await repo.guardianToInvite(tx, personId);
        if (!guardian) throw notFound();
        if (!guardian.email)
          throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'email', code: 'required' }] });
        if (guardian.user_id)
          throw new DomainError('EMAIL_TAKEN', { fields: [{ field: 'email', code: 'EMAIL_TAKEN' }] });
        return createInvitedUser(tx, actor, {
          email: guardian.email,
          displayName: `${guardian.first_name} ${guardian.last_name}`,
          roles: ['guardian'],
          locale: (guardian.locale ?? 'fr') as Locale,
          personId: guardian.id,
        });
      });
      await deps.mailer.flush();
      return view(db, id);
    },
    async update(actor: Actor, userId: string, body: z.infer<typeof UpdateUserBody>): Promise<User> {
      requirePermission(actor, 'users.manage');
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
        if (!(await repo.updateUserAtVersion(tx, userId, body.version, set))) throw stale();
        const roles = body.roles ? [...new Set(body.roles)] : beforeRoles;
        if (body.roles) {
          await repo.deleteRolesOfUser(tx, userId);
          await insertUserRoles(tx, userId, roles);
        }
        if (body.status === 'disabled') await deleteSessionsOfUser(tx, userId, null);
        assertAnAdminRemains(await repo.countActiveAdmins(tx));
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
      requirePermission(actor, 'users.sendTeacherLoginLink');
      await db.transaction().execute(async (tx) => {
        const user = await findUserById(tx, userId);
        if (!user) throw notFound();
        // Followup may help teachers only; anyone else's link is the admin's call.
        if (!can(actor, 'users.manage') && !isTeacherAccount(await rolesOf(tx, userId))) throw forbidden();
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
