import { definePermissions } from './define.js';

/** Permissions of the billing module: permission → roles that hold it (admin holds all). Teachers see nothing of billing. */
export const BILLING_PERMISSIONS = definePermissions({
  /** Invoices, payments, mandates, batches, certificates, sweeps: accounts; every family's billing is read. */
  'billing.manage': ['accounts'],
  /** Debit holds are listed and released by accounts or followup (who knows whether lessons happen). */
  'billing.holds': ['accounts', 'followup'],
  /** Recorded payment deferrals are read by the board that votes them and accounts who apply them. */
  'billing.deferrals.read': ['board', 'accounts'],
  /** A payment deferral is recorded by the board. */
  'billing.deferrals.record': ['board'],
});
