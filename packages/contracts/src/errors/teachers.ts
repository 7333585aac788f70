import { defineErrors } from './define.js';

/** Codes of the teachers module. */
export const TEACHERS_ERRORS = defineErrors({});
