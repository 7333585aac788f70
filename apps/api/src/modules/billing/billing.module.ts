import type { Deps } from '../../platform/deps.js';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { ModuleManifest } from '../../platform/module.js';
import { registerSweep } from '../../platform/jobs.js';
import { registerRecordAction, registerRecordType } from '../../platform/records.js';
import { registerSettings } from '../../platform/settings.js';
import { registerDemoExtension } from '../../seed/demo.js';
import { BILLING_SWEEP, createBillingServices, type BillingServices } from './billing.service.js';
import { billingRoutes } from './billing.routes.js';
import { BILLING_SETTINGS } from './billing.settings.js';
import { BILLING_RECORDS } from './billing.records.js';
import { billingDemo } from './billing.demo.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    billing: BillingServices;
  }
}

/** Billing: invoices, payments, SEPA mandates and collection batches, debit holds, tax certificates. */
export const billingModule: ModuleManifest<'billing'> = {
  name: 'billing',
  settings: BILLING_SETTINGS,
  sweeps: [BILLING_SWEEP],
  records: BILLING_RECORDS,
  demo: billingDemo,
  services: (deps) => createBillingServices(deps),
  routes: (app, services) => billingRoutes(app, services),
};

let registered = false;

/**
 * Transitional, until modules/index.ts assembles the manifests: registers what the manifest lists in the global
 * registries (settings, sweeps, record policies, demo), once per process (tests build many apps). Called before any
 * service is built, since the history service reads the record policies when it is created.
 */
export function registerBillingParts(): void {
  if (registered) return;
  registered = true;
  registerSettings(billingModule.settings ?? []);
  for (const sweep of billingModule.sweeps ?? []) registerSweep(sweep);
  for (const record of billingModule.records ?? []) {
    if ('action' in record) registerRecordAction(record.type, record.action, record.rule);
    else registerRecordType(record.type, record.policy);
  }
  if (billingModule.demo) registerDemoExtension(billingModule.demo);
}

/** Transitional: the billing routes over its services (after registerBillingParts). */
export function registerBilling(app: FastifyZod, deps: Deps): void {
  registerBillingParts();
  void billingModule.routes(app, billingModule.services(deps, {}), deps);
}
