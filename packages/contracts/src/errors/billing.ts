import { defineErrors } from './define.js';

/** Codes of the billing module. */
export const BILLING_ERRORS = defineErrors({});
