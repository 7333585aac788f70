import type { Kysely } from 'kysely';
import type { Role } from '@contracts';
import type { Tx } from '../db/database.js';
import type { DB } from '../db/tables.js';
import type { Deps } from './deps.js';
import type { UserActor } from './actor.js';
import { newId } from './ids.js';

/**
 * What a module's demo data is written with (its manifest's `demo`), declared here so that the modules' demo
 * files and seed/demo.ts depend on the platform, not on each other.
 */
export const DEMO_PASSWORD = 'harmonie-demo';
export const DEMO_DOMAIN = 'demo.example.org';
/** The guardian the demo and the end-to-end tests look up by phone ("06 12 34 56 78"). */
export const DEMO_GUARDIAN_PHONE = '+33612345678';

/** The deterministic generator of seed/generator.ts, as the demo parts use it. */
export type DemoRandom = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};

export type DemoContext = {
  tx: Tx;
  deps: Deps;
  random: DemoRandom;
  passwordHash: string;
  /** Demo user ids by login name (admin, sales, …, teacher, family). */
  users: Record<string, string>;
  teacherIds: string[];
  familyIds: string[];
  studentIds: string[];
  /** The logins the demo prints (and the README lists), in order of creation. */
  logins: { email: string; roles: Role[] }[];
};

/** A module's part of the demo organisation, run in the demo's transaction after the people (in manifest order). */
export type DemoExtension = (ctx: DemoContext) => Promise<void>;

/**
 * A demo account with the demo password: `<local>@demo.example.org` (listed in the printed logins), or a person's
 * own address when `email` is given (a family's guardian, not listed). Returns the user as an actor.
 */
export async function createDemoUser(
  ctx: DemoContext,
  local: string,
  name: string,
  roles: Role[],
  personId: string | null,
  email = `${local}@${DEMO_DOMAIN}`,
): Promise<UserActor> {
  const now = ctx.deps.clock.now().toISOString();
  const id = newId();
  await ctx.tx
    .insertInto('users')
    .values({
      id,
      email,
      password_hash: ctx.passwordHash,
      display_name: name,
      locale: 'fr',
      status: 'active',
      person_id: personId,
      last_login_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await ctx.tx
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: id, role })))
    .execute();
  if (personId) await ctx.tx.updateTable('people').set({ user_id: id }).where('id', '=', personId).execute();
  ctx.users[local] = id;
  if (email.endsWith(`@${DEMO_DOMAIN}`)) ctx.logins.push({ email, roles });
  return { kind: 'user', userId: id, displayName: name, email, roles: new Set(roles), personId, locale: 'fr' };
}

/**
 * The deps a demo part runs the real services with, at a moment `at` of its story: their own transactions join
 * the demo's one transaction (the demo loads all or nothing, and SQLite has one connection), their clock reads
 * `at` (so history, deadlines and due dates follow the story), and their e-mails wait in the outbox, delivered after
 * the demo commits (flushing now would need a second connection).
 */
export function demoDeps(ctx: DemoContext, at: Date): Deps {
  const tx = ctx.tx as Kysely<DB>;
  const joined = { execute: <T>(fn: (t: Kysely<DB>) => Promise<T>) => fn(tx) };
  const db = new Proxy(tx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ ...joined, setIsolationLevel: () => joined });
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const mailer = new Proxy(ctx.deps.mailer, {
    get(target, property) {
      if (property === 'flush') return async () => 0;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...ctx.deps, db, mailer, clock: { now: () => new Date(at) } };
}
