import type { Deps } from './deps.js';
import type { FastifyZod } from './fastify-zod.js';
import type { DemoExtension } from './demo.js';
import type { Sweep } from './jobs.js';
import type { RecordRegistration } from './records.js';
import type { SettingDefinition } from './settings.js';

/**
 * The services every module offers the others, by module name. Each module adds its own entry by declaration
 * merging, beside its manifest:
 *   declare module '../../platform/module.js' { interface ModuleServices { contacts: ContactsService } }
 * so a module that needs another's rules receives them typed, without importing that module's internals.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleServices {}

/**
 * What a module is, in one value: the app assembles the list of manifests (modules/index.ts) and the platform
 * imports no module. Nothing registers itself by being imported.
 */
export type ModuleManifest<Name extends keyof ModuleServices = keyof ModuleServices> = {
  name: Name;
  /** Organisation settings the module reads (typed readers from `defineSetting`). */
  settings?: readonly SettingDefinition<unknown>[];
  /** Path prefixes under /api answered to anonymous callers (public forms, signed links). */
  publicPrefixes?: readonly string[];
  /** Periodic work (idempotent, run under a lease). */
  sweeps?: readonly Sweep[];
  /** The record types it audits and the audited actions it adds to others' (history read under their rules). */
  records?: readonly RecordRegistration[];
  /** Its part of the demo organisation (seed/demo.ts runs the parts in manifest order). */
  demo?: DemoExtension;
  /** Builds the module's services; `modules` holds those of the modules listed before it. */
  services: (deps: Deps, modules: Partial<ModuleServices>) => ModuleServices[Name];
  /** Registers the HTTP routes over the services. */
  routes: (app: FastifyZod, services: ModuleServices[Name], deps: Deps) => void | Promise<void>;
};

/** A service another module must have been built before this one: fails at start-up, not at the first request. */
export function required<K extends keyof ModuleServices>(modules: Partial<ModuleServices>, name: K): ModuleServices[K] {
  const service = modules[name];
  if (!service) throw new Error(`module "${String(name)}" must be assembled before the modules that use it`);
  return service as ModuleServices[K];
}

/** Any module's manifest (the list the app assembles). */
export type AnyModuleManifest = { [K in keyof ModuleServices]: ModuleManifest<K> }[keyof ModuleServices];

type LooseManifest = {
  name: string;
  services: (deps: Deps, modules: Partial<ModuleServices>) => unknown;
  routes: (app: FastifyZod, services: unknown, deps: Deps) => void | Promise<void>;
};

/** Builds every module's services in list order, each seeing those built before it. */
export function buildModuleServices(manifests: readonly AnyModuleManifest[], deps: Deps): Partial<ModuleServices> {
  const built: Record<string, unknown> = {};
  for (const m of manifests as readonly LooseManifest[]) built[m.name] = m.services(deps, built);
  return built;
}

/** Registers every module's routes in list order, over its services. */
export async function registerModuleRoutes(
  app: FastifyZod,
  manifests: readonly AnyModuleManifest[],
  services: Partial<ModuleServices>,
  deps: Deps,
): Promise<void> {
  const byName = services as Record<string, unknown>;
  for (const m of manifests as readonly LooseManifest[]) await m.routes(app, byName[m.name], deps);
}
