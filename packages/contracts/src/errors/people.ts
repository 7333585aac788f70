import { defineErrors } from './define.js';

/** Codes of the people module. */
export const PEOPLE_ERRORS = defineErrors({});
