import { Suspense } from 'react';
import { Outlet, type RouteObject } from 'react-router';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { PageLoader } from '../../ui/PageLoader';
import { PublicLayout } from '../../features/account/PublicLayout';

/*
 * The pages seen without logging in: the request and application forms, the signed links of e-mails, the login and
 * password pages. Each is its own small chunk; none waits for the session, and none loads a portal's code.
 */
const LoginPage = lazyPage(() => import('../../features/auth/LoginPage'), 'LoginPage');
const ForgotPasswordPage = lazyPage(() => import('../../features/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../../features/auth/TokenPasswordPage'), 'ResetPasswordPage');
const InvitationPage = lazyPage(() => import('../../features/auth/TokenPasswordPage'), 'InvitationPage');
const SetupPage = lazyPage(() => import('../../features/auth/SetupPage'), 'SetupPage');
const ApplyPage = lazyPage(() => import('../../features/teachers/ApplyPage'), 'ApplyPage');
const MeetingAnswerPage = lazyPage(() => import('../../features/teachers/MeetingAnswerPage'), 'MeetingAnswerPage');
const RequestFormPage = lazyPage(() => import('../../features/agency/RequestFormPage'), 'RequestFormPage');
const LinkPage = lazyPage(() => import('../../features/agency/LinkPage'), 'LinkPage');

function PublicPages() {
  return (
    <PublicLayout>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </PublicLayout>
  );
}

export const publicRoutes: RouteObject = {
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
};
