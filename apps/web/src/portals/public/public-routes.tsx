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
const LoginPage = lazyPage(() => import('./LoginPage'), 'LoginPage');
const ForgotPasswordPage = lazyPage(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage');
const TokenPasswordPage = lazyPage(() => import('./TokenPasswordPage'), 'TokenPasswordPage');
const SetupPage = lazyPage(() => import('./SetupPage'), 'SetupPage');
const ApplyPage = lazyPage(() => import('./ApplyPage'), 'ApplyPage');
const MeetingAnswerPage = lazyPage(() => import('./MeetingAnswerPage'), 'MeetingAnswerPage');
const RequestFormPage = lazyPage(() => import('../../features/agency/RequestFormPage'), 'RequestFormPage');
const LinkPage = lazyPage(() => import('./LinkPage'), 'LinkPage');
const AdmissionPage = lazyPage(() => import('../../features/enrolment-admission/AdmissionPage'), 'AdmissionPage');
const ReenrolmentLinkPage = lazyPage(
  () => import('../../features/enrolment-reenrol/ReenrolmentLinkPage'),
  'ReenrolmentLinkPage',
);

const DistanceAckPage = lazyPage(() => import('../../features/attendance/DistanceAckPage'), 'DistanceAckPage');

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
    { path: '/reset-password', element: <TokenPasswordPage purpose="reset" /> },
    { path: '/invitation', element: <TokenPasswordPage purpose="invite" /> },
    { path: '/setup', element: <SetupPage /> },
    { path: '/apply', element: <ApplyPage /> },
    { path: '/meeting-answer/:token', element: <MeetingAnswerPage /> },
    { path: '/request', element: <RequestFormPage /> },
    { path: '/l/:token', element: <LinkPage /> },
    { path: '/inscription/:schoolId', element: <AdmissionPage /> },
    { path: '/reenrolment/:token', element: <ReenrolmentLinkPage /> },
    { path: '/ack/:token', element: <DistanceAckPage /> },
    { path: '*', element: <NotFoundPage /> },
  ],
};
