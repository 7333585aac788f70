import { IconChecklist } from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import './attendance-nav-i18n';

/** The teacher portal's entry: their attendance sheets. */
export const ATTENDANCE_TEACHER_NAV: NavItem = {
  to: '/teacher/attendance',
  labelKey: 'attendance:nav.mine',
  icon: IconChecklist,
  roles: ['teacher'],
};

/** The office's entry: the period's sheets of the schools one follows (secretariat, board, director). */
export const ATTENDANCE_OFFICE_NAV: NavItem = {
  to: '/office/attendance',
  labelKey: 'attendance:nav.office',
  icon: IconChecklist,
  roles: ['admin', 'secretariat', 'board'],
};

/** The family portal's entry: the children's attendance marks. */
export const ATTENDANCE_FAMILY_NAV: NavItem = {
  to: '/family/attendance',
  labelKey: 'attendance:nav.family',
  icon: IconChecklist,
  roles: ['guardian'],
};
