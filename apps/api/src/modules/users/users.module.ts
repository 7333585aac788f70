import type { ModuleManifest } from '../../platform/module.js';
import { required } from '../../platform/module.js';
import { USERS_RECORDS } from './users.records.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService, type UsersService } from './users.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    users: UsersService;
  }
}

/** Accounts and their roles, kept by the director; invitations go through auth's links. */
export const usersModule: ModuleManifest<'users'> = {
  name: 'users',
  records: USERS_RECORDS,
  services: (deps, modules) => createUsersService(deps, required(modules, 'auth')),
  routes: (app, users) => usersRoutes(app, users),
};
