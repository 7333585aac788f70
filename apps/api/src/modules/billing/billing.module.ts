import type { ModuleManifest } from '../../platform/module.js';
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
