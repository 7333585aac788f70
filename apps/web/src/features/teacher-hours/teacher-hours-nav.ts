import { IconClockHour4 } from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import './teacher-hours-nav-i18n';

/** The office's entry: the monthly hours of the teachers of the schools one follows (secretariat, board, director). */
export const HOURS_OFFICE_NAV: NavItem = {
  to: '/office/teacher-hours',
  labelKey: 'hours:nav.office',
  icon: IconClockHour4,
  roles: ['admin', 'secretariat', 'board'],
};

/** The teacher portal's entry: their own hours of the month. */
export const HOURS_TEACHER_NAV: NavItem = {
  to: '/teacher/hours',
  labelKey: 'hours:nav.mine',
  icon: IconClockHour4,
  roles: ['teacher'],
};
