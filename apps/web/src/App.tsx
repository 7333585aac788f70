import { Component, Suspense, lazy, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, useLocation, useRoutes, type RouteObject } from 'react-router';
import { isApiError } from './api/client';
import { ME_KEY } from './features/auth/api';
import { RootRedirect } from './features/auth/RequireAuth';
import { errorMessage } from './i18n/error-message';
import { publicRoutes } from './portals/public/public-routes';
import { CrashPage } from './ui/ErrorPages';
import { lazyPage } from './ui/lazy-page';
import { PageLoader } from './ui/PageLoader';
import { PublicLayout } from './features/account/PublicLayout';
import { cssVariablesResolver, theme } from './ui/theme';

/*
 * Each audience loads only its own code: the public pages are small chunks of their own (public-routes.tsx), and
 * each portal is one chunk with its routes, shell and navigation, loaded when its path is opened. A family on its
 * phone never downloads the office, nor the charts library.
 */
const OfficePortal = lazyPage(() => import('./portals/office/OfficePortal'), 'OfficePortal');
const TeacherPortal = lazyPage(() => import('./portals/teacher/TeacherPortal'), 'TeacherPortal');
const FamilyPortal = lazyPage(() => import('./portals/family/FamilyPortal'), 'FamilyPortal');
// Toasts appear after an action, never on first paint: their code comes after the page (ui/notify.ts shares the store).
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

/** A session that ended while browsing sends the user back to the login page. */
function onApiError(error: unknown) {
  if (isApiError(error) && error.status === 401 && error.code !== 'INVALID_CREDENTIALS') {
    queryClient.setQueryData(ME_KEY, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * A page that throws while rendering shows the crash page instead of a blank screen. The declarative router (no
 * data router: its loaders and actions are not used, and it would weigh on every page's first load) has no
 * errorElement, so this boundary holds that place.
 */
class RouteCrash extends Component<{ pathname: string; children: ReactNode }, { error: unknown; pathname: string }> {
  override state = { error: undefined as unknown, pathname: this.props.pathname };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  /** Going to another page leaves the crash behind. */
  static getDerivedStateFromProps(props: { pathname: string }, state: { error: unknown; pathname: string }) {
    return props.pathname === state.pathname ? null : { error: undefined, pathname: props.pathname };
  }
  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return (
      <PublicLayout>
        <CrashPage text={errorMessage(isApiError(error) ? error.code : 'INTERNAL')} />
      </PublicLayout>
    );
  }
}

/** A portal's chunk is loading: the same loader as its pages, so nothing jumps when it arrives. */
function Portal({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoader />}>{children}</Suspense>;
}

const routes: RouteObject[] = [
  { path: '/', element: <RootRedirect /> },
  publicRoutes,
  {
    path: '/office/*',
    element: (
      <Portal>
        <OfficePortal />
      </Portal>
    ),
  },
  {
    path: '/teacher/*',
    element: (
      <Portal>
        <TeacherPortal />
      </Portal>
    ),
  },
  {
    path: '/family/*',
    element: (
      <Portal>
        <FamilyPortal />
      </Portal>
    ),
  },
];

function Routes() {
  const { pathname } = useLocation();
  return <RouteCrash pathname={pathname}>{useRoutes(routes)}</RouteCrash>;
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Suspense fallback={null}>
        <Notifications position="top-right" />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
