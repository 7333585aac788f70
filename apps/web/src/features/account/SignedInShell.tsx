import type { ReactNode } from 'react';
import { navFor, type NavItem } from '../../ui/nav';
import { PortalShell } from '../../ui/PortalShell';
import { useCurrentUser } from '../auth/use-me';
import { UserMenu } from './UserMenu';

/** A portal's frame for the signed-in user (under RequireAuth): the navigation their roles open, their menu. */
export function SignedInShell({ nav, headerContent }: { nav: readonly NavItem[]; headerContent?: ReactNode }) {
  const me = useCurrentUser();
  return <PortalShell nav={navFor(nav, me.roles)} userMenu={<UserMenu />} headerContent={headerContent} />;
}
