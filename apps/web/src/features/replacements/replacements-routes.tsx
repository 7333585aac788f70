import type { RouteObject } from 'react-router';
import { RequireRoles } from '../auth/RequireAuth';
import { lazyPage } from '../../ui/lazy-page';
import { REPLACEMENTS_OFFICE_NAV } from './replacements-nav';

const ReplacementsPage = lazyPage(() => import('./ReplacementsPage'), 'ReplacementsPage');

/** Replacements' children of /office. */
export const replacementsOfficeRoutes: RouteObject[] = [
  {
    path: 'replacements',
    element: (
      <RequireRoles roles={REPLACEMENTS_OFFICE_NAV.roles}>
        <ReplacementsPage />
      </RequireRoles>
    ),
  },
];
