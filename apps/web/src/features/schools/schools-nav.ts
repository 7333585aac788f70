import {
  IconBooks,
  IconBuildingCommunity,
  IconCash,
  IconCalendarMonth,
  IconRepeat,
  IconReportAnalytics,
  IconTable,
  IconUserPlus,
} from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import { SCHOOLS_ACCESS } from './schools-access';
import './schools-nav-i18n';
import './enrolment-nav-i18n';

/** The school network's entries of the office navigation (admin, secretariat, board). */
export const SCHOOLS_OFFICE_NAV: NavItem[] = [
  { to: '/office/schools', labelKey: 'schools:nav.schools', icon: IconBuildingCommunity, roles: SCHOOLS_ACCESS.read },
  { to: '/office/seasons', labelKey: 'schools:nav.seasons', icon: IconCalendarMonth, roles: SCHOOLS_ACCESS.read },
  { to: '/office/courses', labelKey: 'schools:nav.courses', icon: IconBooks, roles: SCHOOLS_ACCESS.read },
  { to: '/office/timetables', labelKey: 'schools:nav.timetables', icon: IconTable, roles: SCHOOLS_ACCESS.read },
  { to: '/office/reports', labelKey: 'schools:nav.reports', icon: IconReportAnalytics, roles: SCHOOLS_ACCESS.reports },
  { to: '/office/registrations', labelKey: 'admission:nav.list', icon: IconUserPlus, roles: SCHOOLS_ACCESS.admissions },
  { to: '/office/reenrolment', labelKey: 'reenrol:nav', icon: IconRepeat, roles: SCHOOLS_ACCESS.reenrolment },
  { to: '/office/school-fees', labelKey: 'fees:nav.office', icon: IconCash, roles: SCHOOLS_ACCESS.courses },
];
