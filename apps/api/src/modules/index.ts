import type { FastifyZod } from '../platform/fastify-zod.js';
import type { Deps } from '../platform/deps.js';
import { createAuthService } from './auth/auth.service.js';
import { createPeopleService } from './people/people.service.js';
import { peopleRoutes } from './people/people.routes.js';
import { createHistoryService } from './history/history.service.js';
import { historyRoutes } from './history/history.routes.js';
import { createContactsService } from './contacts/contacts.service.js';
import { contactsRoutes } from './contacts/contacts.routes.js';
import { outboxRoutes } from './outbox/outbox.routes.js';
import { createUsersService } from './users/users.service.js';
import { usersRoutes } from './users/users.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import './people/people.records.js';
import './users/users.records.js';
import './teachers/teachers.records.js';
import './agency/agency.records.js';
import { registerTeachersLifecycle } from './teachers/teachers.module.js';
import './teachers/teachers.demo.js';
import { registerAgency } from './agency/agency.module.js';
import './agency/agency.demo.js';
import { registerBilling, registerBillingParts } from './billing/billing.module.js';

/**
 * Every module's routes, in one list. Services are plain functions over `deps` (no container): a module that
 * needs another module's rules builds that service here and receives it.
 */
export async function registerModules(app: FastifyZod, deps: Deps): Promise<void> {
  registerBillingParts();
  const auth = createAuthService(deps);
  const people = createPeopleService(deps);
  const history = createHistoryService(deps);
  const contacts = createContactsService(deps);
  const users = createUsersService(deps, auth);

  peopleRoutes(app, people);
  historyRoutes(app, history);
  contactsRoutes(app, contacts);
  outboxRoutes(app, deps);
  usersRoutes(app, users);
  settingsRoutes(app, deps);
  await registerTeachersLifecycle(app, deps, { people, users, contacts });
  registerAgency(app, deps, contacts);
  registerBilling(app, deps);
}
