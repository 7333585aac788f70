import { required, type ModuleManifest } from '../../platform/module.js';
import { schoolsRoutes } from './schools.routes.js';
import { SCHOOLS_RECORDS } from './schools.records.js';
import { createSchoolsService, type SchoolsService } from './schools.service.js';
import { createSeasonsService, type SeasonsService } from './seasons.service.js';
import { createCoursesService, type CoursesService } from './courses.service.js';
import { createBoardService, type BoardService } from './board.service.js';
import { createReportsService, type ReportsService } from './reports.service.js';
import { boardRoutes } from './board.routes.js';
import { schoolsDemo } from './schools.demo.js';
import { ADMISSION_RECORDS } from './admission.records.js';
import { admissionRoutes } from './admission.routes.js';
import { ADMISSION_RATE_LIMIT, createAdmissionService, type AdmissionService } from './admission.service.js';
import { createFeesService, type FeesService } from './fees.service.js';
import { feesRoutes } from './fees.routes.js';
import { FEES_RECORDS } from './fees.records.js';
import { createChoiceService, promoteWaitingLists, type ChoiceService } from './choice.service.js';
import { choiceRoutes } from './choice.routes.js';
import { CHOICE_SETTINGS } from './choice.settings.js';
import { CHOICE_RECORDS } from './choice.records.js';
import { createReenrolmentService, REENROLMENT_SWEEP, type ReenrolmentService } from './reenrolment.service.js';
import { reenrolmentRoutes } from './reenrolment.routes.js';
import { REENROLMENT_RECORDS } from './reenrolment.records.js';
import { REENROLMENT_SETTINGS } from './reenrolment.settings.js';
import { createAttendanceService, type AttendanceService } from './attendance.service.js';
import { attendanceRoutes } from './attendance.routes.js';
import { ATTENDANCE_SETTINGS } from './attendance.settings.js';
import { ATTENDANCE_RECORDS } from './attendance.records.js';
import { createCalendarFeedsService, type CalendarFeedsService } from './calendar-feeds.service.js';
import { calendarFeedsRoutes } from './calendar-feeds.routes.js';
import { createDistanceService, DISTANCE_SWEEP, type DistanceService } from './distance.service.js';
import { distanceRoutes } from './distance.routes.js';
import { DISTANCE_SETTINGS } from './distance.settings.js';
import {
  ABSENCE_NOTICES_SWEEP,
  createAbsenceNoticesService,
  type AbsenceNoticesService,
} from './absence-notices.service.js';
import { absenceNoticesRoutes } from './absence-notices.routes.js';
import { ABSENCE_NOTICE_SETTINGS } from './absence-notices.settings.js';
import { createMissingReportService, type MissingReportService } from './missing-report.service.js';
import { createReplacementsService, type ReplacementsService } from './replacements.service.js';
import { replacementsRoutes } from './replacements.routes.js';
import { REPLACEMENTS_RECORDS } from './replacements.records.js';
import { createTeacherHoursService, type TeacherHoursService } from './teacher-hours.service.js';
import { teacherHoursRoutes } from './teacher-hours.routes.js';
import { TEACHER_HOURS_RECORDS } from './teacher-hours.records.js';

export type SchoolsModuleServices = {
  schools: SchoolsService;
  seasons: SeasonsService;
  courses: CoursesService;
  board: BoardService;
  reports: ReportsService;
  admission: AdmissionService;
  fees: FeesService;
  choice: ChoiceService;
  reenrolment: ReenrolmentService;
  attendance: AttendanceService;
  calendarFeeds: CalendarFeedsService;
  distance: DistanceService;
  absenceNotices: AbsenceNoticesService;
  missingReport: MissingReportService;
  replacements: ReplacementsService;
  teacherHours: TeacherHoursService;
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
  publicPrefixes: [
    '/api/calendars/',
    '/api/public/admissions/',
    '/api/reenrolment-links/',
    '/api/distance-links/',
    '/api/feeds/',
  ],
  records: [
    ...SCHOOLS_RECORDS,
    ...ADMISSION_RECORDS,
    ...FEES_RECORDS,
    ...CHOICE_RECORDS,
    ...REENROLMENT_RECORDS,
    ...ATTENDANCE_RECORDS,
    ...REPLACEMENTS_RECORDS,
    ...TEACHER_HOURS_RECORDS,
  ],
  settings: [
    ADMISSION_RATE_LIMIT,
    ...CHOICE_SETTINGS,
    ...REENROLMENT_SETTINGS,
    ...ATTENDANCE_SETTINGS,
    ...DISTANCE_SETTINGS,
    ...ABSENCE_NOTICE_SETTINGS,
  ],
  sweeps: [
    { name: 'schools.waiting-lists', run: (deps) => promoteWaitingLists(deps) },
    REENROLMENT_SWEEP,
    DISTANCE_SWEEP,
    ABSENCE_NOTICES_SWEEP,
  ],
  demo: schoolsDemo,
  services: (deps, modules) => {
    const schools = createSchoolsService(deps);
    const seasons = createSeasonsService(deps);
    const courses = createCoursesService(deps, schools, seasons);
    const reports = createReportsService(deps, schools, seasons);
    const admission = createAdmissionService(deps, schools, required(modules, 'users'));
    const fees = createFeesService(deps, schools, required(modules, 'billing'));
    // A confirmed place issues the season's fees: the fees service is handed to the parts that confirm places.
    const choice = createChoiceService(deps, schools, fees.feesOnConfirmation);
    const reenrolment = createReenrolmentService(deps, schools, fees.feesOnConfirmation);
    const attendance = createAttendanceService(deps, schools, seasons);
    return {
      schools,
      seasons,
      courses,
      board: createBoardService(deps),
      reports,
      admission,
      fees,
      choice,
      reenrolment,
      attendance,
      distance: createDistanceService(deps, attendance),
      // Private calendar feeds (issue 18, item 7): the courses' lessons, and a teacher's meetings and first lessons.
      calendarFeeds: createCalendarFeedsService(deps, schools, seasons),
      absenceNotices: createAbsenceNoticesService(deps),
      missingReport: createMissingReportService(deps, schools),
      replacements: createReplacementsService(deps, schools, seasons),
      teacherHours: createTeacherHoursService(deps, schools, seasons),
    };
  },
  routes: (app, services) => {
    schoolsRoutes(app, services);
    boardRoutes(app, services.board);
    admissionRoutes(app, services.admission);
    feesRoutes(app, services.fees);
    choiceRoutes(app, services.choice);
    reenrolmentRoutes(app, services.reenrolment);
    attendanceRoutes(app, services.attendance);
    calendarFeedsRoutes(app, services.calendarFeeds);
    distanceRoutes(app, services.distance);
    absenceNoticesRoutes(app, services.absenceNotices, services.missingReport);
    replacementsRoutes(app, services.replacements);
    teacherHoursRoutes(app, services.teacherHours);
  },
};
