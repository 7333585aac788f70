import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../features/auth/use-me';
import { navFor, type NavItem } from '../ui/nav';
import { PageLoader } from '../ui/PageLoader';
import { MAIN_ID, SkipLink } from '../ui/SkipLink';

/**
 * The user's menu (language, password, logout) is a dropdown: its positioning code (floating-ui) is a good part of
 * a portal's first load, and nobody needs it before the page shows. Until it arrives, the same button holds its
 * place, so nothing moves; pressed meanwhile, the menu opens as soon as its code is there.
 */
const UserMenu = lazy(async () => ({ default: (await import('./UserMenu')).UserMenu }));

function UserMenuPlaceholder({ onPress }: { onPress: () => void }) {
  const me = useCurrentUser();
  return (
    <Button
      variant="default"
      rightSection={<IconChevronDown size={16} aria-hidden />}
      aria-haspopup="menu"
      aria-expanded={false}
      onClick={onPress}
    >
      {me.displayName}
    </Button>
  );
}

interface PortalShellProps {
  nav: readonly NavItem[];
  /** Extra header content, e.g. the office's global search. */
  headerContent?: ReactNode;
}

function isActive(pathname: string, item: NavItem): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** How long the first page may wait for its data before it shows what it has. */
const FIRST_PAGE_WAIT_MS = 4000;

/**
 * The first page of a visit (a family opening the link in an e-mail) shows once its data is there, all at once:
 * its sections would otherwise each replace a loader by a list of another height, pushing the ones below (layout
 * shift, issue 20). The page is laid out meanwhile, invisible, under the loader; later pages of the visit show
 * their sections as they come, as before.
 */
function FirstPageWhenLoaded({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown) return;
    let settle: ReturnType<typeof setTimeout> | undefined;
    // a query that ends may enable the next (the family, then its invoices): look again a moment later
    const check = () => {
      clearTimeout(settle);
      settle = setTimeout(() => {
        if (client.isFetching() === 0) setShown(true);
      }, 30);
    };
    const unsubscribe = client.getQueryCache().subscribe(check);
    check();
    const cap = setTimeout(() => setShown(true), FIRST_PAGE_WAIT_MS);
    return () => {
      unsubscribe();
      clearTimeout(settle);
      clearTimeout(cap);
    };
  }, [client, shown]);
  // the same elements before and after, so that the page is not mounted twice
  return (
    <div style={{ position: 'relative' }}>
      {shown ? null : (
        <div style={{ position: 'absolute', insetInline: 0, top: 0 }}>
          <PageLoader />
        </div>
      )}
      <div style={shown ? undefined : { visibility: 'hidden' }} aria-hidden={shown ? undefined : true}>
        {children}
      </div>
    </div>
  );
}

/** Header, role-filtered navigation (a drawer behind a burger on phones) and the page's <main>. */
export function PortalShell({ nav, headerContent }: PortalShellProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // pressed before the menu's code arrived: it opens when it does
  const [menuPressed, setMenuPressed] = useState(false);
  const items = navFor(nav, me.roles);
  // on phones the closed drawer stays in the DOM: keep its links out of the tab order
  const isPhone = useMediaQuery('(max-width: 47.99em)');

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header zIndex={150}>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <Burger
            opened={opened}
            onClick={toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={opened ? t('actions.closeMenu') : t('actions.openMenu')}
            aria-expanded={opened}
            aria-controls="portal-nav"
          />
          <Text fw={700} size="lg" visibleFrom="xs">
            Harmonie
          </Text>
          <div style={{ flex: 1, minWidth: 0 }}>{headerContent}</div>
          <Suspense fallback={<UserMenuPlaceholder onPress={() => setMenuPressed(true)} />}>
            <UserMenu defaultOpened={menuPressed} />
          </Suspense>
        </Group>
      </AppShell.Header>
      {/* A long menu (the director's) scrolls within the navbar instead of running off the screen. */}
      <AppShell.Navbar
        p="sm"
        id="portal-nav"
        aria-label={t('app.mainNav')}
        inert={isPhone && !opened}
        style={{ overflowY: 'auto' }}
      >
        {items.map((item) => {
          const active = isActive(pathname, item);
          const Icon = item.icon;
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.labelKey)}
              leftSection={<Icon size={18} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <FirstPageWhenLoaded>
            <Outlet />
          </FirstPageWhenLoaded>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
