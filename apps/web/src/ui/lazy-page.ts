import { lazy, type ComponentType } from 'react';

/**
 * A page loaded on first visit (one chunk per page), from a module's named export. A page shared by two routes takes
 * its variant as props (`<LessonsMonthPage audience="teacher" />`), so both routes load the same chunk.
 */
export function lazyPage<K extends string, P extends object = object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
