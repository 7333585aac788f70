import type { AnyModuleManifest } from '../platform/module.js';
import { authModule } from './auth/auth.module.js';
import { peopleModule } from './people/people.module.js';
import { historyModule } from './history/history.module.js';
import { contactsModule } from './contacts/contacts.module.js';
import { outboxModule } from './outbox/outbox.module.js';
import { usersModule } from './users/users.module.js';
import { settingsModule } from './settings/settings.module.js';
import { teachersModule } from './teachers/teachers.module.js';
import { agencyModule } from './agency/agency.module.js';
import { billingModule } from './billing/billing.module.js';
import { schoolsModule } from './schools/schools.module.js';

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
  teachersModule,
  agencyModule,
  billingModule,
  schoolsModule,
];
