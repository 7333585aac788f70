import type { RouteObject } from 'react-router';
import { RequireRoles } from '../../features/auth/RequireAuth';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { OFFICE_ACCESS } from './office-access';
import { schoolsOfficeRoutes } from '../../features/schools/schools-routes';
import { attendanceOfficeRoutes } from '../../features/attendance/attendance-routes';
import { missingOfficeRoutes } from '../../features/missing/missing-routes';
import { replacementsOfficeRoutes } from '../../features/replacements/replacements-routes';
import { hoursOfficeRoutes } from '../../features/teacher-hours/teacher-hours-routes';

const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
const FamiliesPage = lazyPage(() => import('./FamiliesPage'), 'FamiliesPage');
const FamilyPage = lazyPage(() => import('./FamilyPage'), 'FamilyPage');
const PersonPage = lazyPage(() => import('./PersonPage'), 'PersonPage');
const TeachersPage = lazyPage(() => import('./TeachersPage'), 'TeachersPage');
const TeacherPage = lazyPage(() => import('./TeacherPage'), 'TeacherPage');
const ApplicationsPage = lazyPage(() => import('./ApplicationsPage'), 'ApplicationsPage');
const ApplicationPage = lazyPage(() => import('./ApplicationPage'), 'ApplicationPage');
const MeetingsPage = lazyPage(() => import('./MeetingsPage'), 'MeetingsPage');
const MeetingPage = lazyPage(() => import('./MeetingPage'), 'MeetingPage');
const LowActivityPage = lazyPage(() => import('./LowActivityPage'), 'LowActivityPage');
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');
const OutboxPage = lazyPage(() => import('./OutboxPage'), 'OutboxPage');
const PipelinePage = lazyPage(() => import('./PipelinePage'), 'PipelinePage');
const LessonsMonthPage = lazyPage(() => import('../../features/agency/LessonsMonthPage'), 'LessonsMonthPage');
const FilePage = lazyPage(() => import('./FilePage'), 'FilePage');
const AgencyDashboardPage = lazyPage(() => import('./AgencyDashboardPage'), 'AgencyDashboardPage');
const TicketsPage = lazyPage(() => import('./TicketsPage'), 'TicketsPage');
const TicketPage = lazyPage(() => import('./TicketPage'), 'TicketPage');
const CalendarFeedsPage = lazyPage(
  () => import('../../features/calendar-feeds/CalendarFeedsPage'),
  'CalendarFeedsPage',
);
const ChangePasswordPage = lazyPage(() => import('../../features/account/ChangePasswordPage'), 'ChangePasswordPage');
const OutboxMessagePage = lazyPage(() => import('./OutboxMessagePage'), 'OutboxMessagePage');
const PhoneRequestPage = lazyPage(() => import('./PhoneRequestPage'), 'PhoneRequestPage');
const PlansPage = lazyPage(() => import('./PlansPage'), 'PlansPage');
const SettingsPage = lazyPage(() => import('./SettingsPage'), 'SettingsPage');
const OpenRequestsPage = lazyPage(() => import('./OpenRequestsPage'), 'OpenRequestsPage');

const BillingInvoicesPage = lazyPage(() => import('./InvoicesPage'), 'InvoicesPage');
const BillingHoldsPage = lazyPage(() => import('./HoldsPage'), 'HoldsPage');
const InstalmentPlansPage = lazyPage(() => import('./InstalmentPlansPage'), 'InstalmentPlansPage');
const InstalmentPlanPage = lazyPage(() => import('./InstalmentPlanPage'), 'InstalmentPlanPage');
const DeferralsPage = lazyPage(() => import('./DeferralsPage'), 'DeferralsPage');
const DeferralPage = lazyPage(() => import('./DeferralPage'), 'DeferralPage');
const BillingMandatesPage = lazyPage(() => import('./MandatesPage'), 'MandatesPage');
const BillingBatchesPage = lazyPage(() => import('./BatchesPage'), 'BatchesPage');
const BillingBatchPage = lazyPage(() => import('./BatchPage'), 'BatchPage');
const BillingCertificatesPage = lazyPage(() => import('./CertificatesPage'), 'CertificatesPage');
const BoardPage = lazyPage(() => import('../../features/board/BoardPage'), 'BoardPage');

/** Children of /office; one lazily loaded chunk per page. */
export const officeRoutes: RouteObject[] = [
  { index: true, element: <DashboardPage /> },
  { path: 'password', element: <ChangePasswordPage /> },
  { path: 'calendar', element: <CalendarFeedsPage /> },
  {
    path: 'files',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.files}>
        <PipelinePage />
      </RequireRoles>
    ),
  },
  {
    path: 'requests/new',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.sell}>
        <PhoneRequestPage />
      </RequireRoles>
    ),
  },
  {
    path: 'plans',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.files}>
        <PlansPage />
      </RequireRoles>
    ),
  },
  {
    path: 'settings',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.settings}>
        <SettingsPage />
      </RequireRoles>
    ),
  },
  { path: 'files/:id', element: <FilePage /> },
  {
    path: 'lessons',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.lessons}>
        <LessonsMonthPage audience="office" />
      </RequireRoles>
    ),
  },
  {
    path: 'agency-dashboard',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.files}>
        <AgencyDashboardPage />
      </RequireRoles>
    ),
  },
  {
    path: 'tickets',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.tickets}>
        <TicketsPage />
      </RequireRoles>
    ),
  },
  {
    path: 'tickets/:id',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.tickets}>
        <TicketPage />
      </RequireRoles>
    ),
  },
  { path: 'families', element: <FamiliesPage /> },
  { path: 'families/:id', element: <FamilyPage /> },
  { path: 'people/:id', element: <PersonPage /> },
  { path: 'teachers', element: <TeachersPage /> },
  { path: 'teachers/:id', element: <TeacherPage /> },
  {
    path: 'teachers/:id/open-requests',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.match}>
        <OpenRequestsPage />
      </RequireRoles>
    ),
  },
  {
    path: 'teachers/low-activity',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.teacherKeepers}>
        <LowActivityPage />
      </RequireRoles>
    ),
  },
  {
    path: 'teacher-applications',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.teacherKeepers}>
        <ApplicationsPage />
      </RequireRoles>
    ),
  },
  {
    path: 'teacher-applications/:id',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.teacherKeepers}>
        <ApplicationPage />
      </RequireRoles>
    ),
  },
  { path: 'meetings', element: <MeetingsPage /> },
  {
    path: 'board',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.board}>
        <BoardPage />
      </RequireRoles>
    ),
  },
  { path: 'meetings/:id', element: <MeetingPage /> },
  {
    path: 'users',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.users}>
        <UsersPage />
      </RequireRoles>
    ),
  },
  {
    path: 'outbox',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.outbox}>
        <OutboxPage />
      </RequireRoles>
    ),
  },
  {
    path: 'outbox/:id',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.outbox}>
        <OutboxMessagePage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <BillingInvoicesPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/holds',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billingHolds}>
        <BillingHoldsPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/mandates',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <BillingMandatesPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/batches',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <BillingBatchesPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/batches/:id',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <BillingBatchPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/certificates',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <BillingCertificatesPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/plans',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <InstalmentPlansPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/plans/:id',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billing}>
        <InstalmentPlanPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/deferrals',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billingDeferrals}>
        <DeferralsPage />
      </RequireRoles>
    ),
  },
  {
    path: 'billing/deferrals/:id',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.billingDeferrals}>
        <DeferralPage />
      </RequireRoles>
    ),
  },
  ...schoolsOfficeRoutes,
  ...attendanceOfficeRoutes,
  ...missingOfficeRoutes,
  ...replacementsOfficeRoutes,
  ...hoursOfficeRoutes,
  { path: '*', element: <NotFoundPage homePath="/office" /> },
];
