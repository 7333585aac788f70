import { GlobalSearch } from '../../features/search/GlobalSearch';
import { SignedInShell } from '../../features/account/SignedInShell';
import { OFFICE_NAV } from './office-nav';

export function OfficeShell() {
  return <SignedInShell nav={OFFICE_NAV} headerContent={<GlobalSearch />} />;
}
