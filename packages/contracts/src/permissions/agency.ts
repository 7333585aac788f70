import { definePermissions } from './define.js';

/** Permissions of the agency module: permission → roles that hold it (admin holds all). */
export const AGENCY_PERMISSIONS = definePermissions({});
