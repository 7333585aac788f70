import { useRoutes } from 'react-router';
import { RequireAuth } from '../../features/auth/RequireAuth';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { PortalShell } from '../PortalShell';
import { TEACHER_NAV } from './teacher-nav';

const TeacherHomePage = lazyPage(() => import('./TeacherHomePage'), 'TeacherHomePage');
const MyProfilePage = lazyPage(() => import('./MyProfilePage'), 'MyProfilePage');
const MyMeetingsPage = lazyPage(() => import('./MyMeetingsPage'), 'MyMeetingsPage');
const PortalFilesPage = lazyPage(() => import('../../features/agency/PortalFilesPage'), 'PortalFilesPage');
const LessonsMonthPage = lazyPage(() => import('../../features/agency/LessonsMonthPage'), 'LessonsMonthPage');
const MyTimetablePage = lazyPage(() => import('../../features/schools/MyTimetablePage'), 'MyTimetablePage');
const MyAttendancePage = lazyPage(() => import('../../features/attendance/MyAttendancePage'), 'MyAttendancePage');
const CalendarFeedsPage = lazyPage(
  () => import('../../features/calendar-feeds/CalendarFeedsPage'),
  'CalendarFeedsPage',
);
const TeacherHoursPage = lazyPage(() => import('../../features/teacher-hours/TeacherHoursPage'), 'TeacherHoursPage');
const ChangePasswordPage = lazyPage(() => import('../../features/account/ChangePasswordPage'), 'ChangePasswordPage');

/** /teacher/*: the teacher portal, a chunk of its own (App.tsx), each page another. */
export function TeacherPortal() {
  return useRoutes([
    {
      element: (
        <RequireAuth roles={['teacher']}>
          <PortalShell nav={TEACHER_NAV} />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <TeacherHomePage /> },
        { path: 'profile', element: <MyProfilePage /> },
        { path: 'meetings', element: <MyMeetingsPage /> },
        { path: 'students', element: <PortalFilesPage audience="teacher" /> },
        { path: 'lessons', element: <LessonsMonthPage audience="teacher" /> },
        { path: 'timetable', element: <MyTimetablePage /> },
        { path: 'attendance', element: <MyAttendancePage /> },
        { path: 'hours', element: <TeacherHoursPage audience="teacher" /> },
        { path: 'password', element: <ChangePasswordPage /> },
        { path: 'calendar', element: <CalendarFeedsPage /> },
        { path: '*', element: <NotFoundPage homePath="/teacher" /> },
      ],
    },
  ]);
}
