import type { ModuleManifest } from '../../platform/module.js';
import { outboxRoutes } from './outbox.routes.js';
import { createOutboxService, type OutboxService } from './outbox.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    outbox: OutboxService;
  }
}

/** The e-mails the system wrote, for staff (personal links hidden outside demo mode). */
export const outboxModule: ModuleManifest<'outbox'> = {
  name: 'outbox',
  services: (deps) => createOutboxService(deps),
  routes: (app, outbox) => outboxRoutes(app, outbox),
};
