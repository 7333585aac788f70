import { IconTable } from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import './schools-nav-i18n';

/** The teacher portal's entry of the school network: their own timetable. */
export const SCHOOLS_TEACHER_NAV: NavItem = {
  to: '/teacher/timetable',
  labelKey: 'schools:nav.myTimetable',
  icon: IconTable,
  roles: ['teacher'],
};
