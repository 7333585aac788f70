import { useInfiniteQuery } from '@tanstack/react-query';
import type { PageOf } from '../api/client';

type ItemOf<P> = P extends PageOf<infer T> ? T : never;

/** A keyset-paginated list ("load more"): all pages fetched so far, flattened (a page may say more than its items). */
export function useKeysetList<P extends PageOf<unknown>>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | null) => Promise<P>,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items: ItemOf<P>[] = query.data?.pages.flatMap((page) => page.items as ItemOf<P>[]) ?? [];
  return { ...query, items };
}
