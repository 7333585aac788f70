import type { RouteObject } from 'react-router';
import { RequireRoles } from '../auth/RequireAuth';
import { lazyPage } from '../../ui/lazy-page';
import { MISSING_OFFICE_NAV } from './missing-nav';

const MissingStudentsPage = lazyPage(() => import('./MissingStudentsPage'), 'MissingStudentsPage');
const ContactIssuesPage = lazyPage(() => import('./ContactIssuesPage'), 'ContactIssuesPage');

/** The missing-students and contacts reports, children of /office. */
export const missingOfficeRoutes: RouteObject[] = [
  {
    path: 'missing-students',
    element: (
      <RequireRoles roles={MISSING_OFFICE_NAV[0]!.roles}>
        <MissingStudentsPage />
      </RequireRoles>
    ),
  },
  {
    path: 'contact-issues',
    element: (
      <RequireRoles roles={MISSING_OFFICE_NAV[1]!.roles}>
        <ContactIssuesPage />
      </RequireRoles>
    ),
  },
];
