import { useRoutes } from 'react-router';
import { STAFF_ROLES } from '../../api/contract-values';
import { RequireAuth } from '../../features/auth/RequireAuth';
import { officeRoutes } from './office-routes';
import { OfficeShell } from './OfficeShell';

/** /office/*: the staff's pages, a chunk of its own (App.tsx) that no family or teacher loads. */
export function OfficePortal() {
  return useRoutes([
    {
      element: (
        <RequireAuth roles={STAFF_ROLES}>
          <OfficeShell />
        </RequireAuth>
      ),
      children: officeRoutes,
    },
  ]);
}
