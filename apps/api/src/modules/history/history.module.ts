import type { ModuleManifest } from '../../platform/module.js';
import { historyRoutes } from './history.routes.js';
import { createHistoryService, type HistoryService } from './history.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    history: HistoryService;
  }
}

/** A record's history, read under the record policies every manifest lists (`records`). */
export const historyModule: ModuleManifest<'history'> = {
  name: 'history',
  services: (deps) => createHistoryService(deps),
  routes: (app, history) => historyRoutes(app, history),
};
