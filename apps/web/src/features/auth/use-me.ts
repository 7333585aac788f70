import { useQuery } from '@tanstack/react-query';
import type { Me } from '@contracts';
import { ME_KEY, fetchMe } from './api';

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The logged-in user; only for components rendered under RequireAuth. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser is only available under RequireAuth');
  return data;
}
