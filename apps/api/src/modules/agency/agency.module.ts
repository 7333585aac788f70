import type { Deps } from '../../platform/deps.js';
import type { ModuleManifest } from '../../platform/module.js';
import { recordType } from '../../platform/records.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import { AGENCY_SETTINGS } from './agency.settings.js';
import { AGENCY_RECORDS } from './agency.records.js';
import { agencyDemo } from './agency.demo.js';
import { followupSweep } from './followup/followup.sweep.js';
import { createRequestsService } from './requests.service.js';
import { createPlansService } from './plans.service.js';
import { createFilesService } from './files.service.js';
import { createMatchingService } from './matching/matching.service.js';
import { createNearbyService } from './matching/nearby.service.js';
import { createHandoverService } from './handover.service.js';
import { createLessonsService } from './lessons/lessons.service.js';
import { createLinksService } from './links.service.js';
import { createTicketsService } from './tickets.service.js';
import { createDashboardsService } from './dashboards.service.js';
import { createTasksService } from './tasks.service.js';
import type { LowActivityService } from '../teachers/low-activity.service.js';
import { agencyRoutes, type AgencyServices } from './agency.routes.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    agency: AgencyServices;
  }
}

/** The agency loop's services, built over the contacts module's (the file's contact log). */
export function createAgencyServices(
  deps: Deps,
  contacts: ContactsService,
  lowActivity?: LowActivityService,
): AgencyServices {
  const lessons = createLessonsService(deps);
  return {
    requests: createRequestsService(deps),
    plans: createPlansService(deps),
    files: createFilesService(deps, contacts),
    matching: createMatchingService(deps),
    nearby: createNearbyService(deps),
    handover: createHandoverService(deps),
    lessons,
    links: createLinksService(deps, lessons),
    tickets: createTicketsService(deps),
    dashboards: createDashboardsService(deps, lowActivity),
    tasks: createTasksService(deps),
  };
}

/**
 * The agency loop: requests, files through the pipeline, matching, hand-over, follow-up, lessons, tickets,
 * dashboards. Its audited record types are `AGENCY_RECORDS` (agency.records.ts) and its demo data `agencyDemo`.
 */
export const agencyModule: ModuleManifest<'agency'> = {
  name: 'agency',
  settings: AGENCY_SETTINGS,
  publicPrefixes: ['/api/public/lesson-requests', '/api/public/places', '/api/links/'],
  sweeps: [followupSweep],
  records: AGENCY_RECORDS.map((r) => recordType(r.type, r.build)),
  demo: agencyDemo,
  services: (deps, modules) => {
    const contacts = (modules as { contacts?: ContactsService }).contacts;
    if (!contacts) throw new Error('module "contacts" must be assembled before the agency');
    // The dashboard's "few lessons" is the teachers module's low-activity rule (one definition, issue 13).
    const teachers = (modules as { teachers?: { lowActivity: LowActivityService } }).teachers;
    if (!teachers) throw new Error('module "teachers" must be assembled before the agency');
    return createAgencyServices(deps, contacts, teachers.lowActivity);
  },
  routes: (app, services, deps) => agencyRoutes(app, services, deps),
};
