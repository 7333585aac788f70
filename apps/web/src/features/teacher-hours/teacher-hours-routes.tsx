import type { RouteObject } from 'react-router';
import { RequireRoles } from '../auth/RequireAuth';
import { lazyPage } from '../../ui/lazy-page';
import { HOURS_OFFICE_NAV } from './teacher-hours-nav';

const TeacherHoursPage = lazyPage(() => import('./TeacherHoursPage'), 'TeacherHoursPage');

/** Teachers' hours' children of /office. */
export const hoursOfficeRoutes: RouteObject[] = [
  {
    path: 'teacher-hours',
    element: (
      <RequireRoles roles={HOURS_OFFICE_NAV.roles}>
        <TeacherHoursPage audience="office" />
      </RequireRoles>
    ),
  },
];
