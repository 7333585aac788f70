import { Suspense, type ReactNode } from 'react';
import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../features/auth/use-me';
import { navFor, type NavItem } from '../ui/nav';
import { PageLoader } from '../ui/PageLoader';
import { MAIN_ID, SkipLink } from '../ui/SkipLink';
import { UserMenu } from './UserMenu';

interface PortalShellProps {
  nav: readonly NavItem[];
  /** Extra header content, e.g. the office's global search. */
  headerContent?: ReactNode;
}

function isActive(pathname: string, item: NavItem): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** Header, role-filtered navigation (a drawer behind a burger on phones) and the page's <main>. */
export function PortalShell({ nav, headerContent }: PortalShellProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
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
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="portal-nav" aria-label={t('app.mainNav')} inert={isPhone && !opened}>
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
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
