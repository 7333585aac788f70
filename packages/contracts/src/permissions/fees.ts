import { definePermissions } from './define.js';

/**
 * School fees and cancellations: the secretariat issues a family's fees, sets its solidarity band, the school's
 * policy and special cancellation rules (a secretariat member in the schools they work for, fees.service.ts); a
 * guardian reads their own family's fees, chooses its payment plan and cancels its own places.
 */
export const FEES_PERMISSIONS = definePermissions({
  'fees.manage': ['secretariat'],
  'fees.family': ['guardian'],
});
