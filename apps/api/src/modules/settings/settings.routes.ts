import { z } from 'zod';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { Deps } from '../../platform/deps.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { DomainError, notFound, type FieldIssue } from '../../platform/errors.js';
import { fields, NO_FIELDS, registerRecordType } from '../../platform/records.js';
import { recordAudit } from '../../platform/audit.js';
import { readSettings, settingSchema, writeSetting } from '../../platform/settings.js';

/** The organisation's settings, one record ("organisation"), read by staff as GET /api/settings shows them. */
registerRecordType('settings', (deps) => {
  const settings = createSettingsService(deps);
  return {
    read: async (actor, id) => {
      const values = await settings.read(actor);
      if (id !== 'organisation') throw notFound();
      return fields(...Object.keys(values));
    },
    fields: (_actor, shown) => shown,
    all: NO_FIELDS,
  };
});

export function createSettingsService(deps: Deps) {
  return {
    async read(actor: Actor) {
      requireRole(actor, 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board');
      return readSettings(deps.db);
    },
    /** Admin only; each value must pass its setting's schema, and all are written together or none. */
    async update(actor: Actor, values: Record<string, unknown>) {
      requireRole(actor);
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
        else
          issues.push({
            field: key,
            code:
              result.error.issues[0]?.message && /^[a-z_]+$/.test(result.error.issues[0].message)
                ? result.error.issues[0].message
                : 'invalid_value',
          });
      }
      if (issues.length) throw new DomainError('VALIDATION_FAILED', { status: 400, fields: issues });
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

export function settingsRoutes(app: FastifyZod, deps: Deps): void {
  const settings = createSettingsService(deps);
  const Values = z.record(z.string(), z.unknown());
  app.get('/api/settings', { schema: { tags: ['settings'], response: { 200: Values } } }, (req) =>
    settings.read(req.actor),
  );
  app.patch(
    '/api/settings',
    { schema: { tags: ['settings'], body: z.object({ values: Values }), response: { 200: Values } } },
    (req) => settings.update(req.actor, req.body.values),
  );
}
