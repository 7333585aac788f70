import type { RouteObject } from 'react-router';
import { RequireRoles } from '../../features/auth/RequireAuth';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { OFFICE_ACCESS } from './office-access';

const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
const FamiliesPage = lazyPage(() => import('../../features/families/FamiliesPage'), 'FamiliesPage');
const FamilyPage = lazyPage(() => import('../../features/families/FamilyPage'), 'FamilyPage');
const PersonPage = lazyPage(() => import('../../features/people/PersonPage'), 'PersonPage');
const TeachersPage = lazyPage(() => import('../../features/teachers/TeachersPage'), 'TeachersPage');
const TeacherPage = lazyPage(() => import('../../features/teachers/TeacherPage'), 'TeacherPage');
const ApplicationsPage = lazyPage(() => import('../../features/teachers/ApplicationsPage'), 'ApplicationsPage');
const ApplicationPage = lazyPage(() => import('../../features/teachers/ApplicationPage'), 'ApplicationPage');
const MeetingsPage = lazyPage(() => import('../../features/teachers/MeetingsPage'), 'MeetingsPage');
const MeetingPage = lazyPage(() => import('../../features/teachers/MeetingPage'), 'MeetingPage');
const LowActivityPage = lazyPage(() => import('../../features/teachers/LowActivityPage'), 'LowActivityPage');
const UsersPage = lazyPage(() => import('../../features/users/UsersPage'), 'UsersPage');
const OutboxPage = lazyPage(() => import('../../features/outbox/OutboxPage'), 'OutboxPage');
const PipelinePage = lazyPage(() => import('../../features/agency/PipelinePage'), 'PipelinePage');
const OfficeLessonsPage = lazyPage(() => import('../../features/agency/LessonsMonthPage'), 'OfficeLessonsPage');
const FilePage = lazyPage(() => import('../../features/agency/FilePage'), 'FilePage');
const AgencyDashboardPage = lazyPage(() => import('../../features/agency/AgencyDashboardPage'), 'AgencyDashboardPage');
const TicketsPage = lazyPage(() => import('../../features/agency/TicketsPages'), 'TicketsPage');
const TicketPage = lazyPage(() => import('../../features/agency/TicketsPages'), 'TicketPage');
const ChangePasswordPage = lazyPage(() => import('../../features/account/ChangePasswordPage'), 'ChangePasswordPage');
const OutboxMessagePage = lazyPage(() => import('../../features/outbox/OutboxMessagePage'), 'OutboxMessagePage');

const BillingInvoicesPage = lazyPage(() => import('../../features/billing/OfficeBillingPages'), 'InvoicesPage');
const BillingHoldsPage = lazyPage(() => import('../../features/billing/OfficeBillingPages'), 'HoldsPage');
const BillingMandatesPage = lazyPage(() => import('../../features/billing/OfficeBillingPages'), 'MandatesPage');
const BillingBatchesPage = lazyPage(() => import('../../features/billing/OfficeBillingPages'), 'BatchesPage');
const BillingBatchPage = lazyPage(() => import('../../features/billing/OfficeBillingPages'), 'BatchPage');
const BillingCertificatesPage = lazyPage(() => import('../../features/billing/OfficeBillingPages'), 'CertificatesPage');

/** Children of /office; one lazily loaded chunk per page. */
export const officeRoutes: RouteObject[] = [
  { index: true, element: <DashboardPage /> },
  { path: 'password', element: <ChangePasswordPage /> },
  { path: 'files', element: <PipelinePage /> },
  { path: 'files/:id', element: <FilePage /> },
  {
    path: 'lessons',
    element: (
      <RequireRoles roles={OFFICE_ACCESS.lessons}>
        <OfficeLessonsPage />
      </RequireRoles>
    ),
  },
  { path: 'agency-dashboard', element: <AgencyDashboardPage /> },
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
  { path: '*', element: <NotFoundPage homePath="/office" /> },
];
