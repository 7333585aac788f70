import type { ModuleManifest } from '../../platform/module.js';
import { schoolsRoutes } from './schools.routes.js';
import { SCHOOLS_RECORDS } from './schools.records.js';
import { createSchoolsService, type SchoolsService } from './schools.service.js';
import { createSeasonsService, type SeasonsService } from './seasons.service.js';
import { createCoursesService, type CoursesService } from './courses.service.js';
import { createBoardService, type BoardService } from './board.service.js';
import { createReportsService, type ReportsService } from './reports.service.js';
import { boardRoutes } from './board.routes.js';
import { schoolsDemo } from './schools.demo.js';
import { createReenrolmentService, REENROLMENT_SWEEP, type ReenrolmentService } from './reenrolment.service.js';
import { reenrolmentRoutes } from './reenrolment.routes.js';
import { REENROLMENT_RECORDS } from './reenrolment.records.js';
import { REENROLMENT_SETTINGS } from './reenrolment.settings.js';

export type SchoolsModuleServices = {
  schools: SchoolsService;
  seasons: SeasonsService;
  courses: CoursesService;
  board: BoardService;
  reports: ReportsService;
  reenrolment: ReenrolmentService;
};

declare module '../../platform/module.js' {
  interface ModuleServices {
    schools: SchoolsModuleServices;
  }
}

/**
 * The association's network of music schools (DOMAIN.md, "The school network"): schools and rooms, seasons and
 * terms, and the season calendar every lesson count reads. Courses, timetables and enrolment build on it; the
 * board's register of decisions sets each season's tariffs.
 */
export const schoolsModule: ModuleManifest<'schools'> = {
  name: 'schools',
  publicPrefixes: ['/api/calendars/', '/api/reenrolment-links/'],
  records: [...SCHOOLS_RECORDS, ...REENROLMENT_RECORDS],
  settings: [...REENROLMENT_SETTINGS],
  sweeps: [REENROLMENT_SWEEP],
  demo: schoolsDemo,
  services: (deps) => {
    const schools = createSchoolsService(deps);
    const seasons = createSeasonsService(deps);
    const courses = createCoursesService(deps, schools, seasons);
    const reports = createReportsService(deps, schools, seasons);
    const reenrolment = createReenrolmentService(deps, schools);
    return { schools, seasons, courses, board: createBoardService(deps), reports, reenrolment };
  },
  routes: (app, services) => {
    schoolsRoutes(app, services);
    boardRoutes(app, services.board);
    reenrolmentRoutes(app, services.reenrolment);
  },
};
