import { useRoutes } from 'react-router';
import { RequireAuth } from '../../features/auth/RequireAuth';
import { NotFoundPage } from '../../ui/ErrorPages';
import { lazyPage } from '../../ui/lazy-page';
import { PortalShell } from '../../features/account/PortalShell';
import { FAMILY_NAV } from './family-nav';

const FamilyHomePage = lazyPage(() => import('./FamilyHomePage'), 'FamilyHomePage');
const FamilyLessonsPage = lazyPage(() => import('../../features/agency/PortalPages'), 'FamilyLessonsPage');
const FamilyBillingPage = lazyPage(() => import('../../features/billing/FamilyBillingPage'), 'FamilyBillingPage');
const ChangePasswordPage = lazyPage(() => import('../../features/account/ChangePasswordPage'), 'ChangePasswordPage');

/** /family/*: the family portal, a chunk of its own (App.tsx), each page another. */
export function FamilyPortal() {
  return useRoutes([
    {
      element: (
        <RequireAuth roles={['guardian']}>
          <PortalShell nav={FAMILY_NAV} />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <FamilyHomePage /> },
        { path: 'lessons', element: <FamilyLessonsPage /> },
        { path: 'billing', element: <FamilyBillingPage /> },
        { path: 'password', element: <ChangePasswordPage /> },
        { path: '*', element: <NotFoundPage homePath="/family" /> },
      ],
    },
  ]);
}
