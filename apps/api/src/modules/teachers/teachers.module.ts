import type { Deps } from '../../platform/deps.js';
import type { ModuleManifest, ModuleServices } from '../../platform/module.js';
import { recordType } from '../../platform/records.js';
import { createStorage, type FileStorage } from '../../platform/storage.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import type { PeopleService } from '../people/people.service.js';
import type { UsersService } from '../users/users.service.js';
import { createApplicationsService } from './applications.service.js';
import { createTeacherDocumentsService } from './documents.service.js';
import { createIncidentsService } from './incidents.service.js';
import { createLowActivityService } from './low-activity.service.js';
import { createMeetingsService, meetingSuspensionsSweep } from './meetings.service.js';
import { createTeacherProfileService } from './profile.service.js';
import { createSuspensionsService, suspensionExpirySweep } from './suspensions.service.js';
import { teachersLifecycleRoutes, type TeachersLifecycleServices } from './teachers.routes.js';
import { TEACHERS_SETTINGS } from './teachers.settings.js';
import { storageOrphansSweep } from './documents.sweep.js';
import { TEACHERS_RECORDS } from './teachers.records.js';
import { teachersDemo } from './teachers.demo.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    teachers: TeachersLifecycleServices;
  }
}

/** The other modules' services the teachers' lifecycle uses (onboarding creates a person and an account). */
type Others = { people: PeopleService; users: UsersService; contacts: ContactsService };

function othersFrom(modules: Partial<ModuleServices>): Others {
  const given = modules as Partial<ModuleServices> & Partial<Others>;
  const { people, users, contacts } = given;
  if (!people || !users || !contacts)
    throw new Error('modules "people", "users" and "contacts" must be assembled before "teachers"');
  return { people, users, contacts };
}

/** Builds the teachers' lifecycle services (profile, applications, documents, meetings, incidents, suspensions). */
export function createTeachersLifecycle(
  deps: Deps,
  others: Others,
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

/**
 * The teachers module: applications from the public site to onboarding, documents, pedagogical meetings,
 * incidents, suspensions and low activity. `records` and `demo` are listed for the assembly that reads them.
 */
export const teachersModule: ModuleManifest<'teachers'> = {
  name: 'teachers',
  settings: TEACHERS_SETTINGS,
  publicPrefixes: ['/api/public/teacher-applications', '/api/links/meeting-invitations/'],
  sweeps: [meetingSuspensionsSweep, suspensionExpirySweep, storageOrphansSweep],
  records: TEACHERS_RECORDS.map((r) => recordType(r.entityType, r.build)),
  demo: teachersDemo,
  services: (deps, modules) => createTeachersLifecycle(deps, othersFrom(modules)),
  routes: (app, services) => teachersLifecycleRoutes(app, services),
};
