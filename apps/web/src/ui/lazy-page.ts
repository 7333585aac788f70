import { lazy, type ComponentType } from 'react';

/** A page loaded on first visit (one chunk per page), from a module's named export. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
