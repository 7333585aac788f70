import { Suspense, type ReactNode } from 'react';
import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from './nav';
import { PageLoader } from './PageLoader';
import { MAIN_ID, SkipLink } from './SkipLink';

interface PortalShellProps {
  /** The navigation this user may see (already filtered by role: `navFor`). */
  nav: readonly NavItem[];
  /** The signed-in user's menu, at the header's end. */
  userMenu: ReactNode;
  /** Extra header content, e.g. the office's global search. */
  headerContent?: ReactNode;
}

function isActive(pathname: string, item: NavItem): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** Header, role-filtered navigation (a drawer behind a burger on phones) and the page's <main>. */
export function PortalShell({ nav, userMenu, headerContent }: PortalShellProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
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
          {userMenu}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="portal-nav" aria-label={t('app.mainNav')} inert={isPhone && !opened}>
        {nav.map((item) => {
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
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
