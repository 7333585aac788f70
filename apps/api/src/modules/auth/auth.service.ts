import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Locale, Me, Role } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { DomainError, invalidField } from '../../platform/errors.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { requireUser, type Actor, type UserActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { PersonalLink, invitationMail, passwordResetMail } from '../../platform/mail-templates.js';
import { defineSetting, ORGANISATION_NAME, writeSetting } from '../../platform/settings.js';
import { addressForLimits, consumeRateLimit } from '../../platform/rate-limit.js';
import { assertStrongPassword } from '../../platform/passwords.js';
import * as repo from './auth.repository.js';
import { createLoginLimits } from './login-limits.js';

const TOKEN_HOURS: Record<'reset' | 'invite', number> = { reset: 2, invite: 72 };
const RESETS_PER_ADDRESS_PER_HOUR = 10;
/** Sliding sessions: last_seen_at is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 5 * 60_000;

export type SessionResult = { sessionSecret: string; me: Me; expiresAt: string };

export const hashPassword = (password: string) => hash(password);

/** The one-time setup link's token, kept hashed; internal (not listed in any manifest, so never shown). */
const SETUP_TOKEN_HASH = defineSetting('setup.tokenHash', null as string | null, z.string().nullable());

export function createAuthService(deps: Deps) {
  const { db, clock, config, mailer } = deps;

  async function meOf(userId: string, csrfToken: string): Promise<Me> {
    const user = await repo.findUserById(db, userId);
    if (!user) throw new DomainError('UNAUTHENTICATED');
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      locale: user.locale as Locale,
      roles: await repo.rolesOf(db, user.id),
      personId: user.person_id,
      csrfToken,
    };
  }

  async function openSession(
    tx: Tx,
    userId: string,
    ip: string | null,
    userAgent: string | null,
  ): Promise<{ secret: string; csrf: string; expiresAt: string }> {
    const secret = newSecret();
    const csrf = newSecret(24);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000).toISOString();
    await repo.insertSession(tx, {
      id: hashSecret(secret),
      user_id: userId,
      csrf_token: csrf,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    await repo.setUserColumns(tx, userId, { last_login_at: now.toISOString() });
    return { secret, csrf, expiresAt };
  }

  const loginLimits = createLoginLimits(deps);
  /**
   * After a password is set, no other way into the account stays open: every outstanding reset or invitation link
   * is used up, and every session ends but the one that changed it (none for a link: it logs everything out).
   */
  async function closeOtherAccess(tx: Tx, userId: string, keepSessionId: string | null): Promise<void> {
    await repo.useUpTokensOfUser(tx, userId, clock.now().toISOString());
    await repo.deleteSessionsOfUser(tx, userId, keepSessionId);
  }

  return {
    /** Logs in, within the login limits (login-limits.ts): the attempt is recorded before the password is checked. */
    async login(email: string, password: string, ip: string, userAgent: string | null): Promise<SessionResult> {
      const attempt = await loginLimits.reserve(email, ip);
      const user = await repo.findUserByEmail(db, email);
      const ok =
        !!user && user.status === 'active' && !!user.password_hash && (await verify(user.password_hash, password));
      if (!ok || !user) {
        await loginLimits.failed(attempt);
        throw new DomainError('INVALID_CREDENTIALS');
      }
      const session = await db.transaction().execute(async (tx) => {
        await loginLimits.succeeded(tx, attempt);
        return openSession(tx, user.id, ip, userAgent);
      });
      return { sessionSecret: session.secret, expiresAt: session.expiresAt, me: await meOf(user.id, session.csrf) };
    },

    async logout(sessionSecret: string | undefined): Promise<void> {
      if (sessionSecret) await repo.deleteSession(db, hashSecret(sessionSecret));
    },

    /** Resolves a session cookie to an actor, or null when absent, expired or the user is disabled. */
    async actorForSession(sessionSecret: string): Promise<{ actor: UserActor; csrfToken: string } | null> {
      const session = await repo.findSession(db, hashSecret(sessionSecret));
      const now = clock.now();
      if (!session || session.status !== 'active' || session.expires_at <= now.toISOString()) return null;
      if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
        const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000).toISOString();
        await repo.touchSession(db, session.sessionId, now.toISOString(), expiresAt);
      }
      return {
        csrfToken: session.csrf_token,
        actor: {
          kind: 'user',
          userId: session.userId,
          displayName: session.display_name,
          email: session.email,
          roles: new Set<Role>(session.roles),
          personId: session.person_id,
          locale: session.locale as Locale,
        },
      };
    },

    me: meOf,

    async updateMe(actor: Actor, patch: { locale?: Locale; displayName?: string }, csrfToken: string): Promise<Me> {
      const user = requireUser(actor);
      await db.transaction().execute(async (tx) => {
        const before = await repo.findUserById(tx, user.userId);
        if (!before) throw new DomainError('UNAUTHENTICATED');
        const set = {
          ...(patch.locale ? { locale: patch.locale } : {}),
          ...(patch.displayName ? { display_name: patch.displayName } : {}),
          updated_at: clock.now().toISOString(),
        };
        await repo.setUserColumns(tx, user.userId, set);
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: user.userId,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
      });
      return meOf(user.userId, csrfToken);
    },

    /** Always answers the same way, whether or not the address is known, so it reveals no account. */
    async requestPasswordReset(email: string, ip: string): Promise<void> {
      const key = `reset:ip:${addressForLimits(ip)}`;
      await consumeRateLimit(deps, key, RESETS_PER_ADDRESS_PER_HOUR, 3600, 'TOO_MANY_ATTEMPTS');
      const user = await repo.findUserByEmail(db, email);
      if (!user || user.status === 'disabled') return;
      await db.transaction().execute((tx) => issueToken(tx, user.id, 'reset'));
      await mailer.flush();
    },

    issueToken,

    async tokenInfo(token: string) {
      const row = await validToken(token);
      const user = row.user_id ? await repo.findUserById(db, row.user_id) : undefined;
      if (!user) throw new DomainError('TOKEN_INVALID');
      return { purpose: row.purpose as 'reset' | 'invite', email: user.email, displayName: user.display_name };
    },

    /** Sets a password from a reset or invitation link, consumes the link, activates and logs in the user. */
    async setPasswordWithToken(
      token: string,
      password: string,
      ip: string,
      userAgent: string | null,
    ): Promise<SessionResult> {
      assertStrongPassword(password, 'password');
      const passwordHash = await hashPassword(password);
      const result = await db.transaction().execute(async (tx) => {
        const row = await validToken(token, tx);
        const consumed = await repo.consumeToken(tx, row.id, clock.now().toISOString());
        if (!consumed || !row.user_id) throw new DomainError('TOKEN_INVALID');
        const user = await repo.findUserById(tx, row.user_id);
        if (!user || user.status === 'disabled') throw new DomainError('TOKEN_INVALID');
        await repo.setPassword(tx, user.id, {
          password_hash: passwordHash,
          status: 'active',
          updated_at: clock.now().toISOString(),
        });
        // A reset is often done because someone else got in: their sessions and links end here.
        await closeOtherAccess(tx, user.id, null);
        await recordAudit(
          tx,
          clock,
          { kind: 'anonymous', label: user.email },
          {
            entityType: 'user',
            entityId: user.id,
            action: row.purpose === 'invite' ? 'invitation-accepted' : 'password-reset',
            summary: row.purpose,
          },
        );
        return { user, session: await openSession(tx, user.id, ip, userAgent) };
      });
      return {
        sessionSecret: result.session.secret,
        expiresAt: result.session.expiresAt,
        me: await meOf(result.user.id, result.session.csrf),
      };
    },

    /**
     * A logged-in user changes their password, proving it with the current one (an open session alone is not
     * enough). Wrong current passwords count as failed logins of the account. The other sessions end.
     */
    async changePassword(
      actor: Actor,
      session: string | undefined,
      ip: string,
      passwords: { current: string; next: string },
    ) {
      const { userId } = requireUser(actor);
      assertStrongPassword(passwords.next, 'newPassword');
      const user = await repo.findUserById(db, userId);
      if (!user?.password_hash) throw new DomainError('UNAUTHENTICATED');
      const attempt = await loginLimits.reserve(user.email, ip);
      if (!(await verify(user.password_hash, passwords.current))) {
        await loginLimits.failed(attempt);
        throw invalidField('currentPassword', 'WRONG_CURRENT_PASSWORD');
      }
      const passwordHash = await hashPassword(passwords.next);
      await db.transaction().execute(async (tx) => {
        await loginLimits.succeeded(tx, attempt);
        const now = clock.now().toISOString();
        await repo.setPassword(tx, userId, { password_hash: passwordHash, updated_at: now });
        await closeOtherAccess(tx, userId, session ? hashSecret(session) : null);
        await recordAudit(tx, clock, actor, { entityType: 'user', entityId: userId, action: 'password-changed' });
      });
    },

    async needsSetup(): Promise<boolean> {
      return (await repo.countUsers(db)) === 0;
    },

    /** On an empty database: a one-time setup link whose token is kept hashed in settings (shared by instances). */
    async prepareSetupLink(): Promise<string | null> {
      if ((await repo.countUsers(db)) > 0) return null;
      const secret = newSecret();
      await writeSetting(db, SETUP_TOKEN_HASH.key, hashSecret(secret), clock.now().toISOString());
      return `${config.publicUrl}/setup?token=${secret}`;
    },

    async completeSetup(
      input: { token: string; email: string; displayName: string; password: string; organisationName: string },
      ip: string,
      userAgent: string | null,
    ): Promise<SessionResult> {
      assertStrongPassword(input.password, 'password');
      const passwordHash = await hashPassword(input.password);
      const result = await db.transaction().execute(async (tx) => {
        if ((await repo.countUsers(tx)) > 0) throw new DomainError('SETUP_DONE');
        const expected = await SETUP_TOKEN_HASH.read(tx);
        if (!expected || expected !== hashSecret(input.token)) throw new DomainError('TOKEN_INVALID');
        const now = clock.now().toISOString();
        const id = newId();
        await repo.insertUser(tx, {
          id,
          email: input.email,
          password_hash: passwordHash,
          display_name: input.displayName,
          locale: 'fr',
          status: 'active',
          person_id: null,
          last_login_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await repo.insertFirstAdminRole(tx, id);
        await writeSetting(tx, ORGANISATION_NAME.key, input.organisationName, now);
        await repo.deleteSetupToken(tx);
        await recordAudit(
          tx,
          clock,
          { kind: 'anonymous', label: input.email },
          {
            entityType: 'user',
            entityId: id,
            action: 'create',
            after: { email: input.email, display_name: input.displayName, roles: ['admin'] },
            summary: 'first admin',
          },
        );
        return { id, session: await openSession(tx, id, ip, userAgent) };
      });
      return {
        sessionSecret: result.session.secret,
        expiresAt: result.session.expiresAt,
        me: await meOf(result.id, result.session.csrf),
      };
    },
  };

  async function validToken(token: string, tx: Tx = db) {
    const row = await repo.findToken(tx, hashSecret(token));
    if (!row || row.used_at || row.expires_at <= clock.now().toISOString()) throw new DomainError('TOKEN_INVALID');
    return row;
  }

  /** Creates a single-use link (stored hashed) and queues its e-mail in the same transaction. */
  async function issueToken(tx: Tx, userId: string, purpose: 'reset' | 'invite'): Promise<void> {
    const user = await repo.findUserById(tx, userId);
    if (!user) throw new DomainError('NOT_FOUND');
    const secret = newSecret();
    const now = clock.now();
    const hours = TOKEN_HOURS[purpose];
    await repo.insertToken(tx, {
      id: newId(),
      token_hash: hashSecret(secret),
      user_id: userId,
      purpose,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      used_at: null,
    });
    const locale = user.locale as Locale;
    const organisation = await ORGANISATION_NAME.read(tx);
    const page = purpose === 'invite' ? 'invitation' : 'reset-password';
    const link = new PersonalLink(`${config.publicUrl}/${page}?token=${secret}`);
    const mail =
      purpose === 'invite'
        ? invitationMail({ name: user.display_name, organisation, link, hours })
        : passwordResetMail({ name: user.display_name, link, hours });
    await mailer.enqueue(tx, { to: user.email, locale, mail, related: { type: 'user', id: userId } });
  }
}

export type AuthService = ReturnType<typeof createAuthService>;
