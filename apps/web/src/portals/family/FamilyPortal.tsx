import { useRoutes } from 'react-router';
import { RequireAuth } from '../../features/auth/RequireAuth';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { PortalShell } from '../PortalShell';
import { FAMILY_NAV } from './family-nav';

const FamilyHomePage = lazyPage(() => import('./FamilyHomePage'), 'FamilyHomePage');
const PortalFilesPage = lazyPage(() => import('../../features/agency/PortalFilesPage'), 'PortalFilesPage');
const FamilyBillingPage = lazyPage(() => import('./FamilyBillingPage'), 'FamilyBillingPage');
const MyEnrolmentsPage = lazyPage(
  () => import('../../features/enrolment-admission/MyEnrolmentsPage'),
  'MyEnrolmentsPage',
);
const FamilyFeesPage = lazyPage(() => import('../../features/enrolment-fees/FamilyFeesPage'), 'FamilyFeesPage');
const ChoicePage = lazyPage(() => import('../../features/enrolment-choice/ChoicePage'), 'ChoicePage');
const FamilyReenrolmentPage = lazyPage(
  () => import('../../features/enrolment-reenrol/FamilyReenrolmentPage'),
  'FamilyReenrolmentPage',
);
const FamilyAttendancePage = lazyPage(
  () => import('../../features/attendance/FamilyAttendancePage'),
  'FamilyAttendancePage',
);
const CalendarFeedsPage = lazyPage(
  () => import('../../features/calendar-feeds/CalendarFeedsPage'),
  'CalendarFeedsPage',
);
const FamilyDistancePage = lazyPage(() => import('../../features/attendance/FamilyDistancePage'), 'FamilyDistancePage');
const AbsenceNoticesPage = lazyPage(() => import('../../features/missing/AbsenceNoticesPage'), 'AbsenceNoticesPage');
const ChangePasswordPage = lazyPage(() => import('../../features/account/ChangePasswordPage'), 'ChangePasswordPage');

/** /family/*: the family portal, a chunk of its own (App.tsx), each page another. */
export function FamilyPortal() {
  return useRoutes([
    {
      element: (
        <RequireAuth roles={['guardian']}>
          <PortalShell nav={FAMILY_NAV} />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <FamilyHomePage /> },
        { path: 'lessons', element: <PortalFilesPage audience="family" /> },
        { path: 'billing', element: <FamilyBillingPage /> },
        { path: 'school-fees', element: <FamilyFeesPage /> },
        { path: 'choice', element: <ChoicePage /> },
        { path: 'reenrolment', element: <FamilyReenrolmentPage /> },
        { path: 'password', element: <ChangePasswordPage /> },
        { path: 'calendar', element: <CalendarFeedsPage /> },
        { path: 'enrolments', element: <MyEnrolmentsPage /> },
        { path: 'attendance', element: <FamilyAttendancePage /> },
        { path: 'distance', element: <FamilyDistancePage /> },
        { path: 'absence-notices', element: <AbsenceNoticesPage /> },
        { path: '*', element: <NotFoundPage homePath="/family" /> },
      ],
    },
  ]);
}
