import { z } from 'zod';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { SettingsService } from './settings.service.js';

export function settingsRoutes(app: FastifyZod, settings: SettingsService): void {
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
