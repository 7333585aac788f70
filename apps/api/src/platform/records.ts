import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { rowExists } from './records.repository.js';

/** Stored fields of a record, named as the audit trail names them (columns, or contract keys where it keeps those). */
export type Fields = ReadonlySet<string>;
export const fields = (...names: string[]): Fields => new Set(names);
export const NO_FIELDS: Fields = new Set();

/**
 * How one type of record is read, for its record endpoint and for its history (GET /api/history/:type/:id), so
 * that the history never shows what the record hides:
 * - `read` is the record endpoint's own read check: it throws 401, 403 or 404 exactly as that endpoint does, and
 *   returns what the field filter needs to know (the caller's relation to the record);
 * - `fields` is the record endpoint's field filter: the stored fields this caller may see (the endpoint uses the
 *   same function where what it shows depends on the caller);
 * - `all` is every field the endpoint shows to anyone: a history entry's free-text summary may quote any of them,
 *   so only a caller who sees them all reads summaries;
 * - `actions` are audited actions about something the record gathers (a teacher's incidents, a family's debit
 *   schedule), read under that thing's own rule: the fields the caller sees of it, or null for not at all. A key
 *   ending in `*` names every action starting with it. The module that writes such an action declares its rule.
 */
export type ActionRule = (actor: Actor, id: string) => Promise<Fields | null>;
export type RecordPolicy<C = unknown> = {
  read: (actor: Actor, id: string) => Promise<C>;
  fields: (actor: Actor, context: C) => Fields;
  all: Fields;
  actions?: Record<string, ActionRule>;
};

/**
 * A module's record policies, as values its manifest lists (`records`): a record type it audits, or the rule of an
 * action it audits on another module's record type (who may read that action, and what of it).
 */
export type RecordRegistration =
  | { type: string; policy: (deps: Deps) => RecordPolicy }
  | { type: string; action: string; rule: (deps: Deps) => ActionRule };

/** A record type and how it is read. */
export function recordType<C>(type: string, policy: (deps: Deps) => RecordPolicy<C>): RecordRegistration {
  return { type, policy: policy as (deps: Deps) => RecordPolicy };
}

/** The rule of an audited action on a record type of another module. */
export function recordAction(type: string, action: string, rule: (deps: Deps) => ActionRule): RecordRegistration {
  return { type, action, rule };
}

const registry = new Map<string, (deps: Deps) => RecordPolicy>();
const gathered = new Map<string, Map<string, (deps: Deps) => ActionRule>>();

/** The app's assembly makes the manifests' record policies known (idempotent: several apps may be built). */
export function registerRecords(registrations: readonly RecordRegistration[]): void {
  for (const r of registrations) {
    if ('policy' in r) registry.set(r.type, r.policy);
    else gathered.set(r.type, new Map(gathered.get(r.type)).set(r.action, r.rule));
  }
}

export function buildRecordPolicies(deps: Deps): Map<string, RecordPolicy> {
  return new Map(
    [...registry].map(([type, build]) => {
      const policy = build(deps);
      const rules = [...(gathered.get(type) ?? [])].map(([action, rule]) => [action, rule(deps)] as const);
      const extra = Object.fromEntries(rules);
      return [type, { ...policy, actions: { ...policy.actions, ...extra } }];
    }),
  );
}

/** The record types whose history can be read (every type the audit trail writes must be one). */
export function recordTypes(): string[] {
  return [...registry.keys()].sort();
}

/** The rule of one audited action: its own for a gathered sub-record, else null (the record's field filter). */
export function actionRule(policy: RecordPolicy, action: string): ActionRule | null {
  const actions = policy.actions ?? {};
  if (actions[action]) return actions[action];
  const prefix = Object.keys(actions)
    .filter((key) => key.endsWith('*') && action.startsWith(key.slice(0, -1)))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (actions[prefix] ?? null) : null;
}

/** 404 unless the record exists: for endpoints that check the caller's role first, then read the row. */
export async function mustExist(db: Kysely<DB>, table: keyof DB, id: string): Promise<void> {
  if (!(await rowExists(db, table, id))) throw notFound();
}

/** A record type whose readers all see the same fields. */
export function sameForAll<C>(shown: Fields, read: (actor: Actor, id: string) => Promise<C>): RecordPolicy<C> {
  return { read, fields: () => shown, all: shown };
}
