import type { ModuleManifest } from '../../platform/module.js';
import { PLATFORM_SETTINGS } from '../../platform/settings.js';
import { SETTINGS_RECORDS } from './settings.records.js';
import { settingsRoutes } from './settings.routes.js';
import { createSettingsService, type SettingsService } from './settings.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    settings: SettingsService;
  }
}

/** The settings screen over every declared setting: the organisation's own (listed here) and each manifest's. */
export const settingsModule: ModuleManifest<'settings'> = {
  name: 'settings',
  settings: PLATFORM_SETTINGS,
  records: SETTINGS_RECORDS,
  services: (deps) => createSettingsService(deps),
  routes: (app, settings) => settingsRoutes(app, settings),
};
