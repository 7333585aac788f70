import type { Tx } from '../db/database.js';
import type { Actor } from './actor.js';
import { actorName, actorUserId } from './actor.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import { insertAuditRow, insertAuditRows } from './audit.repository.js';

type Row = Record<string, unknown>;
/** Bookkeeping columns that change on every write and say nothing to a reader. */
const IGNORED = new Set([
  'version',
  'updated_at',
  'created_at',
  'search_name',
  'search_contact',
  'seq',
  'password_hash',
]);

export function diff(before: Row | null, after: Row | null): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

export type AuditInput = {
  entityType: string;
  entityId: string;
  action: string;
  before?: Row | null;
  after?: Row | null;
  summary?: string | null;
};

/** Records who changed what, inside the caller's transaction so the trail and the change commit together. */
export async function recordAudit(tx: Tx, clock: Clock, actor: Actor, input: AuditInput): Promise<void> {
  const changes = diff(input.before ?? null, input.after ?? null);
  if (input.action === 'update' && Object.keys(changes).length === 0 && !input.summary) return;
  await insertAuditRow(tx, {
    id: newId(),
    at: clock.now().toISOString(),
    actor_user_id: actorUserId(actor),
    actor_name: actorName(actor),
    entity_type: input.entityType,
    entity_id: input.entityId,
    action: input.action,
    changes: JSON.stringify(changes),
    summary: input.summary ?? null,
  });
}

/** recordAudit for many records at once (bulk sweeps): one multi-row insert per chunk, same rows as one by one. */
export async function recordAudits(tx: Tx, clock: Clock, actor: Actor, inputs: AuditInput[]): Promise<void> {
  const at = clock.now().toISOString();
  const rows = inputs
    .map((input) => ({ input, changes: diff(input.before ?? null, input.after ?? null) }))
    .filter(({ input, changes }) => !(input.action === 'update' && Object.keys(changes).length === 0 && !input.summary))
    .map(({ input, changes }) => ({
      id: newId(),
      at,
      actor_user_id: actorUserId(actor),
      actor_name: actorName(actor),
      entity_type: input.entityType,
      entity_id: input.entityId,
      action: input.action,
      changes: JSON.stringify(changes),
      summary: input.summary ?? null,
    }));
  await insertAuditRows(tx, rows);
}
