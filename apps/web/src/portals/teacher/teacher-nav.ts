import { IconCalendarEvent, IconHome, IconId, IconMusic, IconUsersGroup } from '@tabler/icons-react';
import '../../features/agency/agency-i18n';
import type { NavItem } from '../../ui/nav';
import { SCHOOLS_TEACHER_NAV } from '../../features/schools/schools-teacher-nav';
import { ATTENDANCE_TEACHER_NAV } from '../../features/attendance/attendance-nav';
import { HOURS_TEACHER_NAV } from '../../features/teacher-hours/teacher-hours-nav';

export const TEACHER_NAV: NavItem[] = [
  { to: '/teacher', labelKey: 'nav.home', icon: IconHome, roles: ['teacher'], end: true },
  { to: '/teacher/students', labelKey: 'agency:portal.students', icon: IconUsersGroup, roles: ['teacher'] },
  { to: '/teacher/lessons', labelKey: 'agency:lessonsMonth.myTitle', icon: IconMusic, roles: ['teacher'] },
  SCHOOLS_TEACHER_NAV,
  ATTENDANCE_TEACHER_NAV,
  HOURS_TEACHER_NAV,
  { to: '/teacher/profile', labelKey: 'nav.myProfile', icon: IconId, roles: ['teacher'] },
  { to: '/teacher/meetings', labelKey: 'nav.myMeetings', icon: IconCalendarEvent, roles: ['teacher'] },
];
