import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, type FieldIssue } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { readSettings, settingSchema, writeSetting } from '../../platform/settings.js';

/** The organisation's settings: every declared setting (platform's and manifests'), read and written as one record. */
export function createSettingsService(deps: Deps) {
  return {
    async read(actor: Actor) {
      requirePermission(actor, 'settings.read');
      return readSettings(deps.db);
    },
    /** Admin only; each value must pass its setting's schema, and all are written together or none. */
    async update(actor: Actor, values: Record<string, unknown>) {
      requirePermission(actor, 'settings.update');
      const issues: FieldIssue[] = [];
      const parsed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values)) {
        const schema = settingSchema(key);
        if (!schema) {
          issues.push({ field: key, code: 'invalid_value' });
          continue;
        }
        const result = schema.safeParse(value);
        if (result.success) parsed[key] = result.data;
        else {
          // The field is the setting, or the part of it that failed ("agency.matchingWeights.distance"), so the
          // settings page shows the error beside the input that holds it.
          const issue = result.error.issues[0];
          issues.push({
            field: [key, ...(issue?.path ?? []).map(String)].join('.'),
            code:
              issue?.message && /^[a-z_]+$/.test(issue.message)
                ? issue.message
                : (issue?.code === 'too_small' || issue?.code === 'too_big') && issue.origin === 'number'
                  ? 'out_of_range'
                  : 'invalid_value',
          });
        }
      }
      if (issues.length) throw new DomainError('VALIDATION_FAILED', { fields: issues });
      await deps.db.transaction().execute(async (tx) => {
        const before = await readSettings(tx);
        const at = deps.clock.now().toISOString();
        for (const [key, value] of Object.entries(parsed)) await writeSetting(tx, key, value, at);
        await recordAudit(tx, deps.clock, actor, {
          entityType: 'settings',
          entityId: 'organisation',
          action: 'update',
          before: Object.fromEntries(Object.keys(parsed).map((k) => [k, before[k]])),
          after: parsed,
        });
      });
      return readSettings(deps.db);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
