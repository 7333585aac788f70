import type { AuditEntry } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import { requireUser, type Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { actionRule, buildRecordPolicies } from '../../platform/records.js';
import { auditEntriesOf } from './history.repository.js';

type Change = { before: unknown; after: unknown };

/**
 * A record's history, read under the record's own rules (platform/records.ts): refused exactly when the record
 * is, and each entry shows only the fields the record shows this caller. A type nobody registered is refused.
 * Built after every manifest's `records` are known (the assembly registers them first).
 */
export function createHistoryService(deps: Deps) {
  const { db } = deps;
  const policies = buildRecordPolicies(deps);

  return {
    async list(actor: Actor, entityType: string, entityId: string): Promise<AuditEntry[]> {
      requireUser(actor);
      const policy = policies.get(entityType);
      if (!policy) throw notFound();
      const context = await policy.read(actor, entityId);
      const shown = policy.fields(actor, context);
      const summaries = [...policy.all].every((field) => shown.has(field));
      const rows = await auditEntriesOf(db, entityType, entityId);
      const entries: AuditEntry[] = [];
      const byAction = new Map<string, Promise<ReadonlySet<string> | null>>();
      for (const r of rows) {
        const rule = actionRule(policy, r.action);
        if (rule && !byAction.has(r.action)) byAction.set(r.action, rule(actor, entityId));
        const visible = rule ? await byAction.get(r.action) : shown;
        if (!visible) continue;
        const recorded = JSON.parse(r.changes) as Record<string, Change>;
        const changes = Object.fromEntries(Object.entries(recorded).filter(([field]) => visible.has(field)));
        const summary = summaries ? r.summary : null;
        // An entry whose every change is hidden would still say that something hidden changed, and when.
        if (Object.keys(recorded).length > 0 && Object.keys(changes).length === 0 && !summary) continue;
        const { id, at, actor_name: actorName, action } = r;
        entries.push({ id, at, actorName, action, entityType, entityId, changes, summary });
      }
      return entries;
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
