import type { Deps } from '../../platform/deps.js';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import { createStorage, type FileStorage } from '../../platform/storage.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import type { PeopleService } from '../people/people.service.js';
import type { UsersService } from '../users/users.service.js';
import { createApplicationsService } from './applications.service.js';
import { createTeacherDocumentsService } from './documents.service.js';
import { createIncidentsService } from './incidents.service.js';
import { createLowActivityService } from './low-activity.service.js';
import { createMeetingsService } from './meetings.service.js';
import { createTeacherProfileService } from './profile.service.js';
import { createSuspensionsService } from './suspensions.service.js';
import { teachersLifecycleRoutes, type TeachersLifecycleServices } from './teachers.routes.js';
import './teachers.settings.js';
// Registers the sweep that removes what interrupted uploads leave in the storage.
import './documents.sweep.js';

/** Builds the teachers' lifecycle services (profile, applications, documents, meetings, incidents, suspensions). */
export function createTeachersLifecycle(
  deps: Deps,
  others: { people: PeopleService; users: UsersService; contacts: ContactsService },
  storage: FileStorage = createStorage(deps.config),
): TeachersLifecycleServices {
  const profile = createTeacherProfileService(deps);
  const documents = createTeacherDocumentsService(deps, storage);
  return {
    profile,
    documents,
    applications: createApplicationsService(deps, { people: others.people, users: others.users, documents, profile }),
    meetings: createMeetingsService(deps),
    incidents: createIncidentsService(deps),
    suspensions: createSuspensionsService(deps),
    lowActivity: createLowActivityService(deps, others.contacts),
  };
}

export async function registerTeachersLifecycle(
  app: FastifyZod,
  deps: Deps,
  others: { people: PeopleService; users: UsersService; contacts: ContactsService },
): Promise<TeachersLifecycleServices> {
  const services = createTeachersLifecycle(deps, others);
  await teachersLifecycleRoutes(app, services);
  return services;
}
