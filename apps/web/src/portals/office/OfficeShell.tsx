import { GlobalSearch } from '../../features/search/GlobalSearch';
import { PortalShell } from '../../ui/PortalShell';
import { OFFICE_NAV } from './office-nav';

export function OfficeShell() {
  return <PortalShell nav={OFFICE_NAV} headerContent={<GlobalSearch />} />;
}
