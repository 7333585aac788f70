import type { RouteObject } from 'react-router';
import { RequireRoles } from '../auth/RequireAuth';
import { lazyPage } from '../../ui/lazy-page';
import { SCHOOLS_ACCESS } from './schools-access';

const SchoolsPage = lazyPage(() => import('./SchoolsPage'), 'SchoolsPage');
const NewSchoolPage = lazyPage(() => import('./SchoolPage'), 'NewSchoolPage');
const SchoolPage = lazyPage(() => import('./SchoolPage'), 'SchoolPage');
const SchoolCalendarPage = lazyPage(() => import('./SchoolCalendarPage'), 'SchoolCalendarPage');
const SeasonsPage = lazyPage(() => import('./SeasonsPage'), 'SeasonsPage');
const SeasonPage = lazyPage(() => import('./SeasonPage'), 'SeasonPage');
const CoursesPage = lazyPage(() => import('./CoursesPage'), 'CoursesPage');
const CoursePage = lazyPage(() => import('./CoursePage'), 'CoursePage');
const TimetablePage = lazyPage(() => import('./TimetablePage'), 'TimetablePage');
const ReportsPage = lazyPage(() => import('./ReportsPage'), 'ReportsPage');
const RegistrationsPage = lazyPage(() => import('../enrolment-admission/RegistrationsPage'), 'RegistrationsPage');
const CampaignsPage = lazyPage(() => import('../enrolment-reenrol/CampaignsPage'), 'CampaignsPage');
const CampaignProgressPage = lazyPage(
  () => import('../enrolment-reenrol/CampaignProgressPage'),
  'CampaignProgressPage',
);
const OfficeFeesPage = lazyPage(() => import('../enrolment-fees/OfficeFeesPage'), 'OfficeFeesPage');
const OfficeFamilyFeesPage = lazyPage(() => import('../enrolment-fees/OfficeFamilyFeesPage'), 'OfficeFamilyFeesPage');

const guarded = (roles: (typeof SCHOOLS_ACCESS)[keyof typeof SCHOOLS_ACCESS], element: React.ReactNode) => (
  <RequireRoles roles={roles}>{element}</RequireRoles>
);

/** The school network's children of /office; one lazily loaded chunk per page. */
export const schoolsOfficeRoutes: RouteObject[] = [
  { path: 'schools', element: guarded(SCHOOLS_ACCESS.read, <SchoolsPage />) },
  { path: 'schools/new', element: guarded(SCHOOLS_ACCESS.configure, <NewSchoolPage />) },
  { path: 'schools/:id', element: guarded(SCHOOLS_ACCESS.read, <SchoolPage />) },
  { path: 'schools/:id/calendar/:seasonId', element: guarded(SCHOOLS_ACCESS.read, <SchoolCalendarPage />) },
  { path: 'seasons', element: guarded(SCHOOLS_ACCESS.read, <SeasonsPage />) },
  { path: 'seasons/:id', element: guarded(SCHOOLS_ACCESS.read, <SeasonPage />) },
  { path: 'courses', element: guarded(SCHOOLS_ACCESS.read, <CoursesPage />) },
  { path: 'courses/:id', element: guarded(SCHOOLS_ACCESS.read, <CoursePage />) },
  { path: 'timetables', element: guarded(SCHOOLS_ACCESS.read, <TimetablePage />) },
  { path: 'reports', element: guarded(SCHOOLS_ACCESS.reports, <ReportsPage />) },
  { path: 'registrations', element: guarded(SCHOOLS_ACCESS.admissions, <RegistrationsPage />) },
  { path: 'reenrolment', element: guarded(SCHOOLS_ACCESS.reenrolment, <CampaignsPage />) },
  { path: 'reenrolment/:id', element: guarded(SCHOOLS_ACCESS.reenrolment, <CampaignProgressPage />) },
  { path: 'school-fees', element: guarded(SCHOOLS_ACCESS.courses, <OfficeFeesPage />) },
  { path: 'school-fees/families/:familyId', element: guarded(SCHOOLS_ACCESS.courses, <OfficeFamilyFeesPage />) },
];
