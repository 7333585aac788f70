import type { ModuleManifest } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';
import { createAuthService, type AuthService } from './auth.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    auth: AuthService;
  }
}

/** Accounts' ways in: login, sessions (the app's hooks read them), reset and invitation links, first setup. */
export const authModule: ModuleManifest<'auth'> = {
  name: 'auth',
  publicPrefixes: ['/api/auth/', '/api/setup'],
  services: (deps) => createAuthService(deps),
  routes: (app, auth, deps) => authRoutes(app, auth, deps.config),
};
