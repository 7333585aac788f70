import type { Deps } from './deps.js';
import type { FastifyZod } from './fastify-zod.js';
import type { Sweep } from './jobs.js';
import type { SettingDefinition } from './settings.js';
import type { ActionRule, RecordPolicy } from './records.js';
import type { DemoContext } from '../seed/demo.js';

/**
 * A record type the module audits, with its read policy (`registerRecordType`), or the reader of an action the
 * module audits on another module's record type (`registerRecordAction`).
 */
export type RecordRegistration =
  | { type: string; policy: (deps: Deps) => RecordPolicy }
  | { type: string; action: string; rule: (deps: Deps) => ActionRule };

/** The module's part of the demo organisation, run in the demo's transaction after the modules before it. */
export type DemoExtension = (ctx: DemoContext) => Promise<void>;

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
  /** Record types (and gathered actions) whose history is read under the record's own rules. */
  records?: readonly RecordRegistration[];
  /** Demo data, added when the demo organisation is created. */
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
