import { GlobalSearch } from '../../features/search/GlobalSearch';
import { PortalShell } from '../PortalShell';
import { OFFICE_NAV } from './office-nav';

export function OfficeShell() {
  return <PortalShell nav={OFFICE_NAV} headerContent={<GlobalSearch />} />;
}
