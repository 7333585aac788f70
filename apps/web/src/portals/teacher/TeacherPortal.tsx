import { useRoutes } from 'react-router';
import { RequireAuth } from '../../features/auth/RequireAuth';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { PortalShell } from '../../features/account/PortalShell';
import { TEACHER_NAV } from './teacher-nav';

const TeacherHomePage = lazyPage(() => import('./TeacherHomePage'), 'TeacherHomePage');
const MyProfilePage = lazyPage(() => import('../../features/teachers/MyProfilePage'), 'MyProfilePage');
const MyMeetingsPage = lazyPage(() => import('../../features/teachers/MyMeetingsPage'), 'MyMeetingsPage');
const TeacherStudentsPage = lazyPage(() => import('../../features/agency/PortalPages'), 'TeacherStudentsPage');
const TeacherLessonsPage = lazyPage(() => import('../../features/agency/LessonsMonthPage'), 'TeacherLessonsPage');
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
        { path: 'students', element: <TeacherStudentsPage /> },
        { path: 'lessons', element: <TeacherLessonsPage /> },
        { path: 'password', element: <ChangePasswordPage /> },
        { path: '*', element: <NotFoundPage homePath="/teacher" /> },
      ],
    },
  ]);
}
