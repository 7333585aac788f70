import type { RouteObject } from 'react-router';
import { RequireRoles } from '../auth/RequireAuth';
import { lazyPage } from '../../ui/lazy-page';
import { ATTENDANCE_OFFICE_NAV } from './attendance-nav';

const AttendanceSheetsPage = lazyPage(() => import('./AttendanceSheetsPage'), 'AttendanceSheetsPage');

/** Attendance's children of /office. */
export const attendanceOfficeRoutes: RouteObject[] = [
  {
    path: 'attendance',
    element: (
      <RequireRoles roles={ATTENDANCE_OFFICE_NAV.roles}>
        <AttendanceSheetsPage />
      </RequireRoles>
    ),
  },
];
