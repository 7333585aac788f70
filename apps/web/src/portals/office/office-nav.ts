import {
  IconChartBar,
  IconCash,
  IconCreditCard,
  IconFileCertificate,
  IconHandStop,
  IconReceipt,
  IconAddressBook,
  IconCalendarEvent,
  IconCalendarTime,
  IconListDetails,
  IconListNumbers,
  IconPhonePlus,
  IconSettings,
  IconFolders,
  IconGavel,
  IconLayoutDashboard,
  IconMail,
  IconMusic,
  IconPhoneCall,
  IconSchool,
  IconTicket,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import '../../features/agency/agency-i18n';
import '../../features/billing/billing-i18n';
import type { NavItem } from '../../ui/nav';
import { OFFICE_ACCESS } from './office-access';
import { SCHOOLS_OFFICE_NAV } from '../../features/schools/schools-nav';
import { ATTENDANCE_OFFICE_NAV } from '../../features/attendance/attendance-nav';
import { MISSING_OFFICE_NAV } from '../../features/missing/missing-nav';
import { REPLACEMENTS_OFFICE_NAV } from '../../features/replacements/replacements-nav';
import { HOURS_OFFICE_NAV } from '../../features/teacher-hours/teacher-hours-nav';

/**
 * The office navigation, in display order. A module adds its page here (and its route in
 * office-routes.tsx); each user sees the entries matching at least one of their roles.
 */
export const OFFICE_NAV: NavItem[] = [
  { to: '/office', labelKey: 'nav.dashboard', icon: IconLayoutDashboard, roles: OFFICE_ACCESS.office, end: true },
  { to: '/office/files', labelKey: 'agency:pipeline.title', icon: IconFolders, roles: OFFICE_ACCESS.files },
  {
    to: '/office/requests/new',
    labelKey: 'nav.phoneRequest',
    icon: IconPhonePlus,
    roles: OFFICE_ACCESS.sell,
  },
  { to: '/office/lessons', labelKey: 'agency:lessonsMonth.title', icon: IconMusic, roles: OFFICE_ACCESS.lessons },
  {
    to: '/office/agency-dashboard',
    labelKey: 'agency:dashboard.title',
    icon: IconChartBar,
    roles: OFFICE_ACCESS.files,
  },
  { to: '/office/plans', labelKey: 'nav.plans', icon: IconListDetails, roles: OFFICE_ACCESS.files },
  { to: '/office/tickets', labelKey: 'agency:tickets.nav', icon: IconTicket, roles: OFFICE_ACCESS.tickets },
  ...SCHOOLS_OFFICE_NAV,
  ATTENDANCE_OFFICE_NAV,
  ...MISSING_OFFICE_NAV,
  REPLACEMENTS_OFFICE_NAV,
  HOURS_OFFICE_NAV,
  { to: '/office/families', labelKey: 'nav.families', icon: IconAddressBook, roles: OFFICE_ACCESS.directory },
  { to: '/office/teachers', labelKey: 'nav.teachers', icon: IconSchool, roles: OFFICE_ACCESS.directory, end: true },
  {
    to: '/office/teacher-applications',
    labelKey: 'nav.teacherApplications',
    icon: IconUserPlus,
    roles: OFFICE_ACCESS.teacherKeepers,
  },
  { to: '/office/meetings', labelKey: 'nav.meetings', icon: IconCalendarEvent, roles: OFFICE_ACCESS.directory },
  {
    to: '/office/teachers/low-activity',
    labelKey: 'nav.lowActivity',
    icon: IconPhoneCall,
    roles: OFFICE_ACCESS.teacherKeepers,
  },
  {
    to: '/office/billing',
    labelKey: 'billing:nav.invoices',
    icon: IconReceipt,
    roles: OFFICE_ACCESS.billing,
    end: true,
  },
  { to: '/office/billing/holds', labelKey: 'billing:nav.holds', icon: IconHandStop, roles: OFFICE_ACCESS.billingHolds },
  {
    to: '/office/billing/mandates',
    labelKey: 'billing:nav.mandates',
    icon: IconCreditCard,
    roles: OFFICE_ACCESS.billing,
  },
  { to: '/office/billing/batches', labelKey: 'billing:nav.batches', icon: IconCash, roles: OFFICE_ACCESS.billing },
  {
    to: '/office/billing/plans',
    labelKey: 'billing:nav.plans',
    icon: IconListNumbers,
    roles: OFFICE_ACCESS.billing,
  },
  {
    to: '/office/billing/deferrals',
    labelKey: 'billing:nav.deferrals',
    icon: IconCalendarTime,
    roles: OFFICE_ACCESS.billingDeferrals,
  },
  {
    to: '/office/billing/certificates',
    labelKey: 'billing:nav.certificates',
    icon: IconFileCertificate,
    roles: OFFICE_ACCESS.billing,
  },
  { to: '/office/board', labelKey: 'nav.board', icon: IconGavel, roles: OFFICE_ACCESS.board },
  { to: '/office/users', labelKey: 'nav.users', icon: IconUsers, roles: OFFICE_ACCESS.users },
  { to: '/office/settings', labelKey: 'nav.settings', icon: IconSettings, roles: OFFICE_ACCESS.settings },
  { to: '/office/outbox', labelKey: 'nav.outbox', icon: IconMail, roles: OFFICE_ACCESS.outbox },
];
