import { defineErrors } from './define.js';

/** Codes of the agency module. */
export const AGENCY_ERRORS = defineErrors({});
