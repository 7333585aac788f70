import type { ModuleManifest } from '../../platform/module.js';
import { PEOPLE_RECORDS } from './people.records.js';
import { peopleRoutes } from './people.routes.js';
import { createPeopleService, type PeopleService } from './people.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    people: PeopleService;
  }
}

/** The directory: families, guardians, students, teachers' and staff's person records, and person search. */
export const peopleModule: ModuleManifest<'people'> = {
  name: 'people',
  records: PEOPLE_RECORDS,
  services: (deps) => createPeopleService(deps),
  routes: (app, people) => peopleRoutes(app, people),
};
