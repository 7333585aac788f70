import {
  IconCalendarEvent,
  IconCash,
  IconHome,
  IconMusic,
  IconReceipt,
  IconRepeat,
  IconSchool,
} from '@tabler/icons-react';
import '../../features/agency/agency-i18n';
import '../../features/billing/billing-i18n';
import '../../features/schools/enrolment-nav-i18n';
import type { NavItem } from '../../ui/nav';
import { ATTENDANCE_FAMILY_NAV } from '../../features/attendance/attendance-nav';
import { DISTANCE_FAMILY_NAV } from '../../features/attendance/distance-nav';
import { MISSING_FAMILY_NAV } from '../../features/missing/missing-nav';

export const FAMILY_NAV: NavItem[] = [
  { to: '/family', labelKey: 'nav.home', icon: IconHome, roles: ['guardian'], end: true },
  { to: '/family/lessons', labelKey: 'agency:portal.ourLessons', icon: IconMusic, roles: ['guardian'] },
  { to: '/family/choice', labelKey: 'choice:nav', icon: IconCalendarEvent, roles: ['guardian'] },
  { to: '/family/billing', labelKey: 'billing:nav.portal', icon: IconReceipt, roles: ['guardian'] },
  { to: '/family/enrolments', labelKey: 'admission:nav.mine', icon: IconSchool, roles: ['guardian'] },
  { to: '/family/school-fees', labelKey: 'fees:nav.portal', icon: IconCash, roles: ['guardian'] },
  { to: '/family/reenrolment', labelKey: 'reenrol:nav', icon: IconRepeat, roles: ['guardian'] },
  ATTENDANCE_FAMILY_NAV,
  DISTANCE_FAMILY_NAV,
  MISSING_FAMILY_NAV,
];
