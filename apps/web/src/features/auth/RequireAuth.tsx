import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@contracts';
import { hasStoredLanguage } from '../../i18n/i18n';
import { AccessDeniedPage, CrashPage } from '../../ui/ErrorPages';
import { hasAnyRole } from '../../ui/nav';
import { PageLoader } from '../../ui/PageLoader';
import { PublicLayout } from '../account/PublicLayout';
import { errorMessage } from '../../i18n/error-message';
import { isApiError } from '../../api/client';
import { homePathFor } from './home-path';
import { useMe } from './use-me';

interface RequireAuthProps {
  /** The user needs at least one of these roles; otherwise an access-denied page. */
  roles?: readonly Role[];
  children: ReactNode;
}

/** Sends visitors to the login page (and back here afterwards), and wrong audiences to access denied. */
export function RequireAuth({ roles, children }: RequireAuthProps) {
  const { data: me, error, isPending } = useMe();
  const location = useLocation();
  const { i18n } = useTranslation();

  useEffect(() => {
    if (me && !hasStoredLanguage() && i18n.language !== me.locale) void i18n.changeLanguage(me.locale);
  }, [me, i18n]);

  if (isPending) return <PageLoader />;
  if (error) {
    return (
      <PublicLayout>
        <CrashPage text={errorMessage(isApiError(error) ? error.code : 'INTERNAL')} />
      </PublicLayout>
    );
  }
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !hasAnyRole(me.roles, roles)) {
    return (
      <PublicLayout>
        <AccessDeniedPage homePath={homePathFor(me.roles)} />
      </PublicLayout>
    );
  }
  return <>{children}</>;
}

/** Inside a portal: the page, or access denied when this user lacks the roles it needs. */
export function RequireRoles({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me || !hasAnyRole(me.roles, roles)) return <AccessDeniedPage homePath={me ? homePathFor(me.roles) : '/'} />;
  return <>{children}</>;
}

/** "/" goes to the user's portal, or to the login page. */
export function RootRedirect() {
  const { data: me, isPending } = useMe();
  if (isPending) return <PageLoader />;
  return <Navigate to={me ? homePathFor(me.roles) : '/login'} replace />;
}
