import { useInfiniteQuery } from '@tanstack/react-query';
import type { PageOf } from '../api/client';

/** A keyset-paginated list ("load more"): all pages fetched so far, flattened. */
export function useKeysetList<T>(queryKey: readonly unknown[], fetchPage: (cursor: string | null) => Promise<PageOf<T>>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}
