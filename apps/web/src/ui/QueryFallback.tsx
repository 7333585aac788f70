import { isApiError } from '../api/client';
import { AccessDeniedPage, NotFoundPage } from './ErrorPages';
import { PageLoader } from './PageLoader';
import { ProblemAlert } from './ProblemAlert';

interface QueryFallbackProps {
  error: unknown;
  /** When the page's own data failed, 403 and 404 replace the page; elsewhere they are an alert. */
  asPage?: boolean;
}

/** What to show while a query has no data: a loader, an access-denied or not-found page, or an alert. */
export function QueryFallback({ error, asPage = true }: QueryFallbackProps) {
  if (!error) return <PageLoader />;
  if (asPage && isApiError(error) && error.status === 403) return <AccessDeniedPage />;
  if (asPage && isApiError(error) && error.status === 404) return <NotFoundPage />;
  return <ProblemAlert error={error} />;
}
