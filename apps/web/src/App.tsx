import { Suspense } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Outlet, RouterProvider, createBrowserRouter, useRouteError } from 'react-router';
import { STAFF_ROLES } from './api/contract-values';
import { isApiError } from './api/client';
import { ME_KEY } from './features/auth/api';
import { RequireAuth, RootRedirect } from './features/auth/RequireAuth';
import { errorMessage } from './i18n/error-message';
import { officeRoutes } from './portals/office/office-routes';
import { OfficeShell } from './portals/office/OfficeShell';
import { FAMILY_NAV } from './portals/family/family-nav';
import { TEACHER_NAV } from './portals/teacher/teacher-nav';
import { CrashPage, NotFoundPage } from './ui/ErrorPages';
import { lazyPage } from './ui/lazy-page';
import { PageLoader } from './ui/PageLoader';
import { PortalShell } from './features/account/PortalShell';
import { PublicLayout } from './features/account/PublicLayout';
import { cssVariablesResolver, styleNonce, theme } from './ui/theme';

const LoginPage = lazyPage(() => import('./features/auth/LoginPage'), 'LoginPage');
const ForgotPasswordPage = lazyPage(() => import('./features/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./features/auth/TokenPasswordPage'), 'ResetPasswordPage');
const InvitationPage = lazyPage(() => import('./features/auth/TokenPasswordPage'), 'InvitationPage');
const SetupPage = lazyPage(() => import('./features/auth/SetupPage'), 'SetupPage');
const TeacherHomePage = lazyPage(() => import('./portals/teacher/TeacherHomePage'), 'TeacherHomePage');
const ApplyPage = lazyPage(() => import('./features/teachers/ApplyPage'), 'ApplyPage');
const MeetingAnswerPage = lazyPage(() => import('./features/teachers/MeetingAnswerPage'), 'MeetingAnswerPage');
const MyProfilePage = lazyPage(() => import('./features/teachers/MyProfilePage'), 'MyProfilePage');
const MyMeetingsPage = lazyPage(() => import('./features/teachers/MyMeetingsPage'), 'MyMeetingsPage');
const FamilyHomePage = lazyPage(() => import('./portals/family/FamilyHomePage'), 'FamilyHomePage');
const RequestFormPage = lazyPage(() => import('./features/agency/RequestFormPage'), 'RequestFormPage');
const LinkPage = lazyPage(() => import('./features/agency/LinkPage'), 'LinkPage');
const TeacherLessonsPage = lazyPage(() => import('./features/agency/LessonsMonthPage'), 'TeacherLessonsPage');
const TeacherStudentsPage = lazyPage(() => import('./features/agency/PortalPages'), 'TeacherStudentsPage');
const FamilyBillingPage = lazyPage(() => import('./features/billing/FamilyBillingPage'), 'FamilyBillingPage');
const ChangePasswordPage = lazyPage(() => import('./features/account/ChangePasswordPage'), 'ChangePasswordPage');
const FamilyLessonsPage = lazyPage(() => import('./features/agency/PortalPages'), 'FamilyLessonsPage');

/** A session that ended while browsing sends the user back to the login page. */
function onApiError(error: unknown) {
  if (isApiError(error) && error.status === 401 && error.code !== 'INVALID_CREDENTIALS') {
    queryClient.setQueryData(ME_KEY, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function RouteCrash() {
  const error = useRouteError();
  return (
    <PublicLayout>
      <CrashPage text={errorMessage(isApiError(error) ? error.code : 'INTERNAL')} />
    </PublicLayout>
  );
}

function PublicPages() {
  return (
    <PublicLayout>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </PublicLayout>
  );
}

const router = createBrowserRouter([
  {
    errorElement: <RouteCrash />,
    children: [
      { path: '/', element: <RootRedirect /> },
      {
        element: <PublicPages />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/forgot-password', element: <ForgotPasswordPage /> },
          { path: '/reset-password', element: <ResetPasswordPage /> },
          { path: '/invitation', element: <InvitationPage /> },
          { path: '/setup', element: <SetupPage /> },
          { path: '/apply', element: <ApplyPage /> },
          { path: '/meeting-answer/:token', element: <MeetingAnswerPage /> },
          { path: '/request', element: <RequestFormPage /> },
          { path: '/l/:token', element: <LinkPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        path: '/office',
        element: (
          <RequireAuth roles={STAFF_ROLES}>
            <OfficeShell />
          </RequireAuth>
        ),
        children: officeRoutes,
      },
      {
        path: '/teacher',
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
      {
        path: '/family',
        element: (
          <RequireAuth roles={['guardian']}>
            <PortalShell nav={FAMILY_NAV} />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <FamilyHomePage /> },
          { path: 'lessons', element: <FamilyLessonsPage /> },
          { path: 'billing', element: <FamilyBillingPage /> },
          { path: 'password', element: <ChangePasswordPage /> },
          { path: '*', element: <NotFoundPage homePath="/family" /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      getStyleNonce={styleNonce}
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
