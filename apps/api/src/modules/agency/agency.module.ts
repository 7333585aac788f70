import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { Deps } from '../../platform/deps.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import './agency.settings.js';
import './followup.sweep.js';
import { createRequestsService } from './requests.service.js';
import { createPlansService } from './plans.service.js';
import { createFilesService } from './files.service.js';
import { createMatchingService } from './matching.service.js';
import { createHandoverService } from './handover.service.js';
import { createLessonsService } from './lessons.service.js';
import { createLinksService } from './links.service.js';
import { createTicketsService } from './tickets.service.js';
import { createDashboardsService } from './dashboards.service.js';
import { agencyRoutes } from './agency.routes.js';

/** The agency loop: builds its services and registers its routes, settings and sweep. */
export function registerAgency(app: FastifyZod, deps: Deps, contacts: ContactsService): void {
  const lessons = createLessonsService(deps);
  agencyRoutes(
    app,
    {
      requests: createRequestsService(deps),
      plans: createPlansService(deps),
      files: createFilesService(deps, contacts),
      matching: createMatchingService(deps),
      handover: createHandoverService(deps),
      lessons,
      links: createLinksService(deps, lessons),
      tickets: createTicketsService(deps),
      dashboards: createDashboardsService(deps),
    },
    deps,
  );
}
