import type { AnyModuleManifest, ModuleManifest } from '../platform/module.js';
import { required } from '../platform/module.js';
import { authModule } from './auth/auth.module.js';
import { peopleModule } from './people/people.module.js';
import { historyModule } from './history/history.module.js';
import { contactsModule } from './contacts/contacts.module.js';
import { outboxModule } from './outbox/outbox.module.js';
import { usersModule } from './users/users.module.js';
import { settingsModule } from './settings/settings.module.js';

// ─── ADAPTERS (issue 11) ─────────────────────────────────────────────────────────────────────────────────────────
// Thin manifests over the current register functions and side-effect imports of teachers, agency and billing,
// until those modules export their own manifests (teachersModule, agencyModule, billingModule): the merge replaces
// this block by three imports. Settings, sweeps, record types and demo parts of these three modules still
// register themselves at import (registerSetting, registerSweep, registerRecordType, registerDemoExtension).
import type { ContactsService } from './contacts/contacts.service.js';
import './teachers/teachers.records.js';
import './agency/agency.records.js';
import './billing/billing.records.js';
import { createTeachersLifecycle } from './teachers/teachers.module.js';
import { teachersLifecycleRoutes, type TeachersLifecycleServices } from './teachers/teachers.routes.js';
import './teachers/teachers.demo.js';
import { registerAgency } from './agency/agency.module.js';
import './agency/agency.demo.js';
import { createBillingServices, type BillingServices } from './billing/billing.service.js';
import { billingRoutes } from './billing/billing.routes.js';
import './billing/billing.settings.js';
import './billing/billing.demo.js';

declare module '../platform/module.js' {
  interface ModuleServices {
    teachers: TeachersLifecycleServices;
    agency: { contacts: ContactsService };
    billing: BillingServices;
  }
}

const teachersAdapter: ModuleManifest<'teachers'> = {
  name: 'teachers',
  publicPrefixes: ['/api/public/', '/api/links/'],
  services: (deps, modules) =>
    createTeachersLifecycle(deps, {
      people: required(modules, 'people'),
      users: required(modules, 'users'),
      contacts: required(modules, 'contacts'),
    }),
  routes: (app, services) => teachersLifecycleRoutes(app, services),
};
const agencyAdapter: ModuleManifest<'agency'> = {
  name: 'agency',
  publicPrefixes: ['/api/public/', '/api/links/'],
  services: (_deps, modules) => ({ contacts: required(modules, 'contacts') }),
  routes: (app, services, deps) => registerAgency(app, deps, services.contacts),
};
const billingAdapter: ModuleManifest<'billing'> = {
  name: 'billing',
  services: (deps) => createBillingServices(deps),
  routes: (app, services) => billingRoutes(app, services),
};
// ─── end of ADAPTERS ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Every module, in the order the app assembles them (app.ts): a module's services may use those listed before it
 * (`required(modules, name)`), and routes are registered in this order. Nothing registers itself by being imported.
 */
export const MODULES: readonly AnyModuleManifest[] = [
  authModule,
  peopleModule,
  historyModule,
  contactsModule,
  outboxModule,
  usersModule,
  settingsModule,
  teachersAdapter,
  agencyAdapter,
  billingAdapter,
];
